/// What every `nlp finetune` job (classifier, extractive and abstractive summariser) reads
/// besides its own settings, so a caller such as the CLI fills them in one place.
public protocol FinetuneJobInputs {
    var options: FinetuneOptions { get set }
    var devPath: String? { get set }
    var dataset: DatasetOptions { get set }
    /// A pretrained or fine-tuned model directory to start from (nil: from scratch).
    var initDirectory: String? { get set }
    /// The vocabulary of a from-scratch encoder (nil: trained on the training texts).
    var vocabularyPath: String? { get set }
    var size: ScratchEncoderSize { get set }
}

extension FinetuneJob: FinetuneJobInputs {}
extension SummarizerJob: FinetuneJobInputs {}
extension AbstractiveSummarizerJob: FinetuneJobInputs {}
