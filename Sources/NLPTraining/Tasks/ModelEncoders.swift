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

/// NLPModels' `LSTMEncoder` as a classification encoder: the final hidden states of the top
/// layer (forward and, when bidirectional, backward) concatenated, [B, H * directions].
public final class LSTMTextEncoder: TextEncoder {
    public let architecture = "lstm"
    public let lstm: LSTMEncoder

    public init(lstm: LSTMEncoder) { self.lstm = lstm }

    public var outputSize: Int { lstm.config.outputSize }
    public var vocabularySize: Int { lstm.config.vocabSize }
    public var parameters: [Tensor] { lstm.parameters }
    public var layerGroups: [[Tensor]] { [lstm.embedding.parameters] + lstm.layers.map { $0.flatMap(\.parameters) } }

    public func pooled(_ batch: PaddedBatch, training: Bool) throws -> Tensor {
        let out = try lstm(batch.modelBatch(), training: training)
        let top = Array(out.h.suffix(lstm.config.directions))
        return top.count == 1 ? top[0] : try concat(top, axis: 1)
    }

    public func configJSON() throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return [UInt8](try e.encode(lstm.config))
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
        // Rows shorter than the widest kernel are padded up to it (a one-word input still works).
        let width = cnn.config.kernelSizes.max()!
        var input = batch
        if batch.length < width {
            var ids = [Int32](repeating: Int32(cnn.config.padTokenId), count: batch.batch * width)
            for b in 0..<batch.batch { for t in 0..<batch.length { ids[b * width + t] = batch.ids[b * batch.length + t] } }
            input = PaddedBatch(ids: ids, lengths: batch.lengths, batch: batch.batch, length: width)
        }
        let x = try cnn.embedding(input.idTensor())
        let features = try zip(cnn.convWeights, cnn.convBiases).map { try x.conv1d(weight: $0, bias: $1).relu().maxOverTime() }
        return features.count == 1 ? features[0] : try concat(features, axis: 1)
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
                                                             numLayers: size.layers, bidirectional: true, dropout: size.dropout), seed: seed))
        }
        EncoderFactory.fresh["cnn"] = { _, v, size, _, seed in
            TextCNNTextEncoder(cnn: try TextCNN(TextCNNConfig(vocabSize: v, embeddingSize: size.embedding, filters: size.hidden,
                                                              numClasses: 2), seed: seed))
        }
        EncoderFactory.pretrained.append { directory in
            let config = try Data(contentsOf: URL(fileURLWithPath: directory + "/config.json"))
            let type = (try? JSONSerialization.jsonObject(with: config) as? [String: Any])?["model_type"] as? String ?? "bert"
            switch type {
            case "lstm":
                let lstm = try LSTMEncoder(JSONDecoder().decode(LSTMConfig.self, from: config))
                try Checkpoint.load(lstm.parameters, from: SafeTensors.read(directory + "/model.safetensors"))
                return LSTMTextEncoder(lstm: lstm)
            default:
                return TransformerTextEncoder(model: try ModelDirectory.loadBert(from: directory, withMLMHead: false))
            }
        }
        EncoderRegistry.loaders["transformer"] = { config, _ in
            TransformerTextEncoder(model: try BertModel(BertConfig(json: Data(config))))
        }
        EncoderRegistry.loaders["lstm"] = { config, _ in
            LSTMTextEncoder(lstm: try LSTMEncoder(JSONDecoder().decode(LSTMConfig.self, from: Data(config))))
        }
        EncoderRegistry.loaders["cnn"] = { config, _ in
            TextCNNTextEncoder(cnn: try TextCNN(JSONDecoder().decode(TextCNNConfig.self, from: Data(config))))
        }
    }
}
