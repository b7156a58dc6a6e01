import NLPTokenizers

/// Writes a generated summary in the article's own spelling. Runs of summary tokens that also
/// occur, in that order, in the article are written as the article's text for those tokens;
/// the remaining tokens go through the tokenizer's decoder.
///
///     article  "Among the accused were Altria Group (AIG) and RJ Reynolds."
///     tokens   the accused were altria group ( aig ) said
///     decoder  "the accused were altria group ( aig ) said"
///     here     "The accused were Altria Group (AIG) said"
///
/// Why: an uncased model (MiniLM, BERT-uncased) generates lowercase word pieces, and a WordPiece
/// decoder cannot know where the article had no space ("(AIG)", "ex-chief", "£155bn"). A summariser
/// with a copy head writes most of its summary by copying, so the article itself knows how those
/// tokens were spelled. A copied run that starts mid-sentence but with a capital letter in the
/// article (its first word began a sentence there) is lowercased when the article also has that
/// word in lowercase ("The" -> "the", but "Altria" stays). The summary's first letter is
/// capitalised.
public struct ArticleSpelling {
    let text: [UInt8]
    let ids: [Int32]
    let offsets: [Range<Int>]
    let tokenizer: Tokenizer
    let lowercaseWords: Set<String>

    /// `encoding`: the article encoded without special tokens (offsets into `article`'s UTF-8),
    /// possibly truncated.
    public init(article: String, encoding: Encoding, tokenizer: Tokenizer) {
        text = Array(article.utf8)
        ids = encoding.ids
        offsets = encoding.offsets
        self.tokenizer = tokenizer
        var words = Set<String>()
        for word in article.split(whereSeparator: { !$0.isLetter }) where word.first?.isLowercase == true { words.insert(String(word)) }
        lowercaseWords = words
    }

    /// The summary text of generated `summary` ids (no special tokens).
    public func spell(_ summary: [Int32]) -> String {
        var pieces: [(text: String, continuesWord: Bool)] = []
        var generated: [Int32] = []
        func flushGenerated() {
            guard !generated.isEmpty else { return }
            pieces.append((tokenizer.decode(generated, skipSpecialTokens: true), isContinuation(generated[0])))
            generated.removeAll()
        }
        var i = 0, previousEnd: Int? = nil
        while i < summary.count {
            let (start, length) = longestRun(of: summary, from: i, preferring: previousEnd)
            if length == 0 {
                generated.append(summary[i])
                i += 1
                previousEnd = nil
                continue
            }
            flushGenerated()
            let bytes = offsets[start].lowerBound..<offsets[start + length - 1].upperBound
            var piece = Self.joiningLines(String(decoding: text[bytes], as: UTF8.self))
            if !pieces.isEmpty, !isContinuation(summary[i]), !endsSentence(pieces.last!.text) { piece = lowercasedIfCommon(piece) }
            pieces.append((piece, isContinuation(summary[i])))
            i += length
            previousEnd = start + length
        }
        flushGenerated()
        var out = ""
        for piece in pieces where !piece.text.isEmpty {
            if !out.isEmpty && !piece.continuesWord && needsSpace(after: out, before: piece.text) { out += " " }
            out += piece.text
        }
        return capitalizingFirstLetter(out)
    }

    /// Marks after which a line already reads as finished.
    static let lineEndMarks = SummaryTruncation.sentenceEndMarks.union(SummaryTruncation.closingMarks).union([":", ";", ","])

    /// The article's text for a run on one line: a line without closing punctuation (a headline
    /// the run continued past) ends with a full stop, and every whitespace run becomes one space.
    ///
    ///     "Insurance bosses plead guilty\n\nAnother three US insurance executives"
    ///     -> "Insurance bosses plead guilty. Another three US insurance executives"
    static func joiningLines(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .filter { !$0.isEmpty }
        return lines.enumerated().map { i, line in
            i < lines.count - 1 && !(line.last.map { lineEndMarks.contains($0) } ?? true) ? line + "." : line
        }.joined(separator: " ")
    }

    /// The longest run of `summary[from...]` in the article: (article start, length); 0 when the
    /// token is not in the article. Ties go to the run continuing the previous copy.
    func longestRun(of summary: [Int32], from: Int, preferring continuation: Int?) -> (Int, Int) {
        var best = (0, 0)
        for j in ids.indices where ids[j] == summary[from] && offsets[j].upperBound > offsets[j].lowerBound {
            var k = 1
            while from + k < summary.count, j + k < ids.count, ids[j + k] == summary[from + k] { k += 1 }
            if k > best.1 || (k == best.1 && j == continuation) { best = (j, k) }
        }
        return best
    }

    func isContinuation(_ id: Int32) -> Bool { tokenizer.idToToken(id)?.hasPrefix("##") == true }

    func endsSentence(_ text: String) -> Bool {
        guard let last = text.last(where: { !$0.isWhitespace && !SummaryTruncation.closingMarks.contains($0) }) else { return true }
        return SummaryTruncation.sentenceEndMarks.contains(last)
    }

    /// "The" -> "the" when the article also writes "the"; names keep their capital.
    func lowercasedIfCommon(_ piece: String) -> String {
        guard let first = piece.first, first.isUppercase else { return piece }
        let word = piece.prefix { $0.isLetter }
        let lower = word.lowercased()
        guard word.dropFirst().allSatisfy({ $0.isLowercase }), lowercaseWords.contains(lower) else { return piece }
        return lower + piece.dropFirst(word.count)
    }

    func needsSpace(after left: String, before right: String) -> Bool {
        guard let l = left.last, let r = right.first else { return false }
        if l.isWhitespace || r.isWhitespace { return false }
        if ".,;:!?)]}%".contains(r) { return false }
        if "([{$£€".contains(l) { return false }
        return true
    }

    func capitalizingFirstLetter(_ s: String) -> String {
        guard let i = s.firstIndex(where: { $0.isLetter }), s[i].isLowercase else { return s }
        return s[..<i] + s[i].uppercased() + s[s.index(after: i)...]
    }
}
