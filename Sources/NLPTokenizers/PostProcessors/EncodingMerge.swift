/// Post-processors that, like HF's `process(encoding, pair, add_special_tokens)`, still have work
/// to do when special tokens are off (TemplateProcessing sets type ids either way).
public protocol SpecialTokensPostProcessor: PostProcessor {
    func process(_ first: Encoding, pair: Encoding?, addSpecialTokens: Bool) -> Encoding
}

extension Encoding {
    /// HF's `Encoding::merge_with` (offsets not shifted): appends `other`, and combines the
    /// overflowing parts so that every overflow of either side is paired with the other.
    public func merged(with other: Encoding) -> Encoding {
        var overflows: [Encoding] = []
        for mine in overflowing {
            overflows.append(mine.merged(with: other.withoutOverflowing))
            for theirs in other.overflowing { overflows.append(mine.merged(with: theirs)) }
        }
        for theirs in other.overflowing { overflows.append(withoutOverflowing.merged(with: theirs)) }
        var result = self
        result.ids += other.ids
        result.tokens += other.tokens
        result.offsets += other.offsets
        result.typeIDs += other.typeIDs
        result.attentionMask += other.attentionMask
        result.specialTokensMask += other.specialTokensMask
        result.sequenceIDs += other.sequenceIDs
        result.overflowing = overflows
        return result
    }

    var withoutOverflowing: Encoding {
        var copy = self
        copy.overflowing = []
        return copy
    }

    /// Special tokens as one encoding: offsets (0, 0), type `typeID`, masked as special.
    static func special(ids: [Int32], tokens: [String], typeID: Int32) -> Encoding {
        Encoding(ids: ids, tokens: tokens, offsets: Array(repeating: 0..<0, count: ids.count),
                 typeIDs: Array(repeating: typeID, count: ids.count),
                 specialTokensMask: Array(repeating: 1, count: ids.count),
                 sequenceIDs: Array(repeating: nil, count: ids.count))
    }

    /// Sets every token's type id and sequence id (and those of the overflowing parts).
    func assigned(typeID: Int32, sequenceID: Int) -> Encoding {
        var copy = self
        copy.typeIDs = Array(repeating: typeID, count: ids.count)
        copy.sequenceIDs = Array(repeating: sequenceID, count: ids.count)
        copy.overflowing = overflowing.map { $0.assigned(typeID: typeID, sequenceID: sequenceID) }
        return copy
    }

    /// HF's default when there is no post-processor: mark the pair as sequence 1 and concatenate.
    public static func concatenate(_ first: Encoding, pair: Encoding?) -> Encoding {
        guard let pair else { return first }
        var second = pair
        second.sequenceIDs = Array(repeating: 1, count: pair.count)
        second.overflowing = pair.overflowing.map { var o = $0; o.sequenceIDs = Array(repeating: 1, count: o.count); return o }
        return first.merged(with: second)
    }
}
