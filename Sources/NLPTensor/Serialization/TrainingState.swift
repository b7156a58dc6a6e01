import Foundation

/// A resumable training checkpoint in ONE safetensors file: the model's parameters, the
/// optimiser's moment buffers (named "optimizer/<parameter>.<buffer>"), the optimiser's step
/// count, and any Codable progress record (step, RNG state, data cursor, schedule) as JSON in
/// `__metadata__`. One file means one atomic rename commits everything together: a kill at any
/// moment leaves the previous checkpoint or the new one, never parameters from one step with
/// moments from another (a risk with a sidecar file).
///
///     try TrainingState.save(parameters: model.parameters, optimizer: adam,
///                            progress: TrainingProgress(step: 500, rng: rng, dataCursor: cursor, schedule: schedule),
///                            to: dir + "/state.safetensors")
///     // ... later, in a new process, with freshly built model and optimiser:
///     let progress: TrainingProgress = try TrainingState.restore(from: path, parameters: model.parameters, optimizer: adam)
///     var rng = try Xoshiro256StarStar(state: progress.rngState)
public enum TrainingState {
    static let progressKey = "swift_nlp.training_progress"
    static let optimizerStepKey = "swift_nlp.optimizer_step"
    static let optimizerPrefix = "optimizer/"

    /// Saves parameters, optimiser state and `progress` atomically to `path`.
    public static func save<Progress: Encodable>(parameters: [any OptimizableParameter], optimizer: (any Optimizer)?,
                                                 progress: Progress, to path: String) throws {
        var buffers: [(name: String, values: UnsafeBufferPointer<Float>)] = parameters.map {
            ($0.name, UnsafeBufferPointer(start: $0.value, count: $0.count))
        }
        var metadata = ["format": "pt"]
        if let optimizer {
            buffers += optimizer.stateBuffers.map { (optimizerPrefix + $0.name, UnsafeBufferPointer($0.buffer)) }
            metadata[optimizerStepKey] = String(optimizer.stepCount)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let json = String(data: try encoder.encode(progress), encoding: .utf8) else {
            throw SafeTensorsError(path, "training progress did not encode as UTF-8 JSON")
        }
        metadata[progressKey] = json
        let entries = buffers.map {
            SafeTensorsEntry(name: $0.name, dtype: .float32, shape: [$0.values.count], bytes: UnsafeRawBufferPointer($0.values))
        }
        try SafeTensors.write(entries, metadata: metadata, to: path)
    }

    /// Copies saved values into `parameters` and `optimizer` (which must have the same names and
    /// sizes as when saved) and returns the progress record. Nothing is modified if the file does
    /// not match: every check runs before the first copy.
    public static func restore<Progress: Decodable>(from path: String, parameters: [any OptimizableParameter],
                                                    optimizer: (any Optimizer)?) throws -> Progress {
        let file = try SafeTensors.read(path)
        let progress: Progress = try decodeProgress(file)
        var targets: [(name: String, buffer: UnsafeMutableBufferPointer<Float>)] = parameters.map {
            ($0.name, UnsafeMutableBufferPointer(start: $0.value, count: $0.count))
        }
        var optimizerStep = 0
        if let optimizer {
            guard let s = file.metadata[optimizerStepKey], let step = Int(s), step >= 0 else {
                throw SafeTensorsError(path, "no optimizer state in this checkpoint")
            }
            optimizerStep = step
            targets += optimizer.stateBuffers.map { (optimizerPrefix + $0.name, $0.buffer) }
        }
        for t in targets {
            let info = try file.info(t.name)
            guard info.dtype == .float32, info.elementCount == t.buffer.count else {
                throw SafeTensorsError(path, "tensor '\(t.name)' is \(info.dtype.rawValue) x \(info.elementCount), expected F32 x \(t.buffer.count)")
            }
        }
        if let optimizer {
            var saved: [String: [Float]] = [:]
            for b in optimizer.stateBuffers { saved[b.name] = try file.floats(optimizerPrefix + b.name) }
            try optimizer.restore(stepCount: optimizerStep, buffers: saved)
        }
        for t in targets.prefix(parameters.count) { try file.copyFloats(t.name, into: t.buffer) }
        return progress
    }

    /// Reads only the progress record (e.g. to print where a run stopped).
    public static func progress<Progress: Decodable>(at path: String) throws -> Progress {
        try decodeProgress(try SafeTensors.read(path))
    }

    private static func decodeProgress<Progress: Decodable>(_ file: SafeTensorsFile) throws -> Progress {
        guard let json = file.metadata[progressKey] else { throw SafeTensorsError(file.path, "not a training-state checkpoint (no \(progressKey) metadata)") }
        do {
            return try JSONDecoder().decode(Progress.self, from: Data(json.utf8))
        } catch {
            throw SafeTensorsError(file.path, "training progress metadata does not decode: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
    }
}

/// The progress record most training loops need; use your own Codable type for more.
public struct TrainingProgress: Codable, Hashable, Sendable {
    /// Optimiser updates completed.
    public var step: Int
    public var epoch: Int
    /// Position in the data stream (e.g. index into the epoch's permutation).
    public var dataCursor: Int
    /// `Xoshiro256StarStar.state` at save time.
    public var rngState: [UInt64]
    public var schedule: LearningRateSchedule?
    /// Anything else, as strings (best validation loss, run name...).
    public var extra: [String: String]

    public init(step: Int, epoch: Int = 0, dataCursor: Int = 0, rng: Xoshiro256StarStar,
                schedule: LearningRateSchedule? = nil, extra: [String: String] = [:]) {
        self.step = step
        self.epoch = epoch
        self.dataCursor = dataCursor
        rngState = rng.state
        self.schedule = schedule
        self.extra = extra
    }
}
