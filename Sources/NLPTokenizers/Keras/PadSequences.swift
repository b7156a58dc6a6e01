/// Which end of a sequence `padSequences` pads or cuts.
public enum SequenceEnd: String, Sendable {
    case pre, post
}

/// `keras.preprocessing.sequence.pad_sequences`: every sequence becomes exactly `maxlen` long
/// (default: the longest). Too long: drop elements from the start (`truncating: .pre`, the
/// default) or the end (`.post`). Too short: fill with `value` before (`padding: .pre`, the
/// default) or after (`.post`). The element type plays the part of Keras's `dtype`.
///
///     padSequences([[1, 2, 3], [4]], maxlen: 2)                    // [[2, 3], [0, 4]]
///     padSequences([[1, 2, 3], [4]], padding: .post, truncating: .post)  // [[1, 2, 3], [4, 0, 0]]
public func padSequences<T>(_ sequences: [[T]], maxlen: Int? = nil, padding: SequenceEnd = .pre,
                            truncating: SequenceEnd = .pre, value: T) -> [[T]] {
    let length = max(maxlen ?? sequences.map(\.count).max() ?? 0, 0)
    return sequences.map { sequence in
        let kept = sequence.count <= length ? sequence[...]
            : (truncating == .pre ? sequence[(sequence.count - length)...] : sequence[..<length])
        let fill = repeatElement(value, count: length - kept.count)
        return padding == .pre ? Array(fill) + kept : Array(kept) + fill
    }
}

/// `padSequences` with Keras's default fill value 0.
public func padSequences<T: Numeric>(_ sequences: [[T]], maxlen: Int? = nil, padding: SequenceEnd = .pre,
                                     truncating: SequenceEnd = .pre) -> [[T]] {
    padSequences(sequences, maxlen: maxlen, padding: padding, truncating: truncating, value: 0)
}
