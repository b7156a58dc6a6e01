import Foundation
import NLPModels
import NLPTensor

/// `--arch transformer`: a BERT encoder with BERT's masked-LM head (`BertForMaskedLM`; the
/// decoder is tied to the word embeddings), saved with Hugging Face names so the model
/// directory opens in `transformers`.
public final class BertMaskedLM: MaskedLanguageModel {
    public let model: BertModel
    public let head: MaskedLMHead

    public init(config: BertConfig, seed: UInt64) throws {
        model = try BertModel(config, withMLMHead: true, seed: seed)
        head = model.mlmHead!
    }

    public init(model: BertModel) throws {
        guard let head = model.mlmHead else { throw ModelError.invalidConfig("the BERT model has no masked-LM head") }
        self.model = model
        self.head = head
    }

    public var architecture: String { "transformer" }
    public var vocabularySize: Int { model.config.vocabSize }
    public var trainableParameters: [Tensor] { model.encoder.parameters + head.parameters }
    public var stateTensors: [Tensor] { model.parameters }
    public var outputBias: Tensor? { head.bias }

    public func configJSON() throws -> Data {
        var config = model.config
        config.architectures = ["BertForMaskedLM"]
        return try config.jsonData()
    }

    public func maskedLogits(_ batch: MaskedBatch, training: Bool) throws -> Tensor {
        let shape = [batch.batchSize, batch.length]
        let tokens = try TokenBatch(ids: IntTensor(batch.inputIDs, shape: shape),
                                    attentionMask: try batch.attentionMask.map { try IntTensor($0, shape: shape) })
        let hidden = try model(tokens, training: training)
        return try head(hidden, positions: batch.positions)
    }

    public func saveModel(to directory: String) throws { try ModelDirectory.save(model, to: directory) }
}
