import NLPTensor

/// An encoder with BERT's pooler and, optionally, its masked-LM head: the unit that a model
/// directory stores (`config.json` + `model.safetensors` with HF names: `embeddings.*`,
/// `encoder.layer.N.*`, `pooler.dense.*`, `cls.predictions.*`).
public final class BertModel: Layer {
    public let config: BertConfig
    public let encoder: TransformerEncoder
    public let pooler: Pooler
    public let mlmHead: MaskedLMHead?

    public init(_ config: BertConfig, withMLMHead: Bool = false, seed: UInt64 = 0) throws {
        var initializer = ParameterInitializer(seed: seed, standardDeviation: config.initializerRange)
        self.config = config
        encoder = try TransformerEncoder(config, init: &initializer)
        pooler = Pooler(config, init: &initializer)
        mlmHead = withMLMHead ? try MaskedLMHead(config, wordEmbeddings: encoder.embeddings.words.weight, init: &initializer) : nil
    }

    public var parameters: [Tensor] { encoder.parameters + pooler.parameters + (mlmHead?.parameters ?? []) }
    public var checkpointTensors: [Tensor] { encoder.checkpointTensors + pooler.parameters + (mlmHead?.parameters ?? []) }

    /// Last hidden state [B, T, C].
    public func callAsFunction(_ batch: TokenBatch, training: Bool) throws -> Tensor { try encoder(batch, training: training) }
}
