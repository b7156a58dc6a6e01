import NLPTensor

/// The position-wise feed-forward block: dense (C -> F) with the bias add fused into the
/// activation (GELU in BERT), then dense (F -> C). Named as BERT's
/// `<layer>.intermediate.dense` and `<layer>.output.dense`.
public final class FeedForward: Layer {
    public let intermediate: Linear
    public let output: Linear
    public let activation: Activation

    public init(_ layerPrefix: String, dim: Int, hidden: Int, activation: Activation, init initializer: inout ParameterInitializer) {
        intermediate = Linear(qualified(layerPrefix, "intermediate.dense"), inFeatures: dim, outFeatures: hidden, init: &initializer)
        output = Linear(qualified(layerPrefix, "output.dense"), inFeatures: hidden, outFeatures: dim, init: &initializer)
        self.activation = activation
    }

    public var parameters: [Tensor] { intermediate.parameters + output.parameters }

    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try output(intermediate(x, activation: activation))
    }
}
