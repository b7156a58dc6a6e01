import Foundation
import NLPModels
import NLPTensor

extension PaddedBatch {
    /// The models module's batch (ids + attention mask).
    func modelBatch() throws -> TokenBatch {
        try TokenBatch(ids: idTensor(), attentionMask: keyMask())
    }
}

/// A BERT-style Transformer (NLPModels' `BertModel`, HF parameter names) as a classification
/// encoder. Pooling: `cls` = BERT's pooler, tanh(dense(h[CLS])), as BertForSequenceClassification;
/// `mean` = the average of the last hidden states over real tokens, the sentence-transformers
/// convention (what all-MiniLM-L6-v2 was trained for).
public final class TransformerTextEncoder: TextEncoder {
    public enum Pooling: String, Sendable, Codable { case cls, mean }
    public let architecture = "transformer"
    public let model: BertModel
    public var pooling: Pooling

    public init(model: BertModel, pooling: Pooling = .cls) {
        self.model = model
        self.pooling = pooling
    }

    public var outputSize: Int { model.config.hiddenSize }
    public var vocabularySize: Int { model.config.vocabSize }
    public var parameters: [Tensor] { model.encoder.parameters + model.pooler.parameters }
    public var layerGroups: [[Tensor]] {
        [model.encoder.embeddings.parameters] + model.encoder.layers.map(\.parameters)
            + [(model.encoder.finalNorm?.parameters ?? []) + model.pooler.parameters]
    }

    public func pooled(_ batch: PaddedBatch, training: Bool) throws -> Tensor {
        let hidden = try model(batch.modelBatch(), training: training)  // [B, T, C]
        switch pooling {
        case .cls:
            return try model.pooler(hidden)
        case .mean:
            let flat = try hidden.reshaped([batch.batch * batch.length, outputSize])
            return try batch.meanPoolingMatrix().matmul(flat)
        }
    }

    public func configJSON() throws -> [UInt8] { [UInt8](try model.config.jsonData()) }

    public static func fresh(vocabularySize: Int, size: ScratchEncoderSize, maxLength: Int, seed: UInt64) throws -> TransformerTextEncoder {
        var config = BertConfig(vocabSize: vocabularySize, hiddenSize: size.hidden, layers: size.layers, heads: size.heads,
                                maxPositions: max(maxLength, 128))
        config.padTokenId = 0
        config.hiddenDropoutProb = size.dropout
        config.attentionProbsDropoutProb = size.dropout
        return TransformerTextEncoder(model: try BertModel(config, seed: seed))
    }
}

/// NLPModels' `LSTMEncoder` as a classification encoder. Pooling over the top layer:
/// `last` = the final hidden states (forward and, when bidirectional, backward) concatenated,
/// [B, H * directions]; `max` = the element-wise max over the real time steps (InferSent's
/// BiLSTM-max), `mean` = their average, both [B, H * directions]; `maxmean` = max and mean
/// concatenated, [B, 2 * H * directions]. Max and mean see every word, not only what survived
/// to the last step, which is what lets a BiLSTM catch "not bad at all" in the middle of a review.
/// The pooling is saved in config.json (`"pooling"`; absent = `last`).
public final class LSTMTextEncoder: TextEncoder {
    public enum Pooling: String, Sendable, Codable, CaseIterable { case last, max, mean, maxmean }
    public let architecture = "lstm"
    public let lstm: LSTMEncoder
    public let pooling: Pooling

    public init(lstm: LSTMEncoder, pooling: Pooling = .last) {
        self.lstm = lstm
        self.pooling = pooling
    }

    public var outputSize: Int { lstm.config.outputSize * (pooling == .maxmean ? 2 : 1) }
    public var vocabularySize: Int { lstm.config.vocabSize }
    public var parameters: [Tensor] { lstm.parameters }
    public var layerGroups: [[Tensor]] { [lstm.embedding.parameters] + lstm.layers.map { $0.flatMap(\.parameters) } }

    public func pooled(_ batch: PaddedBatch, training: Bool) throws -> Tensor {
        let out = try lstm(batch.modelBatch(), training: training)
        let width = lstm.config.outputSize
        func maxPooled() throws -> Tensor {
            // LSTM outputs are in (-1, 1) and zero at padding: push padding far below so it never wins.
            var bias = [Float](repeating: 0, count: batch.batch * batch.length)
            for b in 0..<batch.batch where batch.lengths[b] < batch.length {
                for t in max(1, batch.lengths[b])..<batch.length { bias[b * batch.length + t] = -1e4 }
            }
            return try out.output.adding(Tensor(bias, shape: [batch.batch, batch.length, 1])).maxOverTime()
        }
        func meanPooled() throws -> Tensor {
            try batch.meanPoolingMatrix().matmul(out.output.reshaped([batch.batch * batch.length, width]))
        }
        switch pooling {
        case .last:
            let top = Array(out.h.suffix(lstm.config.directions))
            return top.count == 1 ? top[0] : try concat(top, axis: 1)
        case .max: return try maxPooled()
        case .mean: return try meanPooled()
        case .maxmean: return try concat([maxPooled(), meanPooled()], axis: 1)
        }
    }

