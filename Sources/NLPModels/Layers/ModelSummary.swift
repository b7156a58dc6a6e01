import NLPTensor

/// A printable table of a model's layers: name, kind, output shape for a given batch and
/// length, parameter count, and the total.
///
///     print(try model.summary(batch: 32, length: 128))
///     layer                      kind                      output           params
///     embeddings                 BertEmbeddings            [32, 128, 256]   2,200,064
///     ...
///     total                                                                 11,170,560
public struct ModelSummary: CustomStringConvertible {
    public struct Row {
        public var name: String
        public var kind: String
        public var outputShape: [Int]
        public var parameters: Int
    }

    public var title: String
    public var rows: [Row]
    /// Unique trainable scalars (a tied tensor counts once).
    public var totalParameters: Int

    public var description: String {
        let header = ["layer", "kind", "output", "params"]
        let cells = rows.map { [$0.name, $0.kind, "\($0.outputShape)", grouped($0.parameters)] }
        let widths = (0..<4).map { c in ([header[c]] + cells.map { $0[c] }).map(\.count).max()! }
        func line(_ r: [String]) -> String {
            (0..<4).map { c in c == 3 ? String(repeating: " ", count: widths[c] - r[c].count) + r[c]
                                      : r[c] + String(repeating: " ", count: widths[c] - r[c].count) }.joined(separator: "  ")
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 6)
        var out = [title, line(header), rule] + cells.map(line) + [rule]
        out.append(line(["total", "", "", grouped(totalParameters)]))
        return out.joined(separator: "\n")
    }
}

/// 1234567 -> "1,234,567".
func grouped(_ n: Int) -> String {
    let s = String(n)
    var out = ""
    for (i, ch) in s.enumerated() {
        if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return out
}

func uniqueCount(_ tensors: [Tensor]) -> Int {
    var seen = Set<ObjectIdentifier>()
    return tensors.reduce(0) { seen.insert(ObjectIdentifier($1)).inserted ? $0 + $1.count : $0 }
}

extension BertModel {
    public func summary(batch: Int, length: Int) -> ModelSummary {
        let c = config.hiddenSize
        var rows = [ModelSummary.Row(name: "embeddings", kind: "BertEmbeddings", outputShape: [batch, length, c],
                                     parameters: encoder.embeddings.parameterCount)]
        for (i, layer) in encoder.layers.enumerated() {
            let p = "encoder.layer.\(i)"
            rows.append(.init(name: p + ".attention", kind: "MultiHeadSelfAttention(\(config.numAttentionHeads) heads)",
                              outputShape: [batch, length, c], parameters: layer.attention.parameterCount + layer.attentionNorm.parameterCount))
            rows.append(.init(name: p + ".ffn", kind: "FeedForward(\(config.intermediateSize), \(config.hiddenAct))",
                              outputShape: [batch, length, c], parameters: layer.feedForward.parameterCount + layer.outputNorm.parameterCount))
        }
        if let n = encoder.finalNorm { rows.append(.init(name: "encoder.LayerNorm", kind: "LayerNorm", outputShape: [batch, length, c], parameters: n.parameterCount)) }
        rows.append(.init(name: "pooler", kind: "Pooler(dense+tanh)", outputShape: [batch, c], parameters: pooler.parameterCount))
        if let h = mlmHead {
            rows.append(.init(name: "cls.predictions", kind: "MaskedLMHead(tied decoder)", outputShape: [batch, length, config.vocabSize],
                              parameters: h.parameterCount))
        }
        let title = "BertModel: \(config.numHiddenLayers) layers, hidden \(config.hiddenSize), \(config.numAttentionHeads) heads, "
            + "FFN \(config.intermediateSize), vocab \(config.vocabSize)\(config.preLayerNorm ? ", pre-LN" : "")"
        return ModelSummary(title: title, rows: rows, totalParameters: uniqueCount(parameters))
    }
}

extension LSTMEncoder {
    public func summary(batch: Int, length: Int) -> ModelSummary {
        var rows = [ModelSummary.Row(name: "embedding", kind: "Embedding", outputShape: [batch, length, config.embeddingSize],
                                     parameters: embedding.parameterCount)]
        for (k, dirs) in layers.enumerated() {
            rows.append(.init(name: "lstm.l\(k)", kind: config.bidirectional ? "BiLSTM(\(config.hiddenSize))" : "LSTM(\(config.hiddenSize))",
                              outputShape: [batch, length, config.outputSize], parameters: dirs.reduce(0) { $0 + $1.parameterCount }))
        }
        return ModelSummary(title: "LSTMEncoder: \(config.numLayers) layers, hidden \(config.hiddenSize)\(config.bidirectional ? ", bidirectional" : "")",
                            rows: rows, totalParameters: uniqueCount(parameters))
    }
}

extension TextCNN {
    public func summary(batch: Int, length: Int) -> ModelSummary {
        let t = max(length, config.kernelSizes.max()!)
        var rows = [ModelSummary.Row(name: "embedding", kind: "Embedding", outputShape: [batch, t, config.embeddingSize],
                                     parameters: embedding.parameterCount)]
        for (i, k) in config.kernelSizes.enumerated() {
            rows.append(.init(name: "convs.\(i)", kind: "Conv1D(width \(k)) + ReLU", outputShape: [batch, t - k + 1, config.filters],
                              parameters: convWeights[i].count + convBiases[i].count))
        }
        rows.append(.init(name: "pool", kind: "MaxOverTime + concat", outputShape: [batch, config.filters * config.kernelSizes.count], parameters: 0))
        rows.append(.init(name: "classifier", kind: "Linear", outputShape: [batch, config.numClasses], parameters: classifier.parameterCount))
        return ModelSummary(title: "TextCNN: widths \(config.kernelSizes), \(config.filters) filters each", rows: rows,
                            totalParameters: uniqueCount(parameters))
    }
}
