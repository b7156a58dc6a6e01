import NLPTensor

/// Multi-head self-attention with padding masks, on NLPTensor's fused kernel.
///
/// Query, key and value live in one packed [3C, C] weight (and [3C] bias): one sgemm projects
/// the input to [B, T, 3C], which is exactly the layout `selfAttention` reads. Hugging Face
/// names (`<prefix>.self.query.weight` ...) are views into the packed rows, so loading a BERT
/// checkpoint writes straight into the packed matrix and gradients land there too.
/// The output projection is `<prefix>.output.dense` (BERT's BertSelfOutput.dense).
///
///     let attention = MultiHeadSelfAttention("encoder.layer.0.attention", dim: 384, heads: 12, ...)
///     let y = try attention(x, keyMask: batch.attentionMask, training: false)   // [B, T, 384]
public final class MultiHeadSelfAttention: Layer {
    public let heads: Int
    public let dim: Int
    /// [3C, C]: rows 0..<C query, C..<2C key, 2C..<3C value.
    public let qkvWeight: Tensor
    public let qkvBias: Tensor
    public let output: Linear
    public let attentionDropout: Float
    let namedViews: [Tensor]

    public init(_ prefix: String, dim: Int, heads: Int, attentionDropout: Float, init initializer: inout ParameterInitializer) throws {
        guard heads > 0, dim % heads == 0 else {
            throw ModelError.invalidConfig("hidden size \(dim) is not a multiple of the number of attention heads (\(heads))")
        }
        self.heads = heads
        self.dim = dim
        self.attentionDropout = attentionDropout
        let selfPrefix = qualified(prefix, "self")
        // Three separately seeded blocks, as three nn.Linear layers would be initialised.
        var blocks: [Tensor] = []
        for _ in 0..<3 { blocks.append(Tensor.randn([dim, dim], std: initializer.standardDeviation, seed: initializer.nextSeed())) }
        qkvWeight = trainable(qualified(selfPrefix, "qkv.weight"), try noGrad { try concat(blocks, axis: 0) })
        qkvBias = initializer.constant(qualified(selfPrefix, "qkv.bias"), [3 * dim], 0)
        output = Linear(qualified(prefix, "output.dense"), inFeatures: dim, outFeatures: dim, init: &initializer)
        var views: [Tensor] = []
        for (i, part) in ["query", "key", "value"].enumerated() {
            let w = try qkvWeight.rows(i * dim..<(i + 1) * dim)
            w.name = qualified(selfPrefix, part + ".weight")
            let b = try qkvBias.rows(i * dim..<(i + 1) * dim)
            b.name = qualified(selfPrefix, part + ".bias")
            views += [w, b]
        }
        namedViews = views
    }

    public var parameters: [Tensor] { [qkvWeight, qkvBias] + output.parameters }
    public var checkpointTensors: [Tensor] { namedViews + output.parameters }

    /// x [B, T, C] -> [B, T, C]. keyMask [B, T]: 0 marks padding, which no query attends to.
    public func callAsFunction(_ x: Tensor, keyMask: IntTensor?, training: Bool) throws -> Tensor {
        let qkv = try x.linear(qkvWeight, qkvBias)
        let context = try qkv.selfAttention(heads: heads, keyMask: keyMask, dropout: attentionDropout, training: training)
        return try output(context)
    }
}
