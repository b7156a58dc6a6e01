import NLPTokenizers

/// How a reference summary longer than `--target-len` becomes a training target: cut after the
/// last sentence end that fits, not in the middle of a word.
///
///     ids    "the court ruled . it was a 2 - 1 decision ." (limit 8)
///     cut    "the court ruled ."         rather than  "the court ruled . it was a 2"
///
/// Why: the decoder learns where to put the end token from its targets. Hard-cut targets teach
/// it to stop mid-sentence (and mid-name: "liggett" cut to "ligg"), which is what users then
/// read; sentence-cut targets teach it to stop where a sentence stops. When no sentence end
/// leaves at least a third of the limit (one very long first sentence) the cut is hard.
public struct SummaryTruncation: Sendable {
    /// Marks that end a sentence, and closing marks that may follow one and belong to it. Shared
    /// with `ArticleSpelling`, which checks the same thing on text, so the two agree.
    public static let sentenceEndMarks: Set<Character> = [".", "!", "?", "。", "！", "？"]
    public static let closingMarks: Set<Character> = ["\"", "'", ")", "”", "’", "」"]

    /// Token ids that end a sentence: ".", "!", "?" (and "。", "！", "？").
    public let sentenceEnds: Set<Int32>
    /// Token ids that may follow a sentence end and belong to it: closing quotes and brackets.
    public let closers: Set<Int32>
    /// Token ids that begin with a digit: a "." between two of them is a decimal point ("39 . 5").
    public let digits: Set<Int32>

    public init(sentenceEnds: Set<Int32>, closers: Set<Int32> = [], digits: Set<Int32> = []) {
        self.sentenceEnds = sentenceEnds
        self.closers = closers
        self.digits = digits
    }

    /// The sentence-end and closer ids of `tokenizer`'s vocabulary (tokens it does not have are
    /// left out).
    public init(tokenizer: Tokenizer) {
        func ids(_ marks: Set<Character>) -> Set<Int32> { Set(marks.compactMap { tokenizer.tokenToId(String($0)) }) }
        var digits = Set<Int32>()
        for id in 0..<Int32(tokenizer.vocabularySize(withAddedTokens: true)) {
            if let token = tokenizer.idToToken(id), token.drop(while: { $0 == "#" }).first?.isNumber == true { digits.insert(id) }
        }
        self.init(sentenceEnds: ids(Self.sentenceEndMarks), closers: ids(Self.closingMarks), digits: digits)
    }

    /// Whether `ids[i]` ends a sentence (a "." between two numbers does not).
    func endsSentence(_ ids: [Int32], at i: Int) -> Bool {
        guard sentenceEnds.contains(ids[i]) else { return false }
        return !(i > 0 && i + 1 < ids.count && digits.contains(ids[i - 1]) && digits.contains(ids[i + 1]))
    }

    /// `ids` without an unfinished last sentence (when a complete one before it leaves at least a
    /// third): for a generated summary that stopped mid-sentence.
    /// With the `article`'s ids, a summary that ends on a number's decimal point copied from it
    /// ("£39." of "£39.5bn") counts as unfinished too.
    public func droppingUnfinishedSentence(_ ids: [Int32], article: [Int32] = []) -> [Int32] {
        guard let last = ids.last else { return ids }
        if ids.count >= 2, sentenceEnds.contains(last), digits.contains(ids[ids.count - 2]),
           article.indices.dropLast(2).contains(where: { article[$0] == ids[ids.count - 2] && article[$0 + 1] == last && digits.contains(article[$0 + 2]) }) {
            return truncate(ids.dropLast() + [-1], limit: ids.count - 1)
        }
        guard !sentenceEnds.contains(last), !closers.contains(last) else { return ids }
        return truncate(ids + [-1], limit: ids.count)
    }

    /// At most `limit` ids of `ids`, ending after a sentence end when one leaves at least a third.
    public func truncate(_ ids: [Int32], limit: Int) -> [Int32] {
        guard ids.count > limit else { return ids }
        var end = limit
        while end > 0 && !endsSentence(ids, at: end - 1) { end -= 1 }
        guard end > 0, end * 3 >= limit else { return Array(ids.prefix(limit)) }
        while end < limit && closers.contains(ids[end]) { end += 1 }
        return Array(ids.prefix(end))
    }
}
