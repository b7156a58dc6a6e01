import NLPTensor

/// One encoder block, named as BERT's `encoder.layer.N`.
///
/// Post-LN (BERT, the default):
///     h = LN_a(x + Dropout(Attention(x)))          LN_a = attention.output.LayerNorm
///     y = LN_o(h + Dropout(FFN(h)))                LN_o = output.LayerNorm
/// Pre-LN (`pre_layer_norm`, as `nn.TransformerEncoderLayer(norm_first=True)`):
///     h = x + Dropout(Attention(LN_a(x)))
///     y = h + Dropout(FFN(LN_o(h)))
/// The post-LN residual adds are fused into the LayerNorm pass.
public final class TransformerLayer: Layer {
    public let attention: MultiHeadSelfAttention
    public let attentionNorm: LayerNorm
    public let feedForward: FeedForward
    public let outputNorm: LayerNorm
    public let dropout: Dropout
    public let preLayerNorm: Bool

    public init(_ prefix: String, _ config: BertConfig, init initializer: inout ParameterInitializer) throws {
        let c = config.hiddenSize
        attention = try MultiHeadSelfAttention(qualified(prefix, "attention"), dim: c, heads: config.numAttentionHeads,
                                               attentionDropout: config.attentionProbsDropoutProb, init: &initializer)
        attentionNorm = LayerNorm(qualified(prefix, "attention.output.LayerNorm"), dim: c, eps: config.layerNormEps, init: &initializer)
        feedForward = FeedForward(prefix, dim: c, hidden: config.intermediateSize, activation: try config.activation(), init: &initializer)
        outputNorm = LayerNorm(qualified(prefix, "output.LayerNorm"), dim: c, eps: config.layerNormEps, init: &initializer)
        dropout = Dropout(config.hiddenDropoutProb)
        preLayerNorm = config.preLayerNorm
    }

    public var parameters: [Tensor] { attention.parameters + attentionNorm.parameters + feedForward.parameters + outputNorm.parameters }
    public var checkpointTensors: [Tensor] {
        attention.checkpointTensors + attentionNorm.parameters + feedForward.parameters + outputNorm.parameters
    }

    /// x [B, T, C] -> [B, T, C]; keyMask [B, T] (0 = padding).
    public func callAsFunction(_ x: Tensor, keyMask: IntTensor?, training: Bool) throws -> Tensor {
        if preLayerNorm {
            let a = try dropout(attention(attentionNorm(x), keyMask: keyMask, training: training), training: training)
            let h = try x.adding(a)
            let f = try dropout(feedForward(outputNorm(h)), training: training)
            return try h.adding(f)
        }
        let a = try dropout(attention(x, keyMask: keyMask, training: training), training: training)
        let h = try attentionNorm(a, residual: x)
        let f = try dropout(feedForward(h), training: training)
        return try outputNorm(f, residual: h)
    }
}
