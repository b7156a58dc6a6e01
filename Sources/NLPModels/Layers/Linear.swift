import NLPTensor

/// y = x W^T + b with PyTorch's `nn.Linear` layout (weight [out, in]) and names
/// `<prefix>.weight`, `<prefix>.bias`.
public final class Linear: Layer {
    public let weight: Tensor
    public let bias: Tensor?

    public init(_ prefix: String, inFeatures: Int, outFeatures: Int, bias: Bool = true, init initializer: inout ParameterInitializer) {
        weight = initializer.normal(qualified(prefix, "weight"), [outFeatures, inFeatures])
        self.bias = bias ? initializer.constant(qualified(prefix, "bias"), [outFeatures], 0) : nil
    }

    public var inFeatures: Int { weight.shape[1] }
    public var outFeatures: Int { weight.shape[0] }
    public var parameters: [Tensor] { [weight] + (bias.map { [$0] } ?? []) }

    public func callAsFunction(_ x: Tensor) throws -> Tensor { try x.linear(weight, bias) }

    /// f(x W^T + b) with the bias add fused into the activation pass (one pass over the output).
    public func callAsFunction(_ x: Tensor, activation: Activation) throws -> Tensor {
        guard let bias else { return try x.linear(weight).activation(activation) }
        return try x.linear(weight).biasActivation(bias, activation)
    }
}
