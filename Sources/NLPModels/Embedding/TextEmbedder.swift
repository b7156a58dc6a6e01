import Foundation
import NLPTensor
import NLPTokenizers

/// Text in, sentence vectors out, from a model directory, exactly as sentence-transformers
/// computes them for a BERT model: the directory's tokenizer (special tokens added, truncated to
/// `maxLength` tokens; no padding), the encoder, pooling over real tokens, L2 normalisation.
/// The engine of `nlp embed`.
///
///     let embedder = try TextEmbedder(directory: "models/minilm")     // mean, normalised, 256
///     let vectors = try embedder.embed(["A cat sat on the mat.", ""])  // 2 x 384
///
/// Defaults follow the directory: `max_seq_length` of sentence_bert_config.json (else the
/// smaller of max_position_embeddings and tokenizer_config.json's model_max_length), the pooling
/// of 1_Pooling/config.json (else mean), and its `do_lower_case`. An empty text is encoded as
/// `[CLS] [SEP]`, as sentence-transformers does.
public final class TextEmbedder {
    public let model: BertModel
    public private(set) var tokenizer: Tokenizer
    public let maxLength: Int
    public let embedder: SentenceEmbedder
    /// sentence_bert_config.json `do_lower_case`: lowercase the text before tokenising.
    public let lowercaseInput: Bool

    public var dimension: Int { model.config.hiddenSize }

    public init(directory: String, pooling: Pooling? = nil, normalize: Bool = true, maxLength: Int? = nil) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelError.io("\(directory): no such model directory")
        }
        model = try ModelDirectory.loadBert(from: directory, withMLMHead: false)
        let tokenizerPath = ModelDirectory.path(directory, "tokenizer.json")
        let vocabPath = ModelDirectory.path(directory, "vocab.txt")
        if FileManager.default.fileExists(atPath: tokenizerPath) {
            tokenizer = try Tokenizer.load(path: tokenizerPath)
        } else if FileManager.default.fileExists(atPath: vocabPath) {
            let lower = (try HuggingFaceImport.tokenizerSettings(directory)["do_lower_case"] as? Bool) ?? true
            tokenizer = try Tokenizer.bert(vocab: BertVocabFile.parse(NLPTokenizers.AtomicFile.read(vocabPath), path: vocabPath), lowercase: lower)
        } else {
            throw ModelError.io("\(directory) has no tokenizer.json or vocab.txt")
        }
        let tokens = tokenizer.vocabularySize(withAddedTokens: true)
        guard tokens <= model.config.vocabSize else {
            throw ModelError.checkpoint("\(directory): the tokenizer has \(tokens) tokens but the word embeddings have \(model.config.vocabSize) rows")
        }
        let limit = try maxLength ?? ModelDirectory.maxSequenceLength(directory, config: model.config)
        guard limit >= 2 else { throw ModelError.invalidInput("max length must be at least 2 (for [CLS] and [SEP]), got \(limit)") }
        guard limit <= model.config.maxPositionEmbeddings else {
            throw ModelError.invalidInput("max length \(limit) exceeds the model's \(model.config.maxPositionEmbeddings) positions")
        }
        self.maxLength = limit
        tokenizer.padding = nil
        tokenizer.truncation = Truncation(maxLength: limit)
        let settings = Self.json(ModelDirectory.path(directory, "sentence_bert_config.json"))
        lowercaseInput = settings["do_lower_case"] as? Bool ?? false
        embedder = SentenceEmbedder(model.encoder, pooling: try pooling ?? Self.directoryPooling(directory), normalize: normalize)
    }

    /// Token ids per text (with special tokens, truncated), tokenised on `threads` threads.
    public func encode(_ texts: [String], threads: Int = 2) throws -> [[Int32]] {
        let input = lowercaseInput ? texts.map { $0.lowercased() } : texts
        return try tokenizer.encodeBatch(input, threads: threads).map(\.ids)
    }

    /// One vector per text, in order; batches of `batchSize` grouped by length.
    public func embed(_ texts: [String], batchSize: Int = 32, threads: Int = 2) throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        return try embedder.embed(encode(texts, threads: threads), batchSize: batchSize)
    }

    /// The pooling a sentence-transformers directory declares in 1_Pooling/config.json.
    static func directoryPooling(_ directory: String) throws -> Pooling {
        let settings = json(ModelDirectory.path(directory, "1_Pooling/config.json"))
        if settings.isEmpty || settings["pooling_mode_mean_tokens"] as? Bool == true { return .mean }
        if settings["pooling_mode_cls_token"] as? Bool == true { return .cls }
        throw ModelError.invalidConfig("\(directory)/1_Pooling/config.json asks for a pooling other than mean or cls; pass --pooling mean|cls")
    }

    static func json(_ path: String) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }
}
