import NLPTensor

/// BERT's masked-LM head (`cls.predictions`): transform = dense + activation + LayerNorm, then a
/// decoder whose weight is the word-embedding table (tied: same tensor, so its gradient sums
/// both uses) plus its own bias `cls.predictions.bias` [V].
///
/// Computing logits only at the masked positions saves most of the head's cost: with 15%
/// masking the [N, C] x [C, V] product is ~7x smaller than over all positions.
///
///     let logits = try head(hidden, positions: masked)   // [masked.count, V]
public final class MaskedLMHead: Layer {
    public let transform: Linear
    public let activation: Activation
    public let norm: LayerNorm
    /// Tied to `embeddings.word_embeddings.weight` [V, C].
    public let decoderWeight: Tensor
    public let bias: Tensor

    public init(_ config: BertConfig, wordEmbeddings: Tensor, init initializer: inout ParameterInitializer) throws {
        transform = Linear("cls.predictions.transform.dense", inFeatures: config.hiddenSize, outFeatures: config.hiddenSize, init: &initializer)
        activation = try config.activation()
        norm = LayerNorm("cls.predictions.transform.LayerNorm", dim: config.hiddenSize, eps: config.layerNormEps, init: &initializer)
        decoderWeight = wordEmbeddings
        bias = initializer.constant("cls.predictions.bias", [config.vocabSize], 0)
    }

    /// The head's own parameters (the tied decoder weight belongs to the embeddings).
    public var parameters: [Tensor] { transform.parameters + norm.parameters + [bias] }

    /// Logits [N, V] at flat positions b * T + t of hidden [B, T, C]; all positions ([B, T, V])
    /// when `positions` is nil.
    public func callAsFunction(_ hidden: Tensor, positions: [Int32]? = nil) throws -> Tensor {
        let selected = try positions.map { try hidden.gatherPositions($0) } ?? hidden
        let h = try norm(transform(selected, activation: activation))
        return try h.linear(decoderWeight, bias)
    }
}
