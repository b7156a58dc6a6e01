import Foundation
import NLPModels
import NLPTensor
import NLPTokenizers

/// `task.json` of an abstractive summariser. It decodes as a `TaskDescription` too (task
/// "summarize", no labels), so tools that only read the task see a summariser; `method` says
/// which kind, and the generation defaults travel with the model.
public struct AbstractiveTaskFile: Codable, Equatable, Sendable {
    public var task = "summarize"
    public var method = "abstractive"
    public var architecture = "seq2seq"
    public var labels: [String] = []
    /// Source tokens, [CLS] and [SEP] included.
    public var maxLength: Int
    /// Summary tokens the decoder was trained on, the end token included.
    public var targetLength: Int
    public var addClsSep = true
    public var multiLabel = false
    /// How `nlp summarize` and `nlp eval` decode unless flags say otherwise (Hugging Face's
    /// generation_config.json fields). Absent in older models: greedy up to `targetLength`.
    public var generation: GenerationOptions?

    enum CodingKeys: String, CodingKey {
        case task, method, architecture, labels, generation
        case maxLength = "max_length"
        case targetLength = "target_length"
        case addClsSep = "cls_sep"
        case multiLabel = "multi_label"
    }

    public init(maxLength: Int, targetLength: Int, generation: GenerationOptions? = nil) {
        self.maxLength = maxLength
        self.targetLength = targetLength
        self.generation = generation
    }

    /// The model's decoding defaults.
    public var defaultGeneration: GenerationOptions { generation ?? GenerationOptions(maxLength: targetLength) }
}

/// A trained encoder-decoder summariser: tokenizer + `Seq2SeqModel` + generation options.
/// A model directory holds config.json (`is_encoder_decoder`), model.safetensors,
/// tokenizer.json and task.json (`"method": "abstractive"`).
///
///     let s = try AbstractiveSummarizer.load(from: "bbc-abs")
///     s.generation = GenerationOptions(beams: 4, lengthPenalty: 1, noRepeatNgram: 3, maxLength: 120)
///     print(try s.summarize(article).joined())
public final class AbstractiveSummarizer: DocumentSummarizer {
    public let model: Seq2SeqModel
    public let batcher: TextBatcher
    public let task: AbstractiveTaskFile
    public var generation: GenerationOptions
    private lazy var sentenceCut = SummaryTruncation(tokenizer: batcher.tokenizer)

    public init(model: Seq2SeqModel, batcher: TextBatcher, task: AbstractiveTaskFile, generation: GenerationOptions = GenerationOptions()) {
        self.model = model
        self.batcher = batcher
        self.task = task
        self.generation = generation
    }

    /// True when `directory` holds an abstractive summariser (encoder-decoder config.json).
    public static func isAbstractive(_ directory: String) -> Bool { ModelDirectory.isSeq2Seq(directory) }

    public static func load(from directory: String) throws -> AbstractiveSummarizer {
        let taskPath = directory + "/task.json"
        guard let data = FileManager.default.contents(atPath: taskPath) else { throw TrainingError("\(directory): not a model directory (no task.json)") }
        let task: AbstractiveTaskFile
        do { task = try JSONDecoder().decode(AbstractiveTaskFile.self, from: data) } catch {
            throw TrainingError("\(taskPath): not an abstractive summariser's task description (\(error))")
        }
        guard task.method == "abstractive" else { throw TrainingError("\(directory) is a \(task.method) summariser, not an abstractive one") }
        let model = try ModelDirectory.loadSeq2Seq(from: directory)
        let tokenizer = try Tokenizer.load(path: directory + "/tokenizer.json")
        guard tokenizer.vocabularySize(withAddedTokens: true) <= model.config.encoder.vocabSize else {
            throw TrainingError("\(directory): tokenizer.json has more tokens than the model's \(model.config.encoder.vocabSize) embeddings")
        }
        let batcher = try TextBatcher(tokenizer: tokenizer, maxLength: task.maxLength, addClsSep: true)
        try task.defaultGeneration.validate()
        return AbstractiveSummarizer(model: model, batcher: batcher, task: task, generation: task.defaultGeneration)
    }

    public func save(to directory: String) throws {
        try ModelDirectory.save(model, to: directory)
        try batcher.tokenizer.write(to: directory + "/tokenizer.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try NLPTokenizers.AtomicFile.write(Array(try encoder.encode(task)) + [0x0A], to: directory + "/task.json")
    }

    /// Generated summary ids (no start/end token) for one document.
    public func summaryIDs(_ document: String) throws -> [Int32] {
        try model.generate(source: batcher.encode(document), options: generation)
    }

    /// One element: the generated summary text, in the article's spelling (`ArticleSpelling`).
    public func summarize(_ document: String) throws -> [String] {
        let article = try batcher.tokenizer.encode(document, addSpecialTokens: false)
        // Stopped by the length limit, or by an end token the model learned from references
        // longer than the target length: leave out the sentence it was in.
        let generated = try model.generate(source: batcher.wrap(article.ids), options: generation)
        let ids = sentenceCut.droppingUnfinishedSentence(generated, article: article.ids)
        return [ArticleSpelling(article: document, encoding: article, tokenizer: batcher.tokenizer).spell(ids)]
    }
}
