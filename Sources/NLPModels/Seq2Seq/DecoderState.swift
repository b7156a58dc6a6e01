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
    /// For the copy head: the encoder output [B, S, C], the source ids [B, S] and the
    /// predecessor word vectors [B, S, C].
    private var memory: Tensor?
    private var sourceIds: IntTensor
    private var predecessors: Tensor?
    /// For the copy head's continuation prior: each row's match lengths [S] after its last input.
    private var matchLengths: [[Int32]]

    init(model: Seq2SeqModel, memory: Tensor, source: TokenBatch) throws {
        self.model = model
        caches = try model.decoderLayers.map { try $0.makeCache(memory: memory) }
        memoryMask = source.attentionMask
        self.memory = model.copyHead == nil ? nil : memory  // the layer caches hold their own keys/values
        sourceIds = source.ids
        if model.copyHead != nil { predecessors = try noGrad { try model.predecessorVectors(source.ids) } }
        matchLengths = model.copyHead?.continuation == nil ? [] : Array(repeating: Array(repeating: 0, count: source.ids.shape[1]), count: source.batchSize)
    }

    public var batchSize: Int { caches.first?.batch ?? 0 }

    /// Feeds one token per batch row at position `length`; returns the decoder states [B, 1, C].
    func nextHidden(_ tokens: [Int32]) throws -> Tensor {
        try noGrad {
            var x = try model.embedTarget(IntTensor(tokens, shape: [tokens.count, 1]), start: length, training: false)
            for (layer, cache) in zip(model.decoderLayers, caches) { x = try layer.step(x, cache: cache, memoryMask: memoryMask) }
            length += 1
            if let continuation = model.copyHead?.continuation {
                let s = sourceIds.shape[1]
                for (b, token) in tokens.enumerated() {
                    matchLengths[b] = continuation.step(matchLengths[b], token: token, source: sourceIds.values[(b * s)..<((b + 1) * s)],
                                                        keep: memoryMask?.values[(b * s)..<((b + 1) * s)])
                }
            }
            return x
        }
    }

    /// Feeds one token per batch row at position `length`; returns vocabulary logits [B, V].
    public func next(_ tokens: [Int32]) throws -> Tensor {
        try noGrad { try model.project(nextHidden(tokens)).reshaped([tokens.count, model.config.encoder.vocabSize]) }
    }

    /// Feeds one token per batch row; returns each row's next-token log-probabilities: the
    /// vocabulary's log-softmax, or with a copy head the generate/copy mixture.
    public func nextLogProbabilities(_ tokens: [Int32]) throws -> [[Float]] {
        try noGrad {
            let hidden = try nextHidden(tokens)
            let logits = try model.project(hidden), v = model.config.encoder.vocabSize
            guard let head = model.copyHead, let memory, let predecessors else {
                let values = try logits.reshaped([tokens.count, v]).logSoftmax().scalars
                return (0..<tokens.count).map { Array(values[($0 * v)..<(($0 + 1) * v)]) }
            }
            let s = sourceIds.shape[1]
            let lengths = head.continuation == nil ? nil : try IntTensor(matchLengths.flatMap { $0 }, shape: [tokens.count, 1, s])
            let scores = try head.scores(hidden, memory: memory, predecessors: predecessors, lengths: lengths).scalars
            let gates = try head.gateLogits(hidden, lengths: lengths).scalars
            let values = logits.scalars, ids = sourceIds.values, keep = memoryMask?.values
            return (0..<tokens.count).map { b in
                CopyHead.mixedLogProbabilities(logits: values[(b * v)..<((b + 1) * v)], scores: Array(scores[(b * s)..<((b + 1) * s)]),
                                               ids: ids[(b * s)..<((b + 1) * s)], keep: keep?[(b * s)..<((b + 1) * s)],
                                               gateLogit: gates[b])
            }
        }
    }

    /// Keeps (and repeats) batch rows: beam search's reordering after each step.
    public func reorder(_ rows: [Int]) throws {
        for c in caches { try c.reorder(rows) }
        func gather(_ m: IntTensor) throws -> IntTensor {
            let s = m.shape[1]
            return try IntTensor(rows.flatMap { Array(m.values[($0 * s)..<(($0 + 1) * s)]) }, shape: [rows.count, s])
        }
        if let m = memoryMask { memoryMask = try gather(m) }
        if model.copyHead != nil {
            memory = try memory.map { try gatherRows($0, rows) }
            sourceIds = try gather(sourceIds)
            predecessors = try predecessors.map { try gatherRows($0, rows) }
            if !matchLengths.isEmpty { matchLengths = rows.map { matchLengths[$0] } }
        }
    }
}

extension Seq2SeqModel {
    /// Encodes `source` (no gradients) and returns a decoding state with no positions yet; with
    /// `repeat` > 1 each source row is repeated that many times (the beams of one document).
    public func startDecoding(_ source: TokenBatch, repeat copies: Int = 1) throws -> DecoderState {
        try noGrad {
            let memory = try encode(source, training: false)
            let state = try DecoderState(model: self, memory: memory, source: source)
            if copies > 1 { try state.reorder((0..<source.batchSize).flatMap { Array(repeating: $0, count: copies) }) }
            return state
        }
    }
}
