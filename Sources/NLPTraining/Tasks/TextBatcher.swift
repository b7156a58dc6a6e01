import NLPTensor
import NLPTokenizers

/// Turns texts into padded id batches for an encoder: tokenise without the tokenizer's own
/// special tokens, cut to `maxLength` (keeping room for [CLS] ... [SEP] when the encoder wants
/// them, as BERT-style models do), pad each batch only to its longest row.
///
///     let batcher = try TextBatcher(tokenizer: tokenizer, maxLength: 128, addClsSep: true)
///     let ids = try batcher.encode(["I lost my card", "hello"])   // [[cls, ..., sep], [cls, ..., sep]]
///     let batch = batcher.batch(ids, rows: [0, 1])
public struct TextBatcher: Sendable {
    public let tokenizer: Tokenizer
    public let maxLength: Int
    public let cls: Int32?
    public let sep: Int32?
    public let pad: Int32
    public var vocabularySize: Int { tokenizer.vocabularySize(withAddedTokens: true) }

    public init(tokenizer: Tokenizer, maxLength: Int, addClsSep: Bool) throws {
        guard maxLength >= 4 else { throw TrainingError("sequence length \(maxLength) is too short (at least 4)") }
        self.tokenizer = tokenizer
        self.maxLength = maxLength
        func find(_ names: [String]) -> Int32? { names.lazy.compactMap { tokenizer.tokenToId($0) }.first }
        pad = find(["[PAD]", "<pad>"]) ?? 0
        if addClsSep {
            guard let c = find(["[CLS]", "<s>", "<cls>"]), let s = find(["[SEP]", "</s>", "<sep>"]) else {
                throw TrainingError("the vocabulary has no [CLS]/[SEP] (or <s>/</s>) tokens, which a Transformer classifier needs")
            }
            cls = c
            sep = s
        } else {
            cls = nil
            sep = nil
        }
    }

    /// Ids of one text, truncated, with [CLS]/[SEP] when configured. An empty text still yields
    /// one token ([CLS] [SEP], or [PAD]), so every row has a length of at least 1.
    public func encode(_ text: String) throws -> [Int32] {
        wrap(try tokenizer.encodeIDs(text, addSpecialTokens: false))
    }

    /// `encode` for ids the caller already has (tokenised without special tokens).
    public func wrap(_ tokenIDs: [Int32]) -> [Int32] {
        var ids = tokenIDs
        if let cls, let sep {
            if ids.count > maxLength - 2 { ids.removeLast(ids.count - (maxLength - 2)) }
            return [cls] + ids + [sep]
        }
        if ids.count > maxLength { ids.removeLast(ids.count - maxLength) }
        return ids.isEmpty ? [pad] : ids
    }

    public func encode(_ texts: [String]) throws -> [[Int32]] {
        try texts.map { try encode($0) }
    }

    /// The rows `rows` of `sequences`, padded to the longest of them.
    public func batch(_ sequences: [[Int32]], rows: some Collection<Int>, positions: [Int32]? = nil) -> PaddedBatch {
        let length = rows.map { sequences[$0].count }.max() ?? 1
        var ids = [Int32](repeating: pad, count: rows.count * length)
        var lengths: [Int] = []
        for (r, i) in rows.enumerated() {
            let s = sequences[i]
            for t in 0..<s.count { ids[r * length + t] = s[t] }
            lengths.append(s.count)
        }
        return PaddedBatch(ids: ids, lengths: lengths, batch: rows.count, length: length, positions: positions.map { p in rows.map { p[$0] } })
    }
}
