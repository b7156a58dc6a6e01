import NLPTensor

/// The classic text CNN (Kim 2014): Embedding -> Conv1D of several widths -> ReLU ->
/// max over time -> concatenation -> dropout -> dense to class logits. A fast baseline.
/// Names: `embedding.weight`, `convs.N.{weight,bias}` (weight [filters, width, embedding],
/// NLPTensor's layout), `classifier.{weight,bias}`.
///
/// Sequences shorter than the widest kernel are padded with `pad_token_id` up to it, so a
/// one-word input still classifies. With `mask_padding` (and the row lengths given), the
/// windows a row has only because of batch padding are left out of the max, so a sentence
/// gets the same features whatever the longest row of its batch is: "good film" alone and
/// "good film" padded to 60 tokens in a batch of long reviews classify the same.
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

    /// Width of `features`: filters per width times the number of widths.
    public var featureSize: Int { config.filters * config.kernelSizes.count }

    /// ids [B, T] -> logits [B, classes]. `lengths`: real tokens per row (the rest is padding).
    public func callAsFunction(_ ids: IntTensor, lengths: [Int]? = nil, training: Bool) throws -> Tensor {
        try classifier(dropout(features(ids, lengths: lengths), training: training))
    }

    /// The penultimate layer: ReLU(conv) max-pooled over time for every width, concatenated
    /// [B, filters * widths]. `lengths` (real tokens per row) enables `mask_padding`.
    public func features(_ ids: IntTensor, lengths: [Int]? = nil) throws -> Tensor {
        let padded = try padToWidestKernel(ids)
        let x = try embedding(padded)
        let (b, t) = (padded.shape[0], padded.shape[1])
        if let lengths { guard lengths.count == b else { throw ModelError.invalidInput("\(lengths.count) lengths for \(b) rows") } }
        let pooled = try zip(convWeights, convBiases).map { w, bias in
            var y = try x.conv1d(weight: w, bias: bias).relu()  // [B, T - k + 1, F]
            if config.maskPadding, let lengths { y = try y.adding(windowMask(lengths, time: t, kernel: w.shape[1])) }
            return try y.maxOverTime()
        }
        return pooled.count == 1 ? pooled[0] : try concat(pooled, axis: 1)
    }

    /// [B, T - k + 1, 1]: 0 on the windows the row would have on its own (padded only up to the
    /// widest kernel: max(length, widest) - k + 1 of them), a large negative number on the windows
    /// that exist only because a longer row shares the batch. After ReLU every real feature is
    /// >= 0, so a masked window never wins the max.
    func windowMask(_ lengths: [Int], time: Int, kernel: Int) throws -> Tensor {
        let windows = time - kernel + 1, widest = config.kernelSizes.max()!
        var m = [Float](repeating: 0, count: lengths.count * windows)
        for (r, n) in lengths.enumerated() {
            let own = max(n, widest) - kernel + 1
            if own < windows { for s in own..<windows { m[r * windows + s] = -1e4 } }
        }
        return try Tensor(m, shape: [lengths.count, windows, 1])
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
