import NLPTensor

/// Layer normalisation over the last axis with affine weight and bias, named as in BERT
/// (`<prefix>.weight`, `<prefix>.bias`, where the prefix usually ends in `LayerNorm`).
public final class LayerNorm: Layer {
    public let weight: Tensor
    public let bias: Tensor
    public let eps: Float

    public init(_ prefix: String, dim: Int, eps: Float, init initializer: inout ParameterInitializer) {
        weight = initializer.constant(qualified(prefix, "weight"), [dim], 1)
        bias = initializer.constant(qualified(prefix, "bias"), [dim], 0)
        self.eps = eps
    }

    public var parameters: [Tensor] { [weight, bias] }

    public func callAsFunction(_ x: Tensor) throws -> Tensor { try x.layerNorm(weight: weight, bias: bias, eps: eps) }

    /// LN(x + residual) in one fused pass (the post-LN residual of BERT).
    public func callAsFunction(_ x: Tensor, residual: Tensor) throws -> Tensor {
        try x.addLayerNorm(residual, weight: weight, bias: bias, eps: eps)
    }
}
