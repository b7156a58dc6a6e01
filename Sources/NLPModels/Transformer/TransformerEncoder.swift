import NLPTensor

/// BERT-style encoder: `BertEmbeddings`, then `num_hidden_layers` `TransformerLayer`s (and, in
/// pre-LN mode, a final `encoder.LayerNorm`, since pre-LN blocks leave their output unnormalised).
///
///     let encoder = try TransformerEncoder(BertConfig(vocabSize: 8192, hiddenSize: 256, layers: 4, heads: 4), seed: 1)
///     let hidden = try encoder(try TokenBatch.padding(ids), training: true)   // [B, T, 256]
public final class TransformerEncoder: Layer {
    public let config: BertConfig
    public let embeddings: BertEmbeddings
    public let layers: [TransformerLayer]
    public let finalNorm: LayerNorm?

    public init(_ config: BertConfig, init initializer: inout ParameterInitializer) throws {
        try config.validate()
        self.config = config
        embeddings = BertEmbeddings(config, init: &initializer)
        var layers: [TransformerLayer] = []
        for i in 0..<config.numHiddenLayers {
            layers.append(try TransformerLayer("encoder.layer.\(i)", config, init: &initializer))
        }
        self.layers = layers
        finalNorm = config.preLayerNorm
            ? LayerNorm("encoder.LayerNorm", dim: config.hiddenSize, eps: config.layerNormEps, init: &initializer) : nil
    }

    public convenience init(_ config: BertConfig, seed: UInt64) throws {
        var initializer = ParameterInitializer(seed: seed, standardDeviation: config.initializerRange)
        try self.init(config, init: &initializer)
    }

    public var parameters: [Tensor] {
        embeddings.parameters + layers.flatMap(\.parameters) + (finalNorm?.parameters ?? [])
    }
    public var checkpointTensors: [Tensor] {
        embeddings.checkpointTensors + layers.flatMap(\.checkpointTensors) + (finalNorm?.parameters ?? [])
    }

    /// The last hidden state [B, T, C] (for every position, padding included; padding keys are
    /// masked out of attention, so real positions never see them).
    public func callAsFunction(_ batch: TokenBatch, training: Bool) throws -> Tensor {
        var x = try embeddings(batch, training: training)
        for layer in layers { x = try layer(x, keyMask: batch.attentionMask, training: training) }
        if let finalNorm { x = try finalNorm(x) }
        return x
    }
}

extension Tensor {
    /// Rows of a [B, T, C] tensor at flat positions b * T + t -> [N, C], differentiable (a
    /// gather through the embedding op on a [B*T, C] view). Used for [CLS] and masked positions.
    public func gatherPositions(_ flat: [Int32]) throws -> Tensor {
        guard rank == 3 else { throw ModelError.invalidInput("gatherPositions needs [batch, length, dim], got \(shape)") }
        let table = try reshaped([shape[0] * shape[1], shape[2]])
        return try table.embedding(IntTensor(flat, shape: [flat.count]))
    }
}
