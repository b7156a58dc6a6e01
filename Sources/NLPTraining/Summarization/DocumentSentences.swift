import NLPUnicode

/// A document cut into sentences with ICU's sentence rules (NLPUnicode's `SentenceSegmenter`),
/// with its headline set apart.
///
/// News articles (BBC, CNN/DM) start with a headline: a first paragraph with no sentence
/// terminator, followed by a blank line. Reference summaries do not contain it, so summarisers
/// work on `sentences` (the body) and keep `headline` only as a feature. A paragraph break inside
/// the body always ends a sentence, even without a full stop.
///
///     let doc = try DocumentSentences("Storm hits coast\n\nWinds reached 100 mph. Homes lost power.")
///     doc.headline   // "Storm hits coast"
///     doc.sentences  // ["Winds reached 100 mph.", "Homes lost power."]
public struct DocumentSentences: Sendable {
    public var headline: String?
    public var sentences: [String]

    public init(_ text: String, segmenter: SentenceSegmenter, detectHeadline: Bool = true) {
        var paragraphs = Self.paragraphs(text)
        headline = nil
        if detectHeadline, paragraphs.count > 1, let first = paragraphs.first,
           !first.contains("\n"), !Self.endsWithTerminator(first) {
            headline = first
            paragraphs.removeFirst()
        }
        sentences = paragraphs.flatMap { paragraph in
            segmenter.sentences(in: paragraph).map(String.init).filter { !$0.isEmpty }
        }
    }

    public init(_ text: String, locale: String = "en", detectHeadline: Bool = true) throws {
        self.init(text, segmenter: try SentenceSegmenter(locale: locale), detectHeadline: detectHeadline)
    }

    /// Paragraphs split at blank lines (a line holding only white space counts as blank).
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0.isWhitespace }) {
                if !current.isEmpty { result.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: "\n")) }
        return result.map { $0.trimmingWhiteSpace() }.filter { !$0.isEmpty }
    }

    static func endsWithTerminator(_ s: String) -> Bool {
        guard let last = s.unicodeScalars.last(where: { !$0.properties.isWhitespace && !"\"'”’)]".unicodeScalars.contains($0) })
        else { return false }
        return ".!?。！？…".unicodeScalars.contains(last)
    }
}
