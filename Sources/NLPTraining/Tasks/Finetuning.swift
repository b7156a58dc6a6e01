import Foundation
import NLPTensor
import NLPTokenizers

/// A whole `nlp finetune` for the classification tasks (sentiment, classify, intent):
/// read data -> labels -> tokenizer -> encoder + head -> train with early stopping on dev ->
/// out-of-scope threshold (intent) -> model directory with task.json, metrics.jsonl,
/// confusion.svg and eval.txt (the dev report).
///
///     var job = FinetuneJob(options: FinetuneOptions(task: .intent), trainPath: "corpora/intents/train.csv",
///                           output: "models/bank-intents")
///     let summary = try job.run()
public struct FinetuneJob {
    public var options: FinetuneOptions
    public var trainPath: String
    public var devPath: String?
    public var dataset = DatasetOptions()
    public var output: String
    public var initDirectory: String?
    public var vocabularyPath: String?
    public var architecture = "transformer"
    /// Transformer pooling: `mean` (default) or `cls`. Mean pooling reads every token's state, so it
    /// works for an encoder whose pooler and [CLS] state were never trained (our masked-LM
    /// pretraining trains neither; nor does a from-scratch encoder before fine-tuning).
    public var pooling = TransformerTextEncoder.Pooling.mean
    public var size = ScratchEncoderSize()
    /// Vocabulary size when a tokenizer has to be trained on the training texts.
    public var scratchVocabularySize = 8000
    /// Hold out this seeded fraction of --train as a test set, scored at the end into test.txt
    /// (for data without an official test split, such as ChnSentiCorp).
    public var testFraction: Double?
    public var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    public init(options: FinetuneOptions, trainPath: String, output: String) {
        self.options = options
        self.trainPath = trainPath
        self.output = output
    }

    public struct Summary: Sendable {
        public var devReport: ClassificationReport
        public var devIntent: IntentMetrics?
        public var threshold: Float?
        public var training: ClassifierTrainer.Result
        public var testReport: ClassificationReport?
    }

