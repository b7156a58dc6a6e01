import NLPTensor

/// One post-LN decoder layer, laid out as Hugging Face's `BertLayer` with `add_cross_attention`
/// (the decoder of a BERT2BERT `EncoderDecoderModel`), so that a BERT layer initialises
/// everything but the cross-attention:
///
///     h1 = LN(x  + SelfAttention(x, causal))      attention.*,       attention.output.LayerNorm
///     h2 = LN(h1 + CrossAttention(h1, memory))    crossattention.*,  crossattention.output.LayerNorm
///     y  = LN(h2 + FFN(h2))                       intermediate/output.dense, output.LayerNorm
///
/// Training runs the whole target at once (causal mask on the fused packed-QKV kernel);
/// generation runs one position at a time with `step`, which keeps each layer's keys and values
/// in a `DecoderLayerCache` so the prefix is never recomputed.
public final class TransformerDecoderLayer: Layer {
    public let selfAttention: MultiHeadSelfAttention
    public let selfNorm: LayerNorm
    public let crossQuery: Linear
    public let crossKey: Linear
    public let crossValue: Linear
    public let crossOutput: Linear
    public let crossNorm: LayerNorm
    public let feedForward: FeedForward
    public let outputNorm: LayerNorm
    public let dropout: Dropout
    public let heads: Int

    public init(_ prefix: String, _ config: BertConfig, init initializer: inout ParameterInitializer) throws {
        let c = config.hiddenSize
        heads = config.numAttentionHeads
        selfAttention = try MultiHeadSelfAttention(qualified(prefix, "attention"), dim: c, heads: heads,
                                                   attentionDropout: config.attentionProbsDropoutProb, init: &initializer)
        selfNorm = LayerNorm(qualified(prefix, "attention.output.LayerNorm"), dim: c, eps: config.layerNormEps, init: &initializer)
        let cross = qualified(prefix, "crossattention")
        crossQuery = Linear(qualified(cross, "self.query"), inFeatures: c, outFeatures: c, init: &initializer)
        crossKey = Linear(qualified(cross, "self.key"), inFeatures: c, outFeatures: c, init: &initializer)
        crossValue = Linear(qualified(cross, "self.value"), inFeatures: c, outFeatures: c, init: &initializer)
        crossOutput = Linear(qualified(cross, "output.dense"), inFeatures: c, outFeatures: c, init: &initializer)
        crossNorm = LayerNorm(qualified(cross, "output.LayerNorm"), dim: c, eps: config.layerNormEps, init: &initializer)
        feedForward = FeedForward(prefix, dim: c, hidden: config.intermediateSize, activation: try config.activation(), init: &initializer)
        outputNorm = LayerNorm(qualified(prefix, "output.LayerNorm"), dim: c, eps: config.layerNormEps, init: &initializer)
        dropout = Dropout(config.hiddenDropoutProb)
    }

    public var crossParameters: [Tensor] {
        crossQuery.parameters + crossKey.parameters + crossValue.parameters + crossOutput.parameters + crossNorm.parameters
    }
    public var parameters: [Tensor] {
        selfAttention.parameters + selfNorm.parameters + crossParameters + feedForward.parameters + outputNorm.parameters
    }
    public var checkpointTensors: [Tensor] {
        selfAttention.checkpointTensors + selfNorm.parameters + crossParameters + feedForward.parameters + outputNorm.parameters
    }

    /// x [B, T, C] (whole target, teacher forcing), memory [B, S, C] (encoder output) ->
    /// [B, T, C]. memoryMask [B, S]: 0 marks source padding.
    public func callAsFunction(_ x: Tensor, memory: Tensor, memoryMask: IntTensor?, training: Bool) throws -> Tensor {
        let qkv = try x.linear(selfAttention.qkvWeight, selfAttention.qkvBias)
        let context = try qkv.selfAttention(heads: heads, causal: true, dropout: selfAttention.attentionDropout, training: training)
        let h1 = try selfNorm(dropout(selfAttention.output(context), training: training), residual: x)
        let crossContext = try Tensor.attention(query: crossQuery(h1), key: crossKey(memory), value: crossValue(memory),
                                                heads: heads, keyMask: memoryMask)
        let h2 = try crossNorm(dropout(crossOutput(crossContext), training: training), residual: h1)
        return try outputNorm(dropout(feedForward(h2), training: training), residual: h2)
    }

    /// A cache for generation: the cross-attention keys/values of `memory` (computed once) and
    /// no self-attention keys yet.
    public func makeCache(memory: Tensor) throws -> DecoderLayerCache {
        DecoderLayerCache(crossKeys: try crossKey(memory), crossValues: try crossValue(memory), channels: selfAttention.dim)
    }

