import Foundation
import NLPTensor
import NLPTokenizers
import NLPUnicode

/// A fine-tuned extractive summariser: a `TaskModel` (task "summarize", labels ["0", "1"]) whose
/// classifier scores each body sentence, plus a learned bias per sentence position (news puts
/// the key facts first). The summary is the sentences with probability >= 0.5 (at least one),
/// or the `sentences` best when a count is given, in document order.
public final class SummarizerModel: DocumentSummarizer {
    public let model: TaskModel
    public var sentences: Int?
    private let segmenter: SentenceSegmenter
    /// At most this many sentences when choosing by probability.
    public var maxSentences = 10

    public init(model: TaskModel, sentences: Int?) throws {
        self.model = model
        self.sentences = sentences
        segmenter = try SentenceSegmenter(locale: "en")
    }

    public static func load(from directory: String, sentences: Int?) throws -> SummarizerModel {
        let model = try TaskModel.load(from: directory)
        guard model.description.task == .summarize else {
            throw TrainingError("\(directory) is a \(model.description.task.rawValue) model, not a summariser")
        }
        return try SummarizerModel(model: model, sentences: sentences)
    }

    /// True when `directory/task.json` says "summarize" (how `nlp eval` picks ROUGE).
    public static func isSummarizer(_ directory: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: directory + "/task.json"),
              let d = try? JSONDecoder().decode(TaskDescription.self, from: data) else { return false }
        return d.task == .summarize
    }

    /// P(sentence belongs in the summary) for each body sentence.
    public func scores(_ document: DocumentSentences) throws -> [Float] {
        guard !document.sentences.isEmpty else { return [] }
        let ids = try model.batcher.encode(document.sentences)
        let positions = (0..<ids.count).map { Int32($0) }
        var out: [Float] = []
        for first in stride(from: 0, to: ids.count, by: 32) {
            let rows = first..<min(ids.count, first + 32)
            let p = try model.classifier.probabilities(model.batcher.batch(ids, rows: rows, positions: positions))
            out += p.map { $0[1] }
        }
        return out
    }

    public func summarize(_ document: String) throws -> [String] {
        let doc = DocumentSentences(document, segmenter: segmenter)
        let s = try scores(doc)
        guard !s.isEmpty else { return [] }
        let ranked = s.indices.sorted { s[$0] > s[$1] }
        let k = sentences ?? min(maxSentences, max(1, s.filter { $0 >= 0.5 }.count))
        return ranked.prefix(k).sorted().map { doc.sentences[$0] }
    }
}

/// `nlp finetune --task summarize`: split each training document into body sentences, label
/// them with the greedy ROUGE oracle against the reference summary, and train a sentence
/// classifier (with a position bias) on them; early stopping on dev sentence accuracy; the dev
/// ROUGE of the saved model against Lead-3 goes to `eval.txt`.
public struct SummarizerJob {
    public var options: FinetuneOptions
    public var trainPath: String
    public var devPath: String?
    public var dataset = DatasetOptions()
    public var output: String
    public var initDirectory: String?
    public var vocabularyPath: String?
    public var architecture = "transformer"
    public var size = ScratchEncoderSize()
    public var pooling = TransformerTextEncoder.Pooling.cls
    public var sentences: Int?
    public var scratchVocabularySize = 8000
    public var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    public init(options: FinetuneOptions, trainPath: String, output: String) {
        self.options = options
        self.trainPath = trainPath
        self.output = output
    }

    public struct Summary {
        public var dev: RougeAccumulator
        public var lead3: RougeAccumulator
    }

