import NLPTensor

/// The classic text CNN (Kim 2014): Embedding -> Conv1D of several widths -> ReLU ->
/// max over time -> concatenation -> dropout -> dense to class logits. A fast baseline.
/// Names: `embedding.weight`, `convs.N.{weight,bias}` (weight [filters, width, embedding],
/// NLPTensor's layout), `classifier.{weight,bias}`.
///
/// Sequences shorter than the widest kernel are padded with `pad_token_id` up to it, so a
/// one-word input still classifies.
public final class TextCNN: Layer {
    public let config: TextCNNConfig
    public let embedding: Embedding
    public let convWeights: [Tensor]
    public let convBiases: [Tensor]
    public let classifier: Linear
    public let dropout: Dropout

    public init(_ config: TextCNNConfig, seed: UInt64 = 0) throws {
        try config.validate()
        self.config = config
        var initializer = ParameterInitializer(seed: seed, standardDeviation: 0.1)
        embedding = Embedding("embedding", count: config.vocabSize, dim: config.embeddingSize, init: &initializer)
        var weights: [Tensor] = [], biases: [Tensor] = []
        for (i, k) in config.kernelSizes.enumerated() {
            let bound = 1 / Float(k * config.embeddingSize).squareRoot()
            weights.append(initializer.uniform("convs.\(i).weight", [config.filters, k, config.embeddingSize], bound: bound))
            biases.append(initializer.uniform("convs.\(i).bias", [config.filters], bound: bound))
        }
        convWeights = weights
        convBiases = biases
        classifier = Linear("classifier", inFeatures: config.filters * config.kernelSizes.count, outFeatures: config.numClasses, init: &initializer)
        dropout = Dropout(config.dropout)
    }

    public var parameters: [Tensor] { embedding.parameters + zip(convWeights, convBiases).flatMap { [$0, $1] } + classifier.parameters }

    /// ids [B, T] -> logits [B, classes].
    public func callAsFunction(_ ids: IntTensor, training: Bool) throws -> Tensor {
        let x = try embedding(padToWidestKernel(ids))
        let pooled = try zip(convWeights, convBiases).map { try x.conv1d(weight: $0, bias: $1).relu().maxOverTime() }
        let features = pooled.count == 1 ? pooled[0] : try concat(pooled, axis: 1)
        return try classifier(dropout(features, training: training))
    }

    func padToWidestKernel(_ ids: IntTensor) throws -> IntTensor {
        guard ids.shape.count == 2 else { throw ModelError.invalidInput("token ids must be [batch, length], got \(ids.shape)") }
        let (b, t) = (ids.shape[0], ids.shape[1]), width = config.kernelSizes.max()!
        if t >= width { return ids }
        var values = [Int32](repeating: Int32(config.padTokenId), count: b * width)
        for r in 0..<b { for s in 0..<t { values[r * width + s] = ids.values[r * t + s] } }
        return try IntTensor(values, shape: [b, width])
    }
}
