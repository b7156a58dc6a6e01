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
    /// Token ids that end a sentence: ".", "!", "?" (and "。", "！", "？").
    public let sentenceEnds: Set<Int32>
    /// Token ids that may follow a sentence end and belong to it: closing quotes and brackets.
    public let closers: Set<Int32>

    public init(sentenceEnds: Set<Int32>, closers: Set<Int32> = []) {
        self.sentenceEnds = sentenceEnds
        self.closers = closers
    }

    /// The sentence-end and closer ids of `tokenizer`'s vocabulary (tokens it does not have are
    /// left out).
    public init(tokenizer: Tokenizer) {
        func ids(_ tokens: [String]) -> Set<Int32> { Set(tokens.compactMap { tokenizer.tokenToId($0) }) }
        self.init(sentenceEnds: ids([".", "!", "?", "。", "！", "？"]), closers: ids(["\"", "'", ")", "”", "’", "」"]))
    }

    /// `ids` without an unfinished last sentence (when a complete one before it leaves at least a
    /// third): for a generated summary that stopped mid-sentence.
    public func droppingUnfinishedSentence(_ ids: [Int32]) -> [Int32] {
        guard let last = ids.last, !sentenceEnds.contains(last), !closers.contains(last) else { return ids }
        return truncate(ids + [-1], limit: ids.count)
    }

    /// At most `limit` ids of `ids`, ending after a sentence end when one leaves at least a third.
    public func truncate(_ ids: [Int32], limit: Int) -> [Int32] {
        guard ids.count > limit else { return ids }
        var end = limit
        while end > 0 && !sentenceEnds.contains(ids[end - 1]) { end -= 1 }
        guard end > 0, end * 3 >= limit else { return Array(ids.prefix(limit)) }
        while end < limit && closers.contains(ids[end]) { end += 1 }
        return Array(ids.prefix(end))
    }
}
