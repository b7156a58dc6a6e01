import NLPTensor

/// Creates named, trainable parameter tensors with reproducible values.
///
/// Each call draws the next seed from one SplitMix64 stream, so the same model seed and the
/// same construction order give the same weights, and two layers never share a seed.
/// Defaults follow BERT (`initializer_range` 0.02): normal(0, 0.02) for weights and
/// embeddings, zero biases, LayerNorm weight 1 and bias 0.
public struct ParameterInitializer {
    var seeds: SplitMix64
    /// Standard deviation for `normal` weights (BERT's `initializer_range`).
    public var standardDeviation: Float

    public init(seed: UInt64, standardDeviation: Float = 0.02) {
        seeds = SplitMix64(seed: seed)
        self.standardDeviation = standardDeviation
    }

    public mutating func normal(_ name: String, _ shape: [Int], std: Float? = nil) -> Tensor {
        trainable(name, Tensor.randn(shape, std: std ?? standardDeviation, seed: seeds.next()))
    }

    public mutating func uniform(_ name: String, _ shape: [Int], bound: Float) -> Tensor {
        trainable(name, Tensor.uniform(shape, low: -bound, high: bound, seed: seeds.next()))
    }

    /// The next seed of the stream, for callers that build a tensor themselves.
    public mutating func nextSeed() -> UInt64 { seeds.next() }

    public func constant(_ name: String, _ shape: [Int], _ value: Float) -> Tensor {
        trainable(name, Tensor.full(shape, value))
    }
}

/// Marks a freshly created (non-view) tensor as a named trainable parameter.
func trainable(_ name: String, _ t: Tensor) -> Tensor {
    t.requiresGrad = true
    t.name = name
    return t
}
