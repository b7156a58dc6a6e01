import Foundation
import NLPModels
import NLPTensor
import NLPTokenizers

/// What `task.json` in a fine-tuned model directory records: which task, which classes, how
/// inputs are cut, and the out-of-scope gate of intent models.
public struct TaskDescription: Codable, Equatable, Sendable {
    public var task: FinetuneTask
    public var architecture: String
    public var labels: [String]
    public var maxLength: Int
    public var addClsSep: Bool
    public var multiLabel: Bool
    public var outOfScopeLabel: String?
    public var outOfScopeThreshold: Float?
    /// Transformer pooling: "cls" (pooler) or "mean".
    public var pooling: String?

    enum CodingKeys: String, CodingKey {
        case task, architecture, labels
        case maxLength = "max_length"
        case addClsSep = "cls_sep"
        case multiLabel = "multi_label"
        case outOfScopeLabel = "oos_label"
        case outOfScopeThreshold = "oos_threshold"
        case pooling
    }
}

/// Builds an encoder of a given architecture from its `config.json` (a registry the models
/// module fills for transformer, lstm and cnn; `bow` is built in).
public enum EncoderRegistry {
    public typealias Loader = (_ config: [UInt8], _ directory: String) throws -> TextEncoder
    nonisolated(unsafe) public static var loaders: [String: Loader] = [
        "bow": { config, _ in
            guard let json = try JSONSerialization.jsonObject(with: Data(config)) as? [String: Any] else {
                throw TrainingError("config.json: not a JSON object")
            }
            return try MeanEmbeddingEncoder.fromConfig(json)
        },
    ]

    public static func load(architecture: String, config: [UInt8], directory: String) throws -> TextEncoder {
        guard let loader = loaders[architecture] else {
            throw TrainingError("\(directory): unknown encoder architecture \"\(architecture)\" (known: \(loaders.keys.sorted().joined(separator: ", ")))")
        }
        return try loader(config, directory)
    }
}

/// A fine-tuned classifier as one object: tokenizer, encoder + head, label names, and the
/// out-of-scope gate. Saved as a model directory:
///
///     DIR/config.json         the encoder's configuration (HF BERT names for a Transformer)
///     DIR/model.safetensors   encoder weights + classifier.weight / classifier.bias
///     DIR/tokenizer.json      the tokenizer
///     DIR/task.json           task, labels, max_length, out-of-scope label and threshold
///     DIR/metrics.jsonl, DIR/confusion.svg, DIR/eval.txt   written by training
public final class TaskModel {
    public var description: TaskDescription
    public let classifier: SequenceClassifier
    public let batcher: TextBatcher

    public init(description: TaskDescription, classifier: SequenceClassifier, batcher: TextBatcher) {
        self.description = description
        self.classifier = classifier
        self.batcher = batcher
    }

    public var labels: [String] { description.labels }

    public func save(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let config = try classifier.encoder.configJSON()
        try NLPTokenizers.AtomicFile.write(config, to: directory + "/config.json")
        try Checkpoint.save(classifier.parameters, to: directory + "/model.safetensors")
        try batcher.tokenizer.write(to: directory + "/tokenizer.json")
        try saveDescription(to: directory)
    }

    /// Writes task.json alone (atomically): what changes when only the threshold is recalibrated.
    public func saveDescription(to directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let task = try encoder.encode(description)
        try NLPTokenizers.AtomicFile.write(Array(task) + [0x0A], to: directory + "/task.json")
    }

