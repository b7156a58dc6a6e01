import NLPTensor

/// Incremental decoding state of a `Seq2SeqModel` for one batch of hypotheses: the encoder
/// output's cross-attention keys/values and every layer's self-attention keys/values so far.
/// Each `next` call runs only the new position through the decoder (O(T) per step, not O(T^2)).
///
///     let state = try model.startDecoding(source)                         // batch of 1 document
///     var logits = try state.next([Int32(config.decoderStartTokenId)])   // [1, V] scores of token 1
public final class DecoderState {
    public let model: Seq2SeqModel
    public let caches: [DecoderLayerCache]
    public private(set) var memoryMask: IntTensor?
    /// Positions decoded so far.
    public private(set) var length = 0

    init(model: Seq2SeqModel, memory: Tensor, memoryMask: IntTensor?) throws {
        self.model = model
        caches = try model.decoderLayers.map { try $0.makeCache(memory: memory) }
        self.memoryMask = memoryMask
    }

    public var batchSize: Int { caches.first?.batch ?? 0 }

    /// Feeds one token per batch row at position `length`; returns logits [B, V].
    public func next(_ tokens: [Int32]) throws -> Tensor {
        try noGrad {
            var x = try model.embedTarget(IntTensor(tokens, shape: [tokens.count, 1]), start: length, training: false)
            for (layer, cache) in zip(model.decoderLayers, caches) { x = try layer.step(x, cache: cache, memoryMask: memoryMask) }
            length += 1
            return try model.project(x).reshaped([tokens.count, model.config.encoder.vocabSize])
        }
    }

    /// Keeps (and repeats) batch rows: beam search's reordering after each step.
    public func reorder(_ rows: [Int]) throws {
        for c in caches { try c.reorder(rows) }
        if let m = memoryMask {
            let s = m.shape[1]
            memoryMask = try IntTensor(rows.flatMap { Array(m.values[($0 * s)..<(($0 + 1) * s)]) }, shape: [rows.count, s])
        }
    }
}

extension Seq2SeqModel {
    /// Encodes `source` (no gradients) and returns a decoding state with no positions yet; with
    /// `repeat` > 1 each source row is repeated that many times (the beams of one document).
    public func startDecoding(_ source: TokenBatch, repeat copies: Int = 1) throws -> DecoderState {
        try noGrad {
            let memory = try encode(source, training: false)
            let state = try DecoderState(model: self, memory: memory, memoryMask: source.attentionMask)
            if copies > 1 { try state.reorder((0..<source.batchSize).flatMap { Array(repeating: $0, count: copies) }) }
            return state
        }
    }
}
