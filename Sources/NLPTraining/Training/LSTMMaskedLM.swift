import Foundation
import NLPModels
import NLPTensor

/// `--arch lstm`: a bidirectional LSTM encoder with a BERT-style masked-LM head. Each position
/// sees its left context through the forward direction and its right context through the
/// reverse one, so a masked token is predicted from both sides, as in BERT.
///
/// Head: dense(2H -> E) + GELU + LayerNorm(E), then a decoder tied to the embedding table
/// [V, E] plus a bias [V]; names follow BERT's head (`cls.predictions.*`) beside the encoder's
/// PyTorch names (`embedding.weight`, `lstm.weight_ih_l0`, ...).
///
/// Note on "bidirectional MLM": the [MASK] input hides the token itself from both directions;
/// the 10% of chosen positions left unchanged let the model see it, as in BERT.
public final class LSTMMaskedLM: MaskedLanguageModel {
    public let config: LSTMConfig
    public let encoder: LSTMEncoder
    public let transform: Linear
    public let norm: LayerNorm
    public let bias: Tensor

    public init(config: LSTMConfig, seed: UInt64) throws {
        self.config = config
        encoder = try LSTMEncoder(config, seed: seed)
        var initializer = ParameterInitializer(seed: seed ^ 0x4D4C_4D48_4541_44, standardDeviation: 0.02)
        transform = Linear("cls.predictions.transform.dense", inFeatures: config.outputSize, outFeatures: config.embeddingSize, init: &initializer)
        norm = LayerNorm("cls.predictions.transform.LayerNorm", dim: config.embeddingSize, eps: 1e-12, init: &initializer)
        bias = initializer.constant("cls.predictions.bias", [config.vocabSize], 0)
    }

    public var architecture: String { "lstm" }
    public var vocabularySize: Int { config.vocabSize }
    public var outputBias: Tensor? { bias }
    public var trainableParameters: [Tensor] { encoder.parameters + transform.parameters + norm.parameters + [bias] }
    public var stateTensors: [Tensor] { trainableParameters }

    public func configJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(config)
    }

    public func maskedLogits(_ batch: MaskedBatch, training: Bool) throws -> Tensor {
        let shape = [batch.batchSize, batch.length]
        let tokens = try TokenBatch(ids: IntTensor(batch.inputIDs, shape: shape),
                                    attentionMask: try batch.attentionMask.map { try IntTensor($0, shape: shape) })
        let hidden = try encoder(tokens, training: training).output
        let selected = try hidden.gatherPositions(batch.positions)
        let h = try norm(transform(selected, activation: .geluExact))
        return try h.linear(encoder.embedding.weight, bias)
    }

    public func saveModel(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let json = try configJSON()
        try AtomicFile.write(to: directory + "/config.json") { try $0.write([UInt8](json)) }
        try Checkpoint.save(stateTensors, to: directory + "/model.safetensors")
    }
}
