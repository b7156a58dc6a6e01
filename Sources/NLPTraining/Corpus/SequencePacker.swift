/// Packs a stream of paragraphs into fixed-length training sequences, BERT/RoBERTa style
/// ("full sentences"): paragraphs are joined with the separator, and every sequence is
/// `[CLS]` + the next `length - 2` stream tokens + `[SEP]`, so no position is padding and a
/// long paragraph simply continues in the next sequence.
///
/// Example, length 6, paragraphs [a b c] and [d e f g]:
///
///     stream    a b c [SEP] d e f g [SEP]
///     sequence  [CLS] a b c [SEP] [SEP]      (a separator at a chunk's start is dropped)
///     sequence  [CLS] d e f g [SEP]
public struct SequencePacker: Sendable, Equatable {
    public let length: Int
    public let cls: Int32
    public let sep: Int32
    /// Stream tokens not yet in a sequence (part of the data cursor).
    public var pending: [Int32] = []

    public init(length: Int, cls: Int32, sep: Int32) {
        precondition(length >= 3, "sequence length must leave room for [CLS], one token and [SEP]")
        self.length = length
        self.cls = cls
        self.sep = sep
    }

    /// Appends one paragraph's tokens and its separator.
    public mutating func push(_ tokens: [Int32]) {
        guard !tokens.isEmpty else { return }
        pending.append(contentsOf: tokens)
        pending.append(sep)
    }

    /// The next full sequence, or nil when fewer than `length - 2` tokens are pending.
    public mutating func pop() -> [Int32]? {
        if pending.first == sep { pending.removeFirst() }
        let body = length - 2
        guard pending.count >= body else { return nil }
        var sequence = [Int32]()
        sequence.reserveCapacity(length)
        sequence.append(cls)
        sequence.append(contentsOf: pending[0..<body])
        sequence.append(sep)
        pending.removeFirst(body)
        return sequence
    }

    /// Whatever is pending as one short sequence ([CLS] ... [SEP]), for the end of a finite
    /// stream (the validation slice); nil when nothing is pending.
    public mutating func popRemainder() -> [Int32]? {
        if pending.last == sep { pending.removeLast() }
        if pending.first == sep { pending.removeFirst() }
        guard !pending.isEmpty else { return nil }
        let sequence = [cls] + pending.prefix(length - 2) + [sep]
        pending.removeAll()
        return sequence
    }
}
