/// The tasks `nlp finetune --task` knows.
public enum FinetuneTask: String, CaseIterable, Sendable, Codable {
    case sentiment, classify, intent, summarize
}

/// Hyper-parameters of a fine-tuning run, with defaults that fit 2 CPU cores.
///
/// Learning rate (`resolvedLearningRate`): 1e-3 from scratch; from a pretrained encoder it
/// depends on the encoder's width (`pretrainedLearningRate(width:)`): BERT's 5e-5 suits
/// BERT-base (768), but a small encoder such as one `nlp pretrain` makes on 2 cores barely moves
/// at 5e-5. Bundled intents, 2 x 128 encoder pretrained 400 steps, 15 epochs, one seed, test accuracy:
/// [CLS] pooler + 5e-5 4.4%, [CLS] + 3e-4 35.1%, mean + 5e-5 26.2%, mean + 3e-4 85.9%,
/// mean + 5e-4 85.1%, mean + 1e-3 89.9%. Schedule: linear warm-up over `warmupFraction` of the steps,
/// then linear decay to 0. Early stopping: the dev metric (accuracy) is measured every
/// `evalEvery` steps (0 = once per epoch); after `patience` measurements without a new best the
/// run stops, and the best weights are the ones saved.
public struct FinetuneOptions: Sendable {
    public var task: FinetuneTask
    public var epochs: Int = 3
    public var learningRate: Double?
    public var batchSize: Int = 32
    /// Batch rows of similar length together (see `EpochBatches`): less padding, same batches per epoch.
    public var groupByLength: Bool = false
    public var sequenceLength: Int = 128
    public var seed: UInt64 = 1
    public var warmupFraction: Double = 0.1
    public var weightDecay: Float = 0.01
    public var clipNorm: Float = 1.0
    public var dropout: Float = 0.1
    /// Whether the encoder itself has dropout (set by `FinetuneJob` from the encoder's config).
    public var encoderDropout: Bool = true
    public var patience: Int = 2
    public var evalEvery: Int = 0
    public var logEvery: Int = 20
    /// Fraction of the training data held out as dev when no dev file is given.
    public var devFraction: Double = 0.1
    public var classWeights: Bool = false
    public var multiLabel: Bool = false
    /// Freeze the embeddings and the lowest `freezeLayers - 1` layers (0 = train everything).
    public var freezeLayers: Int = 0
    /// Layer-wise learning-rate decay: the head trains at the peak rate, each encoder layer group
    /// below it at this factor times the rate above (`ParameterGroup.layerwiseDecay`); 1 = off.
    /// ELECTRA fine-tunes with 0.8 (small) to 0.9 (large).
    public var layerLearningRateDecay: Float = 1
    /// The out-of-scope label of intent data.
    public var outOfScopeLabel: String = "out_of_scope"
    /// Intent data without out-of-scope dev examples: route the least confident share of correct
    /// dev answers (e.g. 0.02); nil = no threshold for such data.
    public var outOfScopeQuantile: Double?
    /// Stop after this many optimiser steps (nil = all epochs): for quick runs and tests.
    public var maxSteps: Int?
    public var pretrained: Bool = false
    /// Hidden size of the pretrained encoder (set by `FinetuneJob` once it is loaded).
    public var pretrainedWidth: Int?

    public init(task: FinetuneTask) { self.task = task }

    public var resolvedLearningRate: Double {
        learningRate ?? (pretrained ? Self.pretrainedLearningRate(width: pretrainedWidth) : 1e-3)
    }

    /// Default peak learning rate for fine-tuning a pretrained encoder of hidden size `width`:
    /// 1e-3 up to 128 and 5e-4 up to 256 (our own small pretraining), 1e-4 up to 512 (MiniLM's
    /// 384, as in scripts/finetune/results.sh), else 5e-5 (BERT-base's recipe).
    public static func pretrainedLearningRate(width: Int?) -> Double {
        guard let width else { return 5e-5 }
        return width <= 128 ? 1e-3 : width <= 256 ? 5e-4 : width <= 512 ? 1e-4 : 5e-5
    }

    public func validate() throws {
        func bad(_ s: String) -> TrainingError { TrainingError("finetune: \(s)") }
        if epochs < 1 { throw bad("--epochs must be at least 1") }
        if batchSize < 1 { throw bad("--batch-size must be at least 1") }
        if sequenceLength < 4 { throw bad("--seq-len must be at least 4") }
        if !(resolvedLearningRate > 0) { throw bad("--lr must be positive") }
        if !(layerLearningRateDecay > 0 && layerLearningRateDecay <= 1) { throw bad("--layer-lr-decay must be in (0, 1]") }
        if !(weightDecay >= 0) { throw bad("--weight-decay must be non-negative") }
        if !(devFraction > 0 && devFraction < 1) { throw bad("the dev fraction must be in (0, 1)") }
    }
}
