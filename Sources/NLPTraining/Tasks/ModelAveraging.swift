import Foundation
import NLPFiles
import NLPModels
import NLPTensor

/// Averages the weights of models fine-tuned for one task (a uniform "model soup", Wortsman et
/// al. 2022; fairseq's `average_checkpoints.py`): each tensor of the output is the mean of that
/// tensor over the models.
///
/// Why it works: runs fine-tuned from the same pretrained encoder end in one basin of the loss,
/// and their mean lies nearer its centre than any one of them, so it often scores above the best
/// single run, at no cost when predicting. SST-2 dev from all-MiniLM-L6-v2: five runs of 88.99 to
/// 89.68 average to 89.91; the greedy soup of three of them to 90.02 (scripts/finetune/RESULTS.md).
/// Models trained from different random initialisations (from scratch) do not share a basin, and
/// their mean is usually worse than either.
///
/// The models must differ only in their weights: config.json and task.json equal as JSON (task,
/// labels, settings), the tokenizer files equal byte for byte, and the same tensor names, dtypes
/// and shapes. The one exception is an intent model's out-of-scope threshold: each run's is
/// calibrated on its own dev set, so none is right for the soup, and given labelled `dev` rows
/// the soup's threshold is calibrated again on them, as `nlp finetune` does (at the 2% quantile
/// when they hold no out-of-scope rows; without them the thresholds must agree). F32 tensors are
/// averaged; tensors of other dtypes must be equal. The output directory gets the first model's config, task and tokenizer
/// files, the averaged model.safetensors and average.json (the models averaged); every file is
/// written atomically, task.json last. `greedy` keeps only the models that help on dev data.
///
///     try ModelAveraging.average(["runs/sst2-a", "runs/sst2-b", "runs/sst2-c"], to: "runs/sst2-soup")
public enum ModelAveraging {
    /// Returns the soup's recalibrated out-of-scope threshold, if `dev` was given and the
    /// models are intent models with one.
    @discardableResult
    public static func average(_ directories: [String], to output: String, recalibrateOn dev: [LabeledText]? = nil) throws -> Float? {
        guard directories.count >= 2 else { throw TrainingError("average: give at least two model directories") }
        try checkOutput(output)
        try checkRecalibration(task: try checkCompatible(directories, recalibrating: dev != nil), dev: dev)
        return try write(directories, to: output, provenance: ["models": directories], recalibrateOn: dev)
    }

    /// One model's step of a greedy soup: its own dev score, the soup's score with it, and
    /// whether it stayed in.
    public struct GreedyStep: Sendable, Equatable {
        public var model: String
        public var score: Double
        public var soupScore: Double
        public var kept: Bool
    }

