import NLPTensor

/// BERT's pooler: tanh(dense(hidden at [CLS])), named `pooler.dense.{weight,bias}`; the
/// sentence vector that BERT's next-sentence head and many classifiers read.
public final class Pooler: Layer {
    public let dense: Linear

    public init(_ config: BertConfig, init initializer: inout ParameterInitializer) {
        dense = Linear("pooler.dense", inFeatures: config.hiddenSize, outFeatures: config.hiddenSize, init: &initializer)
    }

    public var parameters: [Tensor] { dense.parameters }

    /// hidden [B, T, C] -> [B, C].
    public func callAsFunction(_ hidden: Tensor) throws -> Tensor {
        try dense(hidden.gatherPositions(firstPositions(hidden)), activation: .tanh)
    }
}

/// Flat indices b * T of each row's first position ([CLS]).
func firstPositions(_ hidden: Tensor) -> [Int32] {
    (0..<hidden.shape[0]).map { Int32($0 * hidden.shape[1]) }
}
