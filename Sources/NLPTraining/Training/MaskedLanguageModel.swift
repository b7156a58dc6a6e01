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
    /// The decoder's bias [V] (`cls.predictions.bias`), which a new run sets to the corpus's log
    /// unigram probabilities (`Pretrainer`); nil when the model has none.
    var outputBias: Tensor? { get }
}

extension MaskedLanguageModel {
    public var parameterCount: Int { trainableParameters.reduce(0) { $0 + $1.count } }
    public var outputBias: Tensor? { nil }

    /// Sets the output bias to log p(token) of the training corpus (add-0.1 smoothed; tokens never
    /// seen, special ones included, get the smallest value).
    ///
    /// Why: with a zero bias the model first has to learn the unigram distribution, whose logits
    /// span ~10 nats, through a bias that Adam moves by about one learning rate per step, or
    /// through the tied embeddings. On the bundled corpus (6,672 tokens, 2 x 128) a zero bias left
    /// the loss above the unigram baseline for the first 100-300 steps; starting from the prior, step
    /// 0 is at the baseline and training goes straight to learning from context (the "init the
    /// final bias to the data's log prior" recipe).
    public func setOutputBiasToUnigram(counts: [Int]) {
        guard let bias = outputBias, bias.count == counts.count else { return }
        let total = Double(counts.reduce(0, +)) + 0.1 * Double(counts.count)
        bias.withUnsafeMutableBufferPointer { b in
            for (i, c) in counts.enumerated() { b[i] = Float(Foundation.log((Double(c) + 0.1) / total)) }
        }
    }
}