    public static func load(from directory: String) throws -> TaskModel {
        ModelEncoders.register()
        let fm = FileManager.default
        let taskPath = directory + "/task.json"
        guard fm.fileExists(atPath: taskPath) else {
            if fm.fileExists(atPath: directory + "/config.json") {
                throw TrainingError("\(directory): a model directory without task.json (a pretrained encoder, not a fine-tuned model); fine-tune it first with nlp finetune --init \(directory)")
            }
            throw TrainingError("\(directory): not a model directory (no task.json)")
        }
        let description: TaskDescription
        do {
            description = try JSONDecoder().decode(TaskDescription.self, from: Data(contentsOf: URL(fileURLWithPath: taskPath)))
        } catch let error as DecodingError {
            throw TrainingError("\(taskPath): unreadable task description (\(Self.oneLine(error)))")
        } catch {
            throw TrainingError("\(taskPath): unreadable task description (\(error))")
        }
        let config = try NLPTokenizers.AtomicFile.read(directory + "/config.json")
        let encoder = try EncoderRegistry.load(architecture: description.architecture, config: config, directory: directory)
        if let t = encoder as? TransformerTextEncoder, let p = description.pooling.flatMap(TransformerTextEncoder.Pooling.init(rawValue:)) {
            t.pooling = p
        }
        let tokenizer = try Tokenizer.load(path: directory + "/tokenizer.json")
        guard tokenizer.vocabularySize(withAddedTokens: true) <= encoder.vocabularySize else {
            throw TrainingError("\(directory): tokenizer.json has \(tokenizer.vocabularySize(withAddedTokens: true)) tokens but the model only \(encoder.vocabularySize) embeddings (a vocabulary from another model?)")
        }
        let classifier = SequenceClassifier(encoder: encoder, classCount: description.labels.count,
                                            multiLabel: description.multiLabel, seed: 0)
        if description.task == .summarize { classifier.enablePositionBias() }
        try Checkpoint.load(classifier.parameters, from: SafeTensors.read(directory + "/model.safetensors"))
        let batcher = try TextBatcher(tokenizer: tokenizer, maxLength: description.maxLength, addClsSep: description.addClsSep)
        return TaskModel(description: description, classifier: classifier, batcher: batcher)
    }

    /// A DecodingError as one short clause: `task: "nope" is not one of sentiment, classify, ...`.
    static func oneLine(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.isEmpty ? "the file" : c.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _): return "no \"\(key.stringValue)\" key"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(path(c)): wrong type"
        case .dataCorrupted(let c):
            if c.codingPath.last?.stringValue == "task" {
                return "task: not one of \(FinetuneTask.allCases.map(\.rawValue).joined(separator: ", ")) (a model from a newer version?)"
            }
            return c.codingPath.isEmpty ? "not JSON" : "\(path(c)): invalid value"
        @unknown default: return "\(error)"
        }
    }

    /// One prediction: classes by probability, best first, with the out-of-scope gate applied
    /// to the top one (a routed input reports the out-of-scope label with the top probability).
    public struct Prediction: Equatable, Sendable {
        public var ranked: [(label: String, probability: Float)]
        public var routedToOutOfScope: Bool

        public static func == (a: Prediction, b: Prediction) -> Bool {
            a.routedToOutOfScope == b.routedToOutOfScope && a.ranked.map(\.label) == b.ranked.map(\.label)
                && a.ranked.map(\.probability) == b.ranked.map(\.probability)
        }

        public var label: String { ranked[0].label }
    }

    /// Predictions for `texts`, `batchSize` at a time.
    public func predict(_ texts: [String], batchSize: Int = 32) throws -> [Prediction] {
        let sequences = try batcher.encode(texts)
        var out: [Prediction] = []
        var start = 0
        while start < sequences.count {
            let rows = start..<min(sequences.count, start + batchSize)
            let probabilities = try classifier.probabilities(batcher.batch(sequences, rows: rows))
            for p in probabilities { out.append(prediction(p)) }
            start = rows.upperBound
        }
        return out
    }

    func prediction(_ p: [Float]) -> Prediction {
        var ranked = zip(labels, p).map { (label: $0.0, probability: $0.1) }
        ranked.sort { $0.probability > $1.probability }
        if let t = description.outOfScopeThreshold, let oos = description.outOfScopeLabel, ranked[0].probability < t,
           ranked[0].label != oos {
            ranked.insert((oos, ranked[0].probability), at: 0)
            if let i = ranked.dropFirst().firstIndex(where: { $0.label == oos }) { ranked.remove(at: i) }
            return Prediction(ranked: ranked, routedToOutOfScope: true)
        }
        return Prediction(ranked: ranked, routedToOutOfScope: false)
    }
}