    public mutating func run() throws -> Summary {
        ModelEncoders.register()
        options.pretrained = initDirectory != nil
        try options.validate()
        if FileManager.default.fileExists(atPath: output + "/task.json") {
            throw TrainingError("\(output) already holds a model; choose another --output")
        }
        var (train, report) = try SummarizationData.load(path: trainPath, options: dataset)
        if let note = report.skippedSummary { log(note) }
        var dev: [DocumentSummary]
        if let devPath {
            dev = try SummarizationData.load(path: devPath, options: dataset).pairs
        } else {
            (train, dev) = DatasetSplit.holdOut(train, fraction: options.devFraction, seed: options.seed)
        }
        let segmenter = try SentenceSegmenter(locale: "en")
        let oracle = OracleLabeler(maxSentences: 20)
        func sentenceRows(_ pairs: [DocumentSummary]) -> (texts: [String], labels: [[Int32]], positions: [Int32]) {
            var texts: [String] = [], labels: [[Int32]] = [], positions: [Int32] = []
            for pair in pairs {
                let doc = DocumentSentences(pair.document, segmenter: segmenter)
                let chosen = oracle.labels(sentences: doc.sentences, reference: pair.summary)
                for (i, s) in doc.sentences.enumerated() {
                    texts.append(s)
                    labels.append([Int32(chosen[i])])
                    positions.append(Int32(i))
                }
            }
            return (texts, labels, positions)
        }
        let trainRows = sentenceRows(train), devRows = sentenceRows(dev)
        let positives = trainRows.labels.filter { $0[0] == 1 }.count
        log("summarize: \(train.count) training documents -> \(trainRows.texts.count) sentences (\(positives) in oracle summaries); \(dev.count) dev documents")

        var helper = FinetuneJob(options: options, trainPath: trainPath, output: output)
        helper.initDirectory = initDirectory
        helper.vocabularyPath = vocabularyPath
        helper.scratchVocabularySize = scratchVocabularySize
        helper.log = log
        let tokenizer = try helper.makeTokenizer(trainRows.texts)
        let encoder: TextEncoder = try initDirectory.map { try EncoderFactory.load(directory: $0) }
            ?? EncoderFactory.make(architecture: architecture, vocabularySize: tokenizer.vocabularySize(withAddedTokens: true),
                                   size: size, maxLength: options.sequenceLength, seed: options.seed)
        (encoder as? TransformerTextEncoder)?.pooling = pooling
        if initDirectory == nil { options.encoderDropout = size.dropout > 0 && encoder.architecture != "bow" && encoder.architecture != "cnn" }
        let batcher = try TextBatcher(tokenizer: tokenizer, maxLength: options.sequenceLength,
                                      addClsSep: EncoderFactory.wantsClsSep(encoder.architecture))
        let classifier = SequenceClassifier(encoder: encoder, classCount: 2, dropout: options.dropout, seed: options.seed &+ 17)
        classifier.enablePositionBias()
        let description = TaskDescription(task: .summarize, architecture: encoder.architecture, labels: ["0", "1"],
                                          maxLength: options.sequenceLength, addClsSep: batcher.cls != nil, multiLabel: false,
                                          outOfScopeLabel: nil, outOfScopeThreshold: nil,
                                          pooling: encoder is TransformerTextEncoder ? pooling.rawValue : nil)
        let model = TaskModel(description: description, classifier: classifier, batcher: batcher)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let trainer = ClassifierTrainer(classifier: classifier, batcher: batcher, options: options)
        trainer.metrics = MetricsLog(path: output + "/metrics.jsonl")
        let out = output
        trainer.onBest = { _ in try model.save(to: out) }
        let result = try trainer.train(train: (try batcher.encode(trainRows.texts), trainRows.labels),
                                       dev: (try batcher.encode(devRows.texts), devRows.labels),
                                       trainPositions: trainRows.positions, devPositions: devRows.positions)
        try model.save(to: output)
        let summarizer = try SummarizerModel(model: model, sentences: sentences)
        let rouge = try SummaryEvaluation.evaluate(dev) { try summarizer.summarize($0.document) }
        let lead = LeadSummarizer(k: 3)
        let lead3 = SummaryEvaluation.evaluate(dev) { lead.summarize(DocumentSentences($0.document, segmenter: segmenter)) }
        func row(_ name: String, _ a: RougeAccumulator) -> String {
            "\(name)  ROUGE-1 \(formatFixed(a.rouge1 * 100, 2))  ROUGE-2 \(formatFixed(a.rouge2 * 100, 2))  ROUGE-L \(formatFixed(a.rougeL * 100, 2))"
        }
        let text = "dev documents \(dev.count)\n" + row("extractive", rouge) + "\n" + row("lead-3    ", lead3) + "\n"
        try NLPTokenizers.AtomicFile.write(Array(text.utf8), to: output + "/eval.txt")
        log(String(format: "summarize: best dev sentence accuracy %.4f at step %d (%.0f s)", result.bestDevAccuracy, result.bestStep, result.seconds))
        log(text.trimmingCharacters(in: .newlines))
        return Summary(dev: rouge, lead3: lead3)
    }
}
