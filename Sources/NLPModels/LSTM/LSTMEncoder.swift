import NLPTensor

/// Embedding, then `numLayers` stacked LSTM layers (optionally bidirectional: the two
/// directions' outputs are concatenated, forward first, as in PyTorch), with dropout between
/// layers. Parameter names follow a PyTorch module with `self.embedding` and `self.lstm`
/// (`embedding.weight`, `lstm.weight_ih_l0`, `lstm.weight_hh_l0_reverse`, ...), so weights
/// move to and from `nn.LSTM` by name.
///
///     let encoder = try LSTMEncoder(LSTMConfig(vocabSize: 8192), seed: 1)
///     let out = try encoder(batch, training: true)
///     out.output   // [B, T, 2H], zero at padding
///     out.h        // final h per (layer, direction), PyTorch's h_n order
public final class LSTMEncoder: Layer {
    public let config: LSTMConfig
    public let embedding: Embedding
    /// layers[k] = [forward] or [forward, reverse].
    public let layers: [[LSTMDirection]]
    public let dropout: Dropout

    public init(_ config: LSTMConfig, seed: UInt64 = 0) throws {
        try config.validate()
        self.config = config
        var initializer = ParameterInitializer(seed: seed, standardDeviation: 0.1)
        embedding = Embedding("embedding", count: config.vocabSize, dim: config.embeddingSize, init: &initializer)
        var layers: [[LSTMDirection]] = []
        for k in 0..<config.numLayers {
            let input = k == 0 ? config.embeddingSize : config.outputSize
            layers.append((0..<config.directions).map {
                LSTMDirection("lstm", layer: k, reverse: $0 == 1, inputSize: input, hiddenSize: config.hiddenSize, init: &initializer)
            })
        }
        self.layers = layers
        dropout = Dropout(config.dropout)
    }

    public var parameters: [Tensor] { embedding.parameters + layers.flatMap { $0.flatMap(\.parameters) } }

    public struct Output {
        /// [B, T, H * directions], zero at padding positions.
        public let output: Tensor
        /// Final hidden and cell states [B, H], ordered layer-major then direction (h_n order).
        public let h: [Tensor]
        public let c: [Tensor]
    }

    /// Each layer is one fused `lstmLayer` op (both directions at once, concurrently on two
    /// cores); `reference: true` runs the naive per-step ops instead (for tests).
    public func callAsFunction(_ batch: TokenBatch, training: Bool, reference: Bool = false) throws -> Output {
        let steps = try StepMasks(batch)
        var x = try embedding(batch.ids)
        var hs: [Tensor] = [], cs: [Tensor] = []
        for (k, directions) in layers.enumerated() {
            if reference {
                let results = try directions.map { try $0.reference(x, steps: steps) }
                hs += results.map(\.h)
                cs += results.map(\.c)
                x = results.count == 1 ? results[0].output : try concat(results.map(\.output), axis: 2)
            } else {
                let result = try lstmLayer(x, directions: directions.map(\.weights), keep: steps.keep)
                hs += result.h
                cs += result.c
                x = result.output
            }
            if k < layers.count - 1 { x = try dropout(x, training: training) }
        }
        return Output(output: x, h: hs, c: cs)
    }
}