    /// The next `x.shape[1]` positions (usually one) given the positions already in `cache`,
    /// which grows by them. Same values as running `callAsFunction` on the whole prefix (no
    /// dropout: inference only).
    public func step(_ x: Tensor, cache: DecoderLayerCache, memoryMask: IntTensor?) throws -> Tensor {
        let (b, t, c) = (x.shape[0], x.shape[1], x.shape[2])
        let qkv = try x.linear(selfAttention.qkvWeight, selfAttention.qkvBias).scalars
        var q = [Float](repeating: 0, count: b * t * c), k = q, v = q
        for row in 0..<(b * t) {
            for j in 0..<c {
                q[row * c + j] = qkv[row * 3 * c + j]
                k[row * c + j] = qkv[row * 3 * c + c + j]
                v[row * c + j] = qkv[row * 3 * c + 2 * c + j]
            }
        }
        try cache.append(keys: k, values: v, batch: b, count: t)
        let context = try Tensor.attention(query: Tensor(q, shape: [b, t, c]), key: cache.keyTensor(), value: cache.valueTensor(),
                                           heads: heads, causal: true)
        let h1 = try selfNorm(selfAttention.output(context), residual: x)
        let crossContext = try Tensor.attention(query: crossQuery(h1), key: cache.crossKeys, value: cache.crossValues,
                                                heads: heads, keyMask: memoryMask)
        let h2 = try crossNorm(crossOutput(crossContext), residual: h1)
        return try outputNorm(feedForward(h2), residual: h2)
    }
}

/// One decoder layer's state during generation: self-attention keys and values of the
/// positions decoded so far ([B, length, C] as flat arrays) and the fixed cross-attention
/// keys/values of the encoder output.
public final class DecoderLayerCache {
    public private(set) var keys: [Float] = []
    public private(set) var values: [Float] = []
    public private(set) var length = 0
    public private(set) var crossKeys: Tensor
    public private(set) var crossValues: Tensor
    let channels: Int
    var batch: Int

    init(crossKeys: Tensor, crossValues: Tensor, channels: Int) {
        self.crossKeys = crossKeys
        self.crossValues = crossValues
        self.channels = channels
        batch = crossKeys.shape[0]
    }

    /// Appends `count` positions per batch row (k, v: [B, count, C]).
    func append(keys k: [Float], values v: [Float], batch b: Int, count: Int) throws {
        guard b == batch else { throw ModelError.invalidInput("decoder cache holds batch \(batch), step got \(b)") }
        let c = channels, old = length, new = length + count
        func merged(_ a: [Float], _ add: [Float]) -> [Float] {
            var out = [Float](repeating: 0, count: b * new * c)
            for r in 0..<b {
                for t in 0..<old { for j in 0..<c { out[(r * new + t) * c + j] = a[(r * old + t) * c + j] } }
                for t in 0..<count { for j in 0..<c { out[(r * new + old + t) * c + j] = add[(r * count + t) * c + j] } }
            }
            return out
        }
        keys = merged(keys, k)
        values = merged(values, v)
        length = new
    }

    func keyTensor() throws -> Tensor { try Tensor(keys, shape: [batch, length, channels]) }
    func valueTensor() throws -> Tensor { try Tensor(values, shape: [batch, length, channels]) }

    /// Keeps batch rows `rows` in that order (beam search: each surviving beam takes its parent's
    /// cache; a row may be repeated). The cross keys/values are reordered too.
    public func reorder(_ rows: [Int]) throws {
        let c = channels, t = length
        var k = [Float](repeating: 0, count: rows.count * t * c), v = k
        for (i, r) in rows.enumerated() {
            for x in 0..<(t * c) { k[i * t * c + x] = keys[r * t * c + x]; v[i * t * c + x] = values[r * t * c + x] }
        }
        keys = k
        values = v
        crossKeys = try gatherRows(crossKeys, rows)
        crossValues = try gatherRows(crossValues, rows)
        batch = rows.count
    }
}

/// Batch rows of a [B, ...] tensor, copied (no autograd).
func gatherRows(_ x: Tensor, _ rows: [Int]) throws -> Tensor {
    let inner = x.count / max(x.shape[0], 1)
    let v = x.scalars
    var out = [Float](repeating: 0, count: rows.count * inner)
    for (i, r) in rows.enumerated() { for j in 0..<inner { out[i * inner + j] = v[r * inner + j] } }
    return try Tensor(out, shape: [rows.count] + Array(x.shape.dropFirst()))
}
