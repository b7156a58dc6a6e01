import Foundation
import NLPTensor

/// What the pretraining loop needs from a model, whatever its encoder: the tensors to train
/// and to checkpoint, and logits at the masked positions only.
///
/// Computing the output layer only where a label exists is the one big saving of MLM training:
/// with 15% masking the [N, C] x [C, V] decoder product and its softmax shrink ~7x
/// (`MaskedBatch.positions` lists those rows).
public protocol MaskedLanguageModel: AnyObject {
    /// "transformer" or "lstm".
    var architecture: String { get }
    var vocabularySize: Int { get }
    /// Tensors the optimiser updates (excluding ones the MLM loss never reaches, such as BERT's pooler).
    var trainableParameters: [Tensor] { get }
    /// Every tensor that owns storage, by unique name: what a training checkpoint stores.
    var stateTensors: [Tensor] { get }
    /// The model's configuration as `config.json` bytes.
    func configJSON() throws -> Data
    /// Logits [batch.positions.count, vocabularySize] at the masked positions.
    func maskedLogits(_ batch: MaskedBatch, training: Bool) throws -> Tensor
    /// Writes the model directory's `config.json` and `model.safetensors` (each atomically).
    func saveModel(to directory: String) throws
}

extension MaskedLanguageModel {
    public var parameterCount: Int { trainableParameters.reduce(0) { $0 + $1.count } }
}
