import Foundation
import NLPTensor

/// The resumable state of a pretraining run, in one safetensors file written atomically
/// (temporary file, fsync, rename): a kill at any moment leaves the previous checkpoint or the
/// new one, never a torn file.
///
///     model.<name>            F32  every model tensor (packed as trained)
///     optimizer.<name>.exp_avg / .exp_avg_sq   F32  AdamW moments
///     data.pending            I32  packed-stream tokens not yet in a sequence
///     data.shuffled           I32  the shuffle buffer's sequences
///     __metadata__ "training_state": JSON of `TrainingProgress` (step, optimiser step count,
///        schedule, masking generator state (dropout is seeded per step), data position, log window,
///        options, vocabulary fingerprint, corpus files, unigram baseline)
///
/// Restoring all of it makes a resumed run compute the same losses and weights, bit for bit,
/// as the run that was never interrupted (same thread count; the test checks it).
public struct TrainingProgress: Codable, Equatable, Sendable {
    public var step: Int
    public var optimizerSteps: Int
    public var skippedSteps: Int
    public var tokensSeen: Int
    public var elapsedSeconds: Double
    public var maskRandom: [UInt64]
    public var data: DataCursor.Position
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
    static let metadataKey = "training_state"

    public static func save(progress: TrainingProgress, model: MaskedLanguageModel, optimizer: Optimizer,
                            cursor: DataCursor, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(progress), as: UTF8.self)
        try TensorFile.write(model.stateTensors, prefix: "model.",
                             ints: [.init(name: "data.pending", values: cursor.pending), .init(name: "data.shuffled", values: cursor.shuffled)],
                             floats: optimizer.stateBuffers.map { ("optimizer.\($0.name)", $0.buffer) },
                             metadata: [metadataKey: json, "format": "swift-nlp-training-state-1"], to: path)
    }

    /// Reads the progress record only (to rebuild the model before loading tensors).
    public static func readProgress(_ path: String) throws -> (TrainingProgress, SafeTensorsFile) {
        guard FileManager.default.fileExists(atPath: path) else { throw TrainingError("\(path): no checkpoint to resume from") }
        let file = try SafeTensors.read(path)
        guard let json = file.metadata[metadataKey] else { throw TrainingError("\(path): not a swift-nlp training checkpoint") }
        do {
            return (try JSONDecoder().decode(TrainingProgress.self, from: Data(json.utf8)), file)
        } catch {
            throw TrainingError("\(path): unreadable training state (\(error))")
        }
    }

    /// The data cursor saved in `file`.
    public static func cursor(from file: SafeTensorsFile, progress: TrainingProgress) throws -> DataCursor {
        var cursor = DataCursor()
        cursor.position = progress.data
        cursor.pending = try file.int32s("data.pending")
        cursor.shuffled = try file.int32s("data.shuffled")
        return cursor
    }

    /// Fills the model's tensors and the optimiser's moments and step count from `file`.
    public static func restore(from file: SafeTensorsFile, progress: TrainingProgress, model: MaskedLanguageModel,
                               optimizer: Optimizer) throws {
        try TensorFile.load(model.stateTensors, prefix: "model.", from: file)
        var buffers: [String: [Float]] = [:]
        for (name, _) in optimizer.stateBuffers {
            let key = "optimizer.\(name)"
            guard file.contains(key) else { throw TrainingError("\(file.path): missing optimiser state '\(key)'") }
            buffers[name] = try file.floats(key)
        }
        try optimizer.restore(stepCount: progress.optimizerSteps, buffers: buffers)
    }
}
