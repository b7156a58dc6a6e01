import NLPTensor

/// A lookup table [count, dim] named `<prefix>.weight` (`nn.Embedding`).
public final class Embedding: Layer {
    public let weight: Tensor

    public init(_ prefix: String, count: Int, dim: Int, init initializer: inout ParameterInitializer) {
        weight = initializer.normal(qualified(prefix, "weight"), [count, dim])
    }

    public var count: Int { weight.shape[0] }
    public var dim: Int { weight.shape[1] }
    public var parameters: [Tensor] { [weight] }

    /// ids of shape S -> [S..., dim]; an id outside the table throws.
    public func callAsFunction(_ ids: IntTensor) throws -> Tensor { try weight.embedding(ids) }
}
