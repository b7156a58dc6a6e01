import NLPTensor

/// A right-padded batch of token id sequences: ids [B, T], attention mask [B, T]
/// (1 = real token, 0 = padding) and optional segment ids [B, T].
///
///     let batch = try TokenBatch.padding([[101, 7592, 102], [101, 102]])
///     batch.ids            // [[101, 7592, 102], [101, 102, 0]]
///     batch.attentionMask  // [[1, 1, 1], [1, 1, 0]]
public struct TokenBatch: Sendable {
    public let ids: IntTensor
    public let attentionMask: IntTensor?
    public let tokenTypeIds: IntTensor?

    public init(ids: IntTensor, attentionMask: IntTensor? = nil, tokenTypeIds: IntTensor? = nil) throws {
        guard ids.shape.count == 2 else { throw ModelError.invalidInput("token ids must be [batch, length], got \(ids.shape)") }
        if let m = attentionMask {
            guard m.shape == ids.shape else { throw ModelError.invalidInput("attention mask shape \(m.shape) differs from ids \(ids.shape)") }
            guard m.values.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw ModelError.invalidInput("attention mask values must be 0 or 1") }
        }
        if let t = tokenTypeIds, t.shape != ids.shape {
            throw ModelError.invalidInput("token type ids shape \(t.shape) differs from ids \(ids.shape)")
        }
        self.ids = ids
        self.attentionMask = attentionMask
        self.tokenTypeIds = tokenTypeIds
    }

    /// Pads sequences on the right with `padId` to the longest one and builds the mask.
    public static func padding(_ sequences: [[Int32]], padId: Int32 = 0, tokenTypes: [[Int32]]? = nil) throws -> TokenBatch {
        guard !sequences.isEmpty else { throw ModelError.invalidInput("empty batch") }
        let length = max(1, sequences.map(\.count).max() ?? 1)
        var ids = [Int32](repeating: padId, count: sequences.count * length)
        var mask = [Int32](repeating: 0, count: sequences.count * length)
        var types = [Int32](repeating: 0, count: sequences.count * length)
        for (b, s) in sequences.enumerated() {
            for (t, id) in s.enumerated() { ids[b * length + t] = id; mask[b * length + t] = 1 }
            if let tokenTypes {
                guard tokenTypes.count == sequences.count, tokenTypes[b].count == s.count else {
                    throw ModelError.invalidInput("token types do not match the sequences' lengths")
                }
                for (t, v) in tokenTypes[b].enumerated() { types[b * length + t] = v }
            }
        }
        let shape = [sequences.count, length]
        return try TokenBatch(ids: IntTensor(ids, shape: shape), attentionMask: IntTensor(mask, shape: shape),
                              tokenTypeIds: tokenTypes == nil ? nil : IntTensor(types, shape: shape))
    }

    public var batchSize: Int { ids.shape[0] }
    public var length: Int { ids.shape[1] }

    /// Real tokens per sequence (the mask's row sums; the full length without a mask).
    public var lengths: [Int] {
        guard let m = attentionMask else { return Array(repeating: length, count: batchSize) }
        return (0..<batchSize).map { b in (0..<length).reduce(0) { $0 + Int(m.values[b * length + $1]) } }
    }

    /// True when every row's mask is ones followed by zeros (right padding).
    public var isRightPadded: Bool {
        guard let m = attentionMask else { return true }
        for b in 0..<batchSize {
            var seenPad = false
            for t in 0..<length {
                let v = m.values[b * length + t]
                if v == 0 { seenPad = true } else if seenPad { return false }
            }
        }
        return true
    }
}