    /// Greedy soup (Wortsman et al. 2022, recipe "GreedySoup"): the models in order of their own
    /// `score` (best first, ties in the given order), each added to the soup only when the
    /// soup's score does not drop. The result is never worse on the scored data than the best
    /// single model, which a uniform average of a weak run can be. `score` is called with a
    /// model directory (a candidate soup is written to a scratch directory beside `output`).
    ///
    ///     let steps = try ModelAveraging.greedy(dirs, to: "soup") { dir in
    ///         try ClassifierEvaluation.evaluate(model: TaskModel.load(from: dir), path: "dev.tsv").evaluation.report.accuracy
    ///     }
    ///
    /// With `recalibrateOn` (intent models), every candidate soup gets its out-of-scope threshold
    /// calibrated on those rows before it is scored; each single model keeps its own.
    @discardableResult
    public static func greedy(_ directories: [String], to output: String, recalibrateOn dev: [LabeledText]? = nil,
                              score: (String) throws -> Double, log: (GreedyStep) -> Void = { _ in }) throws -> [GreedyStep] {
        guard directories.count >= 2 else { throw TrainingError("average: give at least two model directories") }
        try checkOutput(output)
        let task = try checkCompatible(directories, recalibrating: dev != nil)
        guard let task, ["sentiment", "classify", "intent"].contains(task) else {
            throw TrainingError("average: --greedy scores classifiers (sentiment, classify, intent); \(task ?? "these") models average without it")
        }
        try checkRecalibration(task: task, dev: dev)
        let own = try directories.map { try score($0) }
        let order = directories.indices.sorted { own[$0] != own[$1] ? own[$0] > own[$1] : $0 < $1 }
        var soup = [directories[order[0]]], best = own[order[0]]
        var steps = [GreedyStep(model: soup[0], score: best, soupScore: best, kept: true)]
        log(steps[0])
        let scratch = output + ".greedy-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for i in order.dropFirst() {
            try? FileManager.default.removeItem(atPath: scratch)
            try write(soup + [directories[i]], to: scratch, provenance: [:], recalibrateOn: dev)
            let candidate = try score(scratch)
            let kept = candidate >= best
            if kept { soup.append(directories[i]); best = candidate }
            steps.append(GreedyStep(model: directories[i], score: own[i], soupScore: candidate, kept: kept))
            log(steps.last!)
        }
        let record = steps.map { ["model": $0.model, "score": $0.score, "soup_score": $0.soupScore, "kept": $0.kept] as [String: Any] }
        try write(soup, to: output, provenance: ["models": soup, "greedy": record], recalibrateOn: dev)
        return steps
    }

    static func checkRecalibration(task: String?, dev: [LabeledText]?) throws {
        if dev != nil && task != "intent" {
            throw TrainingError("average: --dev recalibrates intent models' out-of-scope threshold; these are \(task ?? "other") models")
        }
    }

    static func checkOutput(_ output: String) throws {
        // A pretrained encoder or an unfinished run has weights but no task.json: never overwrite either.
        if ["task.json", ModelDirectory.weightsFile].contains(where: { FileManager.default.fileExists(atPath: output + "/" + $0) }) {
            throw TrainingError("\(output) already holds a model; choose another --output")
        }
    }

    /// The models agree on task.json, config.json and tokenizer files (tensors are checked while
    /// averaging); returns their task ("sentiment", "summarize", ...). The first model's files are
    /// read once and every other model is compared with them.
    @discardableResult
    static func checkCompatible(_ directories: [String], recalibrating: Bool = false) throws -> String? {
        for d in directories where !FileManager.default.fileExists(atPath: d + "/task.json") {
            throw TrainingError("\(d): not a model directory (no task.json)")
        }
        let first = directories[0]
        let jsonFiles = ["task.json", ModelDirectory.configFile]
        let reference = try jsonFiles.map { try jsonFields(first, $0) }
        func tokenizerBytes(_ dir: String, _ name: String) throws -> [UInt8]? {
            FileManager.default.fileExists(atPath: dir + "/" + name) ? try AtomicFile.read(dir + "/" + name) : nil
        }
        let tokenizer = try ModelDirectory.tokenizerFiles.map { try tokenizerBytes(first, $0) }
        for d in directories.dropFirst() {
            for (name, fields) in zip(jsonFiles, reference) {
                try requireSame(fields, try jsonFields(d, name), name, first, d, ignoring: recalibrating ? ["oos_threshold"] : [])
            }
            for (name, bytes) in zip(ModelDirectory.tokenizerFiles, tokenizer) where try tokenizerBytes(d, name) != bytes {
                throw TrainingError("average: \(d)/\(name) differs from \(first)'s; the models must share one tokenizer")
            }
        }
        return reference[0]["task"].flatMap { try? JSONSerialization.jsonObject(with: $0, options: .fragmentsAllowed) as? String }
    }

    /// The mean of `directories` (one directory: a copy) as a model directory, task.json last;
    /// with `dev`, task.json then gets the soup's own out-of-scope threshold, which is returned.
    @discardableResult
    static func write(_ directories: [String], to output: String, provenance: [String: Any], recalibrateOn dev: [LabeledText]? = nil) throws -> Float? {
        let first = directories[0]
        let files = try directories.map { try SafeTensors.read($0 + "/" + ModelDirectory.weightsFile) }
        let averaged = try averageTensors(files)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try averaged.withEntries { entries in
            try SafeTensors.write(entries, metadata: files[0].metadata.isEmpty ? nil : files[0].metadata,
                                  to: output + "/" + ModelDirectory.weightsFile)
        }
        let tokenizerFiles = ModelDirectory.tokenizerFiles.filter { FileManager.default.fileExists(atPath: first + "/" + $0) }
        for name in [ModelDirectory.configFile] + tokenizerFiles {
            try AtomicFile.write(AtomicFile.read(first + "/" + name), to: output + "/" + name)
        }
        if !provenance.isEmpty {
            let json = try JSONSerialization.data(withJSONObject: provenance, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try AtomicFile.write([UInt8](json), to: output + "/average.json")
        }
        try AtomicFile.write(AtomicFile.read(first + "/task.json"), to: output + "/task.json")
        guard let dev else { return nil }
        let model = try TaskModel.load(from: output)
        let hadThreshold = model.description.outOfScopeThreshold != nil
        // A run calibrated by quantile (no out-of-scope dev rows) keeps a threshold on the soup too.
        let threshold = try model.calibrateOutOfScopeThreshold(on: dev, quantile: hadThreshold ? 0.02 : nil)
        try model.saveDescription(to: output)
        return threshold
    }

    /// The mean of every F32 tensor (summed in file order, then divided by the count: numpy's
    /// `sum(ts) / len(ts)` to the bit), the bytes of every other tensor (checked equal).
    static func averageTensors(_ files: [SafeTensorsFile]) throws -> AveragedTensors {
        let first = files[0]
        var out = AveragedTensors()
        for file in files.dropFirst() {
            let onlyFirst = Set(first.names).subtracting(file.names).sorted(), onlyOther = Set(file.names).subtracting(first.names).sorted()
            func list(_ names: [String]) -> String { names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", ..." : "") }
            if !onlyFirst.isEmpty {
                throw TrainingError("average: \(file.path) lacks \(onlyFirst.count) tensors of \(first.path) (\(list(onlyFirst)))")
            }
            if !onlyOther.isEmpty {
                throw TrainingError("average: \(file.path) has \(onlyOther.count) tensors \(first.path) lacks (\(list(onlyOther)))")
            }
        }
        for name in first.names.sorted() {
            let info = try first.info(name)
            for file in files.dropFirst() {
                let other = try file.info(name)
                guard other.dtype == info.dtype, other.shape == info.shape else {
                    throw TrainingError("average: tensor '\(name)' is \(other.dtype.rawValue) \(other.shape) in \(file.path) "
                                        + "but \(info.dtype.rawValue) \(info.shape) in \(first.path)")
                }
            }
            if info.dtype == .float32 {
                var sum = try first.floats(name)
                for file in files.dropFirst() {
                    let values = try file.floats(name)
                    for i in sum.indices { sum[i] += values[i] }
                }
                let n = Float(files.count)
                for i in sum.indices { sum[i] /= n }
                out.floats.append((name, info.shape, sum))
            } else {
                let bytes = [UInt8](try first.bytes(name))
                for file in files.dropFirst() where [UInt8](try file.bytes(name)) != bytes {
                    throw TrainingError("average: tensor '\(name)' (\(info.dtype.rawValue)) differs between \(first.path) and \(file.path); only F32 tensors are averaged")
                }
                out.others.append((name, info.dtype, info.shape, bytes))
            }
        }
        return out
    }

    /// Each top-level key of `dir`/`name` with its value written canonically (sorted keys), so that
    /// equal JSON compares equal whatever the key order or spacing of the files.
    private static func jsonFields(_ dir: String, _ name: String) throws -> [String: Data] {
        let path = dir + "/" + name
        guard FileManager.default.fileExists(atPath: path) else { throw TrainingError("average: \(dir) has no \(name)") }
        let bytes = try AtomicFile.read(path)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw TrainingError("average: \(path) is not a JSON object")
        }
        return try object.mapValues { try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .fragmentsAllowed]) }
    }

    private static func requireSame(_ x: [String: Data], _ y: [String: Data], _ name: String, _ a: String, _ b: String,
                                    ignoring: Set<String>) throws {
        let differing = Set(x.keys).union(y.keys).subtracting(ignoring).filter { x[$0] != y[$0] }.sorted()
        guard !differing.isEmpty else { return }
        if differing == ["oos_threshold"] {
            throw TrainingError("average: \(b) and \(a) have different out-of-scope thresholds (each calibrated on its own run's dev set); "
                                + "give --dev FILE to calibrate the soup's own")
        }
        throw TrainingError("average: \(b)/\(name) differs from \(a)'s in \(differing.joined(separator: ", ")); "
                            + "only models of one task, labels and architecture average")
    }
}

/// Tensors ready for `SafeTensors.write`.
struct AveragedTensors {
    var floats: [(name: String, shape: [Int], values: [Float])] = []
    var others: [(name: String, dtype: SafeTensorsDType, shape: [Int], bytes: [UInt8])] = []

    /// Calls `body` with entries borrowing every tensor's bytes.
    func withEntries(_ body: ([SafeTensorsEntry]) throws -> Void) throws {
        func go(_ i: Int, _ acc: [SafeTensorsEntry]) throws {
            if i == floats.count + others.count { return try body(acc) }
            if i < floats.count {
                try floats[i].values.withUnsafeBytes { try go(i + 1, acc + [SafeTensorsEntry(name: floats[i].name, dtype: .float32, shape: floats[i].shape, bytes: $0)]) }
            } else {
                let o = others[i - floats.count]
                try o.bytes.withUnsafeBytes { try go(i + 1, acc + [SafeTensorsEntry(name: o.name, dtype: o.dtype, shape: o.shape, bytes: $0)]) }
            }
        }
        try go(0, [])
    }
}
