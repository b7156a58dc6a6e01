import NLPTensor

/// An encoder-decoder Transformer for summarisation: our BERT `TransformerEncoder`, a stack of
/// `TransformerDecoderLayer`s that reads it through cross-attention, and an output projection
/// tied to the shared word embeddings (logits = h E^T + `lm_head.bias`).
///
/// The decoder shares the encoder's embedding module (words, positions, LayerNorm); its
/// positions count from 0 at the start token. Names in model.safetensors: the encoder's BERT
/// names (`embeddings.*`, `encoder.layer.N.*`), `decoder.layer.N.*` (BertLayer names with
/// `crossattention.*`) and `lm_head.bias`.
///
///     let model = try Seq2SeqModel(config, seed: 1)
///     try model.initializeFromBert(bert)             // BERT2BERT: encoder and decoder from one BERT
///     let logits = try model.logits(source: batch, decoderInput: ids, training: true)   // [B, T, V]
public final class Seq2SeqModel: Layer {
    public let config: Seq2SeqConfig
    public let encoder: TransformerEncoder
    public let decoderLayers: [TransformerDecoderLayer]
    public let outputBias: Tensor
    /// The pointer-generator head when `config.pointerGenerator`.
    public let copyHead: CopyHead?

    public init(_ config: Seq2SeqConfig, seed: UInt64 = 0) throws {
        try config.validate()
        guard !config.encoder.preLayerNorm else {
            throw ModelError.invalidConfig("the encoder-decoder model needs a post-LN (BERT) encoder; pre_layer_norm is not supported")
        }
        self.config = config
        var initializer = ParameterInitializer(seed: seed, standardDeviation: config.encoder.initializerRange)
        encoder = try TransformerEncoder(config.encoder, init: &initializer)
        decoderLayers = try (0..<config.decoderLayers).map { try TransformerDecoderLayer("decoder.layer.\($0)", config.encoder, init: &initializer) }
        outputBias = initializer.constant("lm_head.bias", [config.encoder.vocabSize], 0)
        copyHead = config.pointerGenerator ? CopyHead(dim: config.encoder.hiddenSize, continuation: config.copyContinuation, init: &initializer) : nil
    }

    public var parameters: [Tensor] {
        encoder.parameters + decoderLayers.flatMap(\.parameters) + [outputBias] + (copyHead?.parameters ?? [])
    }
    public var checkpointTensors: [Tensor] {
        encoder.checkpointTensors + decoderLayers.flatMap(\.checkpointTensors) + [outputBias] + (copyHead?.parameters ?? [])
    }
    /// The tied output projection [V, C].
    public var wordEmbeddings: Tensor { encoder.embeddings.words.weight }

    /// BERT2BERT initialisation (as HF `EncoderDecoderModel.from_encoder_decoder_pretrained`):
    /// embeddings and encoder layers from `bert`, decoder layer i's self-attention and FFN from
    /// encoder layer i (cycling when the decoder is deeper); cross-attention stays random.
    public func initializeFromBert(_ bert: BertModel) throws {
        let source = bert.encoder
        guard source.config.hiddenSize == config.encoder.hiddenSize, source.config.vocabSize == config.encoder.vocabSize,
              source.layers.count == encoder.layers.count else {
            throw ModelError.checkpoint("the BERT model (\(source.layers.count) layers, hidden \(source.config.hiddenSize), vocab \(source.config.vocabSize)) does not match the encoder-decoder config")
        }
        try copy(source.embeddings.parameters, into: encoder.embeddings.parameters)
        for (mine, theirs) in zip(encoder.layers, source.layers) { try copy(theirs.parameters, into: mine.parameters) }
        for (i, layer) in decoderLayers.enumerated() {
            let from = source.layers[i % source.layers.count]
            try copy(from.attention.parameters + from.attentionNorm.parameters, into: layer.selfAttention.parameters + layer.selfNorm.parameters)
            try copy(from.feedForward.parameters + from.outputNorm.parameters, into: layer.feedForward.parameters + layer.outputNorm.parameters)
        }
    }

