import Foundation
import NLPTensor

/// The resumable state of a pretraining run, in one file through NLPTensor's `TrainingState`
/// container (one safetensors file, written atomically: temporary file, fsync, rename), so a
/// kill at any moment leaves the previous checkpoint or the new one, never a torn mix:
///
///     <parameter name>                 F32  every model tensor, as trained (packed qkv)
///     optimizer/<name>.exp_avg, ...    F32  AdamW moments, plus the optimiser step count
///     __metadata__ progress            JSON of `PretrainProgress`: step, schedule, masking
///        generator state, data cursor (position, pending tokens, shuffle buffer as base64),
///        log window, options, vocabulary fingerprint, corpus files, unigram baseline
///
/// Dropout needs no state: its seeds are a function of (seed, step). Restoring all of it makes
/// a resumed run compute the same losses and weights, bit for bit, as the run that was never
/// interrupted (same thread count; the tests check it, including after SIGKILL).
public struct PretrainProgress: Codable, Equatable, Sendable {
    public var step: Int
    public var optimizerSteps: Int
    public var skippedSteps: Int
    public var tokensSeen: Int
    public var elapsedSeconds: Double
    public var maskRandom: [UInt64]
    public var data: DataCursor
    public var window: LogWindow
    public var schedule: LearningRateSchedule
    public var options: PretrainOptions
    public var modelConfig: String
    public var vocabularySize: Int
    public var vocabularyFingerprint: String
    public var corpusFiles: [String]
    public var unigram: UnigramBaseline?
}

/// Sums over the steps since the last log line (checkpointed, so a resumed run logs the same
/// averages).
public struct LogWindow: Codable, Equatable, Sendable {
    public var steps = 0
    public var lossSum = 0.0
    public var correct = 0
    public var predicted = 0
    public var tokens = 0
    public var seconds = 0.0
    public var gradNormSum = 0.0
    public init() {}
}

public enum TrainingCheckpoint {
    public static let fileName = "state.safetensors"

    public static func save(progress: PretrainProgress, model: MaskedLanguageModel, optimizer: Optimizer, to path: String) throws {
        try TrainingState.save(parameters: model.stateTensors, optimizer: optimizer, progress: progress, to: path)
    }

    /// Reads the progress record only (to rebuild the corpus and the model before their tensors).
    public static func readProgress(_ path: String) throws -> PretrainProgress {
        guard FileManager.default.fileExists(atPath: path) else { throw TrainingError("\(path): no checkpoint to resume from") }
        return try TrainingState.progress(at: path)
    }

    /// Fills the model's tensors and the optimiser's moments and step count.
    public static func restore(from path: String, model: MaskedLanguageModel, optimizer: Optimizer) throws {
        let _: PretrainProgress = try TrainingState.restore(from: path, parameters: model.stateTensors, optimizer: optimizer)
    }
}
