/// Every setting of a pretraining run (stored in its checkpoint, so `--resume` continues
/// with the same ones). Defaults suit 2 cores: a BERT-mini-sized transformer (hidden 128,
/// 2 layers, 2 heads, FFN 4 x hidden), sequences of 128, batches of 16.
public struct PretrainOptions: Codable, Equatable, Sendable {
    public enum Architecture: String, Codable, Sendable, CaseIterable { case transformer, lstm }
    public enum Decay: String, Codable, Sendable, CaseIterable { case linear, cosine, constant }

    public var architecture: Architecture = .transformer
    /// Transformer layers, or stacked LSTM layers.
    public var layers = 2
    /// Transformer width, or LSTM hidden size per direction.
    public var hidden = 128
    public var heads = 2
    /// FFN width; nil = 4 x hidden.
    public var intermediate: Int? = nil
    /// LSTM embedding width (the transformer's is `hidden`).
    public var embeddingSize = 128
    public var dropout: Float = 0.1
    /// Transformer LayerNorm placement: true = pre-LN (LayerNorm before attention and FFN, plus a
    /// final one), false = post-LN as BERT. nil (checkpoints from before this option) = post-LN.
    public var preLayerNorm: Bool? = nil
    /// Start the decoder bias at the corpus's log unigram probabilities (see
    /// `MaskedLanguageModel.setOutputBiasToUnigram`). nil (checkpoints from before this option) = true.
    public var unigramOutputBias: Bool? = nil
    public var sequenceLength = 128
    public var batchSize = 16
    /// Micro-batches per optimiser step (gradient accumulation).
    public var accumulation = 1
    /// Optimiser steps.
    public var steps = 2000
    /// `nlp pretrain` uses 2e-3 for the transformer (see README, "nlp pretrain").
    public var learningRate: Double = 1e-3
    /// Warm-up steps; nil = 6% of `steps`, rounded (BERT used 1%, RoBERTa 6%).
    public var warmupSteps: Int? = nil
    public var decay: Decay = .linear
    public var weightDecay: Float = 0.01
    public var clipNorm: Float = 1.0
    public var maskProbability = 0.15
    public var wholeWordMask = false
    public var seed: UInt64 = 1
    public var logEvery = 10
    public var evalEvery = 100
    public var saveEvery = 200
    /// Corpus split: every k-th paragraph is held out (0: no validation).
    public var validationEvery = 20
    public var maxValidationSequences = 64
    public var shuffleBufferSize = 1024

    public init() {}

    public var resolvedWarmup: Int { warmupSteps ?? Int((Double(steps) * 0.06).rounded()) }

    public func validate() throws {
        func positive(_ v: Int, _ name: String) throws {
            if v <= 0 { throw TrainingError("\(name) must be positive, got \(v)") }
        }
        try positive(layers, "--layers"); try positive(hidden, "--hidden"); try positive(heads, "--heads")
        try positive(batchSize, "--batch-size"); try positive(steps, "--steps"); try positive(accumulation, "--accumulation")
        try positive(logEvery, "--log-every"); try positive(saveEvery, "--save-every"); try positive(evalEvery, "--eval-every")
        try positive(embeddingSize, "--embedding-size")
        if sequenceLength < 8 { throw TrainingError("--seq-len must be at least 8, got \(sequenceLength)") }
        if architecture == .transformer && hidden % heads != 0 {
            throw TrainingError("--hidden \(hidden) is not a multiple of --heads \(heads)")
        }
        if !(learningRate > 0 && learningRate.isFinite) { throw TrainingError("--lr must be positive, got \(learningRate)") }
        if !(dropout >= 0 && dropout < 1) { throw TrainingError("--dropout must be in [0, 1), got \(dropout)") }
        if let w = warmupSteps, w < 0 { throw TrainingError("--warmup must be >= 0, got \(w)") }
    }
}

/// A bad setting or a run that cannot start or continue, in one line.
public struct TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
