import Foundation
import NLPTensor

/// How a sentence vector is read off the last hidden state.
public enum Pooling: String, Sendable, CaseIterable {
    /// Average over real tokens (attention mask 1), the sentence-transformers default.
    case mean
    /// The first token's vector ([CLS]).
    case cls
}

extension Tensor {
    /// Mean over real tokens: hidden [B, T, C], mask [B, T] -> [B, C]; differentiable (one
    /// batched product of [B, 1, T] weights 1/len with the hidden state). A row without real
    /// tokens gives zeros (sentence-transformers clamps the count to 1e-9, also giving zeros).
    public func meanPooled(mask: IntTensor?) throws -> Tensor {
        guard rank == 3 else { throw ModelError.invalidInput("mean pooling needs [batch, length, dim], got \(shape)") }
        let (b, t) = (shape[0], shape[1])
        var weights = [Float](repeating: 1 / Float(t), count: b * t)
        if let mask {
            guard mask.shape == [b, t] else { throw ModelError.invalidInput("mask \(mask.shape) does not match hidden \(shape)") }
            for r in 0..<b {
                let n = (0..<t).reduce(0) { $0 + Int(mask.values[r * t + $1]) }
                for c in 0..<t { weights[r * t + c] = mask.values[r * t + c] != 0 ? 1 / Float(max(n, 1)) : 0 }
            }
        }
        let w = try Tensor(weights, shape: [b, 1, t])
        return try w.bmm(self).reshaped([b, shape[2]])
    }
}

/// Sentence embeddings from a BERT encoder, as sentence-transformers computes them:
/// last hidden state -> pooling (mean over real tokens, or [CLS]) -> optional L2 normalisation.
///
///     let embedder = SentenceEmbedder(model.encoder)               // mean, normalised
///     let vectors = try embedder.embed(sequences, batchSize: 32)   // [[Float]] of 384 dims each
public struct SentenceEmbedder {
    public let encoder: TransformerEncoder
    public var pooling: Pooling
    public var normalize: Bool

    public init(_ encoder: TransformerEncoder, pooling: Pooling = .mean, normalize: Bool = true) {
        self.encoder = encoder
        self.pooling = pooling
        self.normalize = normalize
    }

    /// Embeds one padded batch (no gradients): one vector per row.
    public func embed(_ batch: TokenBatch) throws -> [[Float]] {
        try noGrad {
            let hidden = try encoder(batch, training: false)
            let pooled = pooling == .mean ? try hidden.meanPooled(mask: batch.attentionMask)
                                          : try hidden.gatherPositions(firstPositions(hidden))
            let c = pooled.shape[1]
            let values = pooled.scalars
            return (0..<pooled.shape[0]).map { r in
                var v = Array(values[r * c..<(r + 1) * c])
                if normalize {
                    // torch.nn.functional.normalize: x / max(||x||, 1e-12), accumulated in Double.
                    let norm = max(v.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot(), 1e-12)
                    for i in 0..<c { v[i] = Float(Double(v[i]) / norm) }
                }
                return v
            }
        }
    }

    /// Embeds id sequences in batches of `batchSize`, in input order. As sentence-transformers
    /// does, sequences are grouped by length (longest first) so each batch pads little; each
    /// batch is padded to its own longest sequence. Sequences longer than the position table are
    /// cut to it (the tokenizer's truncation).
    public func embed(_ sequences: [[Int32]], batchSize: Int = 32) throws -> [[Float]] {
        let limit = encoder.config.maxPositionEmbeddings
        let order = sequences.indices.sorted { sequences[$0].count > sequences[$1].count }
        var out = [[Float]](repeating: [], count: sequences.count)
        var start = 0
        while start < order.count {
            let chunk = Array(order[start..<min(start + max(batchSize, 1), order.count)])
            let batch = try TokenBatch.padding(chunk.map { Array(sequences[$0].prefix(limit)) }, padId: Int32(encoder.config.padTokenId))
            for (i, v) in try embed(batch).enumerated() { out[chunk[i]] = v }
            start += chunk.count
        }
        return out
    }
}