    private func copy(_ from: [Tensor], into to: [Tensor]) throws {
        guard from.count == to.count else { throw ModelError.checkpoint("parameter lists differ (\(from.count) vs \(to.count))") }
        for (a, b) in zip(from, to) {
            guard a.shape == b.shape else { throw ModelError.checkpoint("\(a.name) has shape \(a.shape), \(b.name) needs \(b.shape)") }
            try b.copy(from: a.scalars)
        }
    }

    /// Encoder output [B, S, C].
    public func encode(_ source: TokenBatch, training: Bool) throws -> Tensor { try encoder(source, training: training) }

    /// Decoder input embeddings [B, T, C] for ids [B, T] at positions start ..< start + T.
    public func embedTarget(_ ids: IntTensor, start: Int, training: Bool) throws -> Tensor {
        let e = encoder.embeddings, t = ids.shape[1]
        guard start + t <= e.positions.count else {
            throw ModelError.invalidInput("target of \(start + t) tokens exceeds max_position_embeddings \(e.positions.count)")
        }
        let x = try e.wordVectors(ids).adding(e.positions.weight.rows(start..<(start + t)))
        let types = try e.tokenTypes(IntTensor([Int32](repeating: 0, count: ids.count), shape: ids.shape))
        return try e.dropout(e.norm(x, residual: types), training: training)
    }

    /// Vocabulary logits of decoder states [B, T, C] -> [B, T, V].
    public func project(_ hidden: Tensor) throws -> Tensor { try hidden.linear(wordEmbeddings, outputBias) }

    /// Teacher forcing: the decoder's last hidden states [B, T, C] and the encoder output [B, S, C].
    public func decode(source: TokenBatch, decoderInput: IntTensor, training: Bool) throws -> (hidden: Tensor, memory: Tensor) {
        let memory = try encode(source, training: training)
        var x = try embedTarget(decoderInput, start: 0, training: training)
        for layer in decoderLayers { x = try layer(x, memory: memory, memoryMask: source.attentionMask, training: training) }
        return (x, memory)
    }

    /// Teacher forcing: vocabulary logits [B, T, V] for every decoder input position.
    public func logits(source: TokenBatch, decoderInput: IntTensor, training: Bool) throws -> Tensor {
        try project(decode(source: source, decoderInput: decoderInput, training: training).hidden)
    }

    /// Word vectors [B, S, C] of the token before each source position (the pad token's before
    /// the first): the copy head's successor keys.
    public func predecessorVectors(_ ids: IntTensor) throws -> Tensor {
        let (b, s) = (ids.shape[0], ids.shape[1])
        var shifted = [Int32](repeating: Int32(config.encoder.padTokenId), count: b * s)
        for r in 0..<b { for j in 1..<max(s, 1) { shifted[r * s + j] = ids.values[r * s + j - 1] } }
        return try encoder.embeddings.wordVectors(IntTensor(shifted, shape: [b, s]))
    }

    /// Teacher-forcing loss: mean negative log-likelihood of `targets` [B, T] (-100 = padding),
    /// through the pointer-generator mixture when the model has a copy head, else plain
    /// cross-entropy over the vocabulary.
    public func loss(source: TokenBatch, decoderInput: IntTensor, targets: IntTensor, labelSmoothing: Float = 0,
                     training: Bool) throws -> Tensor {
        let (hidden, memory) = try decode(source: source, decoderInput: decoderInput, training: training)
        let logits = try project(hidden)
        guard let copyHead else { return try logits.crossEntropy(targets, labelSmoothing: labelSmoothing) }
        let predecessors = try predecessorVectors(source.ids)
        let lengths = try copyHead.continuation?.lengths(decoderInput: decoderInput, sourceIds: source.ids, sourceMask: source.attentionMask)
        return try Tensor.pointerGeneratorLoss(vocabularyLogits: logits,
                                               copyScores: copyHead.scores(hidden, memory: memory, predecessors: predecessors, lengths: lengths),
                                               gateLogits: copyHead.gateLogits(hidden, lengths: lengths), targets: targets, sourceIds: source.ids,
                                               sourceMask: source.attentionMask, labelSmoothing: labelSmoothing)
    }
}