    public mutating func run() throws -> Summary {
        guard options.task != .summarize else { throw TrainingError("finetune: use SummarizerJob for --task summarize") }
        ModelEncoders.register()
        options.pretrained = initDirectory != nil
        try options.validate()
        let fm = FileManager.default
        if fm.fileExists(atPath: output + "/task.json") || fm.fileExists(atPath: output + "/model.safetensors") {
            throw TrainingError("\(output) already holds a model; choose another --output")
        }
        try InMemoryDatasetCheck.check(path: trainPath)
        var (trainRows, trainReport) = try ClassificationData.load(path: trainPath, options: dataset)
        if let note = trainReport.skippedSummary { log(note) }
        var test: [LabeledText] = []
        if let testFraction {
            (trainRows, test) = DatasetSplit.holdOut(trainRows, fraction: testFraction, seed: options.seed ^ 0x7E57)
            log("finetune: holding out \(test.count) of \(trainReport.kept) rows as the test set (seed \(options.seed))")
        }
        // Labels from every training row (before any dev split), so one class only is refused first.
        let multi = options.multiLabel
        let allLabels = trainRows.map { $0.label! }
        let labelNames = multi ? allLabels.flatMap { $0.split(separator: "|").map(String.init) } : allLabels
        let labels = try LabelVocabulary(fitting: labelNames, path: trainPath)
        var train = trainRows, dev: [LabeledText]
        if let devPath {
            let (rows, report) = try ClassificationData.load(path: devPath, options: dataset)
            if let note = report.skippedSummary { log(note) }
            dev = rows
        } else {
            (train, dev) = DatasetSplit.holdOut(trainRows, fraction: options.devFraction, seed: options.seed)
            log("finetune: no --dev; holding out \(dev.count) of \(trainRows.count) training examples (seed \(options.seed))")
        }

        let tokenizer = try makeTokenizer(train.map(\.text))
        let encoder: TextEncoder
        // `--init` of a fine-tuned model (task.json): its encoder, and its head too when the labels
        // are the same, so a second run continues the first instead of starting a fresh head.
        let previous = try initDirectory.flatMap { fm.fileExists(atPath: $0 + "/task.json") ? try TaskModel.load(from: $0) : nil }
        let previousHead = previous.flatMap { p in
            p.labels == labels.labels && p.description.multiLabel == multi && p.classifier.positionBias == nil ? p.classifier : nil
        }
        if let initDirectory {
            encoder = try previous?.classifier.encoder ?? EncoderFactory.load(directory: initDirectory)
            options.pretrainedWidth = encoder.outputSize
            if previous != nil {
                log("finetune: starting from the fine-tuned model in \(initDirectory) (\(previousHead != nil ? "its encoder and classifier head" : "its encoder; a new head for these labels"))")
            }
        } else {
            encoder = try EncoderFactory.make(architecture: architecture, vocabularySize: tokenizer.vocabularySize(withAddedTokens: true),
                                              size: size, maxLength: options.sequenceLength, seed: options.seed)
        }
        (encoder as? TransformerTextEncoder)?.pooling = pooling
        if initDirectory == nil { options.encoderDropout = size.dropout > 0 && encoder.architecture != "bow" && encoder.architecture != "cnn" }
        guard tokenizer.vocabularySize(withAddedTokens: true) <= encoder.vocabularySize else {
            throw TrainingError("the tokenizer has \(tokenizer.vocabularySize(withAddedTokens: true)) tokens but the encoder only \(encoder.vocabularySize) embeddings")
        }
        let batcher = try TextBatcher(tokenizer: tokenizer, maxLength: options.sequenceLength,
                                      addClsSep: EncoderFactory.wantsClsSep(encoder.architecture))
        let classifier = SequenceClassifier(encoder: encoder, classCount: labels.count, multiLabel: multi,
                                            dropout: options.dropout, seed: options.seed &+ 17)
        if let previousHead {
            for (head, kept) in zip(classifier.headParameters, previousHead.headParameters) { try head.copy(from: kept.scalars) }
        }
        let oosLabel = options.task == .intent ? options.outOfScopeLabel : nil
        let description = TaskDescription(task: options.task, architecture: encoder.architecture, labels: labels.labels,
                                          maxLength: options.sequenceLength, addClsSep: batcher.cls != nil, multiLabel: multi,
                                          outOfScopeLabel: oosLabel, outOfScopeThreshold: nil,
                                          pooling: encoder is TransformerTextEncoder ? pooling.rawValue : nil)
        let model = TaskModel(description: description, classifier: classifier, batcher: batcher)

        func targets(_ rows: [LabeledText]) -> [[Int32]] {
            rows.map { row in
                if multi {
                    let on = Set(row.label!.split(separator: "|").compactMap { labels.id(of: String($0)) })
                    return (0..<labels.count).map { on.contains($0) ? 1 : 0 }
                }
                return [Int32(labels.id(of: row.label!) ?? -100)]
            }
        }
        // Dev rows with a label the training data never had cannot be learned: they stay in the
        // final report (as errors) but not in the early-stopping signal.
        let knownDev = multi ? dev : dev.filter { labels.id(of: $0.label!) != nil }
        if knownDev.count < dev.count { log("finetune: \(dev.count - knownDev.count) dev rows have labels absent from training (counted as errors in the dev report)") }
        let trainIDs = try batcher.encode(train.map(\.text))
        let devIDs = try batcher.encode(knownDev.map(\.text))
        try fm.createDirectory(atPath: output, withIntermediateDirectories: true)
        let trainer = ClassifierTrainer(classifier: classifier, batcher: batcher, options: options)
        trainer.metrics = MetricsLog(path: output + "/metrics.jsonl")
        let out = output
        trainer.onBest = { _ in try model.save(to: out) }
        let result = try trainer.train(train: (trainIDs, targets(train)), dev: (devIDs, targets(knownDev)))

        var threshold: Float?
        if let oosLabel, !multi {
            if let t = try model.calibrateOutOfScopeThreshold(on: dev, quantile: options.outOfScopeQuantile) {
                threshold = t
                log(String(format: "finetune: out-of-scope threshold %.4f (calibrated on %d dev examples%@)", t, dev.count,
                           labels.id(of: oosLabel) == nil ? "; the training data has no \(oosLabel) class" : ""))
            } else {
                log("finetune: no \(oosLabel) examples in dev, so no out-of-scope threshold (pass --oos-quantile Q to route the least confident Q of answers)")
            }
        }
        try model.save(to: output)
        let evaluation = try ClassifierEvaluation.evaluate(model: model, examples: dev)
        try evaluation.writeArtifacts(to: output, title: "dev")
        log(String(format: "finetune: best dev accuracy %.4f at step %d of %d (%.0f s); dev accuracy %.4f, macro-F1 %.4f with the saved model",
                   result.bestDevAccuracy, result.bestStep, result.steps, result.seconds,
                   evaluation.report.accuracy, evaluation.report.macroF1))
        var testReport: ClassificationReport?
        if !test.isEmpty {
            let t = try ClassifierEvaluation.evaluate(model: model, examples: test)
            try NLPTokenizers.AtomicFile.write(Array(t.text().utf8), to: output + "/test.txt")
            try NLPTokenizers.AtomicFile.write(Array((t.json().serialized() + "\n").utf8), to: output + "/test.json")
            log(String(format: "finetune: held-out test accuracy %.4f, macro-F1 %.4f (%d rows; test.txt)", t.report.accuracy, t.report.macroF1, test.count))
            testReport = t.report
        }
        return Summary(devReport: evaluation.report, devIntent: evaluation.intent, threshold: threshold, training: result, testReport: testReport)
    }

    func makeTokenizer(_ texts: [String]) throws -> Tokenizer {
        if let initDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: initDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw TrainingError("\(initDirectory): no such model directory (--init)")
            }
            for name in ["tokenizer.json", "vocab.txt"] where FileManager.default.fileExists(atPath: initDirectory + "/" + name) {
                return try Tokenizer.load(path: initDirectory + "/" + name)
            }
            throw TrainingError("\(initDirectory): no tokenizer.json or vocab.txt")
        }
        if let vocabularyPath { return try Tokenizer.load(path: vocabularyPath) }
        // Train a BPE vocabulary on the training texts (one per line).
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("nlp-finetune-\(getpid())-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let lines = texts.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
        try Data(lines.utf8).write(to: URL(fileURLWithPath: temp))
        let tokenizer = try TokenizerTraining(algorithm: .bpe, vocabSize: scratchVocabularySize, minFrequency: 2,
                                              specialTokens: ["[PAD]", "<unk>", "[CLS]", "[SEP]", "[MASK]"]).train(files: [temp])
        log("finetune: trained a \(tokenizer.vocabularySize(withAddedTokens: true))-token BPE vocabulary on the training texts")
        return tokenizer
    }
}