    public func configJSON() throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return [UInt8](try e.encode(SavedConfig(config: lstm.config, pooling: pooling)))
    }

    /// LSTMConfig's keys plus `"pooling"` (config.json of an LSTM classifier).
    struct SavedConfig: Codable {
        var config: LSTMConfig
        var pooling: Pooling
        enum Keys: String, CodingKey { case pooling }

        init(config: LSTMConfig, pooling: Pooling) {
            self.config = config
            self.pooling = pooling
        }

        init(from decoder: Decoder) throws {
            config = try LSTMConfig(from: decoder)
            pooling = try decoder.container(keyedBy: Keys.self).decodeIfPresent(Pooling.self, forKey: .pooling) ?? .last
        }

        func encode(to encoder: Encoder) throws {
            try config.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(pooling, forKey: .pooling)
        }
    }

    /// An encoder from an LSTM config.json (with or without `"pooling"`).
    static func fromConfig(_ json: Data) throws -> LSTMTextEncoder {
        let saved = try JSONDecoder().decode(SavedConfig.self, from: json)
        return LSTMTextEncoder(lstm: try LSTMEncoder(saved.config), pooling: saved.pooling)
    }
}

/// The text CNN of Kim 2014 (NLPModels' `TextCNN` layers) as a classification encoder: the
/// max-over-time features of every kernel width, concatenated [B, filters * widths]. TextCNN's own
/// dense layer is not used (the task head replaces it) and not saved.
public final class TextCNNTextEncoder: TextEncoder {
    public let architecture = "cnn"
    public let cnn: TextCNN

    public init(cnn: TextCNN) { self.cnn = cnn }

    public var outputSize: Int { cnn.config.filters * cnn.config.kernelSizes.count }
    public var vocabularySize: Int { cnn.config.vocabSize }
    public var parameters: [Tensor] { cnn.embedding.parameters + zip(cnn.convWeights, cnn.convBiases).flatMap { [$0, $1] } }
    public var layerGroups: [[Tensor]] { [cnn.embedding.parameters, zip(cnn.convWeights, cnn.convBiases).flatMap { [$0, $1] }] }

    public func pooled(_ batch: PaddedBatch, training: Bool) throws -> Tensor {
        try cnn.features(batch.idTensor(), lengths: batch.lengths)
    }

    public func configJSON() throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return [UInt8](try e.encode(cnn.config))
    }
}

/// Registers the three model-backed architectures with `EncoderFactory` and `EncoderRegistry`
/// (called once by `FinetuneJob` and `TaskModel.load`).
public enum ModelEncoders {
    nonisolated(unsafe) private static var registered = false

    public static func register() {
        guard !registered else { return }
        registered = true
        EncoderFactory.fresh["transformer"] = { _, v, size, maxLength, seed in
            try TransformerTextEncoder.fresh(vocabularySize: v, size: size, maxLength: maxLength, seed: seed)
        }
        EncoderFactory.fresh["lstm"] = { _, v, size, _, seed in
            LSTMTextEncoder(lstm: try LSTMEncoder(LSTMConfig(vocabSize: v, embeddingSize: size.embedding, hiddenSize: size.hidden,
                                                             numLayers: size.layers, bidirectional: true, dropout: size.dropout), seed: seed),
                            pooling: size.lstmPooling)
        }
        EncoderFactory.fresh["cnn"] = { _, v, size, _, seed in
            TextCNNTextEncoder(cnn: try TextCNN(TextCNNConfig(vocabSize: v, embeddingSize: size.embedding, kernelSizes: size.kernelSizes,
                                                              filters: size.hidden, numClasses: 2, maskPadding: size.cnnMaskPadding), seed: seed))
        }
        EncoderFactory.pretrained.append { directory in
            // A fine-tuned model directory: its encoder (intermediate-task transfer).
            if FileManager.default.fileExists(atPath: directory + "/task.json") {
                return try TaskModel.load(from: directory).classifier.encoder
            }
            let config = try Data(contentsOf: URL(fileURLWithPath: directory + "/config.json"))
            let type = (try? JSONSerialization.jsonObject(with: config) as? [String: Any])?["model_type"] as? String ?? "bert"
            switch type {
            case "lstm":
                let encoder = try LSTMTextEncoder.fromConfig(config)
                try Checkpoint.load(encoder.lstm.parameters, from: SafeTensors.read(directory + "/model.safetensors"))
                return encoder
            default:
                return TransformerTextEncoder(model: try ModelDirectory.loadBert(from: directory, withMLMHead: false))
            }
        }
        EncoderRegistry.loaders["transformer"] = { config, _ in
            TransformerTextEncoder(model: try BertModel(BertConfig(json: Data(config))))
        }
        EncoderRegistry.loaders["lstm"] = { config, _ in try LSTMTextEncoder.fromConfig(Data(config)) }
        EncoderRegistry.loaders["cnn"] = { config, _ in
            TextCNNTextEncoder(cnn: try TextCNN(JSONDecoder().decode(TextCNNConfig.self, from: Data(config))))
        }
    }
}
