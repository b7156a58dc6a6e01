import Foundation
import NLPTensor
import NLPTokenizers

/// `nlp import`: a Hugging Face BERT-family directory (BERT, and DistilBERT, RoBERTa/XLM-R/
/// CamemBERT, ELECTRA translated into BERT's layout by `BertFamily`) (config.json; model.safetensors or
/// pytorch_model.bin; tokenizer.json and/or vocab.txt) becomes our model directory:
/// config.json + model.safetensors + tokenizer.json (+ the tokenizer and sentence-transformers
/// side files that were there, so the result still opens in transformers and
/// sentence-transformers). Every tensor shape is checked against config.json and the tokenizer's
/// vocabulary against the embeddings before anything is written; the directory appears whole
/// or not at all (built beside the target, then renamed).
///
///     let report = try HuggingFaceImport.run(from: "all-MiniLM-L6-v2", to: "models/minilm")
///     report.summary   // "bert: 6 layers, hidden 384, 12 heads, vocab 30522, 22.7M parameters, ..."
public enum HuggingFaceImport {
    public struct Report {
        /// The checkpoint's family: "bert", "distilbert", "roberta" (also XLM-R, CamemBERT) or
        /// "electra"; `config` is its BERT equivalent (see `BertFamily`).
        public var family: String
        public var config: BertConfig
        public var parameterCount: Int
        /// "model.safetensors" or "pytorch_model.bin".
        public var weightsFile: String
        /// "tokenizer.json" (copied) or "vocab.txt" (tokenizer.json built from it).
        public var tokenizerSource: String
        public var maxSequenceLength: Int
        /// File tensors the model does not use (e.g. `cls.seq_relationship.*`).
        public var unusedTensors: [String]
        public var copiedFiles: [String]

        public var summary: String {
            let params = parameterCount >= 1_000_000 ? String(format: "%.1fM", Double(parameterCount) / 1e6) : "\(parameterCount)"
            return "\(family): \(config.numHiddenLayers) layers, hidden \(config.hiddenSize), \(config.numAttentionHeads) heads, "
                + "vocab \(config.vocabSize), \(params) parameters, weights from \(weightsFile), tokenizer from \(tokenizerSource), "
                + "max length \(maxSequenceLength)" + (unusedTensors.isEmpty ? "" : ", \(unusedTensors.count) unused tensors skipped")
        }
    }

    /// Side files copied unchanged when the source has them.
    static let sideFiles = ["vocab.txt", "tokenizer_config.json", "special_tokens_map.json", "modules.json",
                            "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json"]

    @discardableResult
    public static func run(from source: String, to destination: String, force: Bool = false) throws -> Report {
        let fm = FileManager.default
        func exists(_ name: String) -> Bool { fm.fileExists(atPath: ModelDirectory.path(source, name)) }
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: source, isDirectory: &isDirectory) else { throw ModelError.io("\(source): no such directory") }
        guard isDirectory.boolValue else { throw ModelError.io("\(source) is not a directory (pass the model's folder)") }
        guard exists(ModelDirectory.configFile) else { throw ModelError.io("\(source) has no config.json (not a Hugging Face model directory)") }
        let sourceConfig = try configObject(ModelDirectory.path(source, ModelDirectory.configFile))
        let family = try BertFamily(modelType: sourceConfig["model_type"] as? String ?? "bert")
        try checkDestination(destination, source: source, force: force)

        let stage = try makeStagingDirectory(beside: destination)
        var staged = true
        defer { if staged { try? fm.removeItem(atPath: stage) } }

        // Weights: safetensors as is; a pytorch_model.bin is converted into the staging folder first.
        let weightsFile: String, weightsPath: String
        if exists(ModelDirectory.weightsFile) {
            (weightsFile, weightsPath) = (ModelDirectory.weightsFile, ModelDirectory.path(source, ModelDirectory.weightsFile))
        } else if exists("pytorch_model.bin") {
            weightsFile = "pytorch_model.bin"
            weightsPath = ModelDirectory.path(stage, "converted.safetensors")
            try TorchCheckpoint(path: ModelDirectory.path(source, weightsFile)).writeSafeTensors(to: weightsPath)
        } else if exists("model.safetensors.index.json") || exists("pytorch_model.bin.index.json") {
            throw ModelError.io("\(source) holds a sharded checkpoint (*.index.json), which is not supported; merge the shards into one model.safetensors")
        } else {
            let other = ["tf_model.h5", "flax_model.msgpack", "model.onnx"].first(where: exists).map { " (only \($0), which is not supported)" } ?? ""
            throw ModelError.io("\(source) has no model.safetensors or pytorch_model.bin\(other)")
        }
        let config: BertConfig
        do { config = try family.bertConfig(from: sourceConfig) } catch let e as ModelError {
            throw ModelError.invalidConfig("\(ModelDirectory.path(source, ModelDirectory.configFile)): \(e.description.replacingOccurrences(of: "invalid model config: ", with: ""))")
        }
        var bertWeights = weightsPath
        if family != .bert {  // renamed (and RoBERTa's positions shifted) into BERT's layout
            bertWeights = ModelDirectory.path(stage, "converted-\(family.rawValue).safetensors")
            try family.convert(SafeTensors.read(weightsPath), config: config, source: sourceConfig, to: bertWeights)
        }
        let (model, load) = try ModelDirectory.loadBert(config: config, weights: SafeTensors.read(bertWeights))

        // Tokenizer: tokenizer.json is copied verbatim; from a vocab.txt alone we build the BERT
        // pipeline (lowercasing as tokenizer_config.json's do_lower_case says) and write one.
        let tokenizer: Tokenizer, tokenizerSource: String
        if exists("tokenizer.json") {
            tokenizerSource = "tokenizer.json"
            tokenizer = try Tokenizer.load(path: ModelDirectory.path(source, "tokenizer.json"))
        } else if exists("vocab.txt") {
            tokenizerSource = "vocab.txt"
            let vocab = try BertVocabFile.parse(try NLPTokenizers.AtomicFile.read(ModelDirectory.path(source, "vocab.txt")),
                                                path: ModelDirectory.path(source, "vocab.txt"))
            let lower = (try tokenizerSettings(source)["do_lower_case"] as? Bool) ?? true
            tokenizer = try Tokenizer.bert(vocab: vocab, lowercase: lower)
        } else {
            let bpe = exists("vocab.json") || exists("sentencepiece.bpe.model") ? " (a vocab.json/merges.txt or sentencepiece model alone is not read; save the tokenizer with a fast tokenizer to get tokenizer.json)" : ""
            throw ModelError.io("\(source) has no tokenizer.json or vocab.txt\(bpe)")
        }
        let tokens = tokenizer.vocabularySize(withAddedTokens: true)
        if tokens > config.vocabSize {
            throw ModelError.checkpoint("the tokenizer (\(tokenizerSource)) has \(tokens) tokens but the word embeddings have \(config.vocabSize) rows (vocab_size)")
        }

        try ModelDirectory.save(model, to: stage)
        try? fm.removeItem(atPath: ModelDirectory.path(stage, "converted.safetensors"))
        if family != .bert { try? fm.removeItem(atPath: bertWeights) }
        if tokenizerSource == "tokenizer.json" {
            try fm.copyItem(atPath: ModelDirectory.path(source, "tokenizer.json"), toPath: ModelDirectory.path(stage, "tokenizer.json"))
        } else {
            try tokenizer.write(to: ModelDirectory.path(stage, "tokenizer.json"))
        }
        var copied: [String] = []
        for name in sideFiles where exists(name) {
            let target = ModelDirectory.path(stage, name)
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fm.copyItem(atPath: ModelDirectory.path(source, name), toPath: target)
            copied.append(name)
        }
        let maxLength = try ModelDirectory.maxSequenceLength(stage, config: config)
        try moveIntoPlace(stage, destination)
        staged = false
        return Report(family: family.rawValue, config: config, parameterCount: model.parameters.reduce(0) { $0 + $1.count }, weightsFile: weightsFile,
                      tokenizerSource: tokenizerSource, maxSequenceLength: maxLength, unusedTensors: load.unused, copiedFiles: copied)
    }

    static func configObject(_ configPath: String) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: configPath),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ModelError.invalidConfig("\(configPath) is not a JSON object")
        }
        return object
    }

    static func tokenizerSettings(_ directory: String) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: ModelDirectory.path(directory, "tokenizer_config.json")) else { return [:] }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ModelError.invalidConfig("\(directory)/tokenizer_config.json is not a JSON object")
        }
        return object
    }

    static func checkDestination(_ destination: String, source: String, force: Bool) throws {
        let fm = FileManager.default
        let a = URL(fileURLWithPath: source).standardizedFileURL.resolvingSymlinksInPath().path
        let b = URL(fileURLWithPath: destination).standardizedFileURL.resolvingSymlinksInPath().path
        if a == b { throw ModelError.io("--output is the source directory \(source); choose a new directory") }
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: destination, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw ModelError.io("\(destination) exists and is not a directory") }
        let contents = try fm.contentsOfDirectory(atPath: destination)
        if !contents.isEmpty && !force {
            throw ModelError.io("\(destination) exists and is not empty (pass --force to replace it)")
        }
    }

    static func makeStagingDirectory(beside destination: String) throws -> String {
        let url = URL(fileURLWithPath: destination).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let stage = ModelDirectory.path(parent, ".\(url.lastPathComponent).import-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(atPath: stage, withIntermediateDirectories: false)
        return stage
    }

    /// Renames the finished staging directory onto the target; an existing target (empty, or
    /// replaced under --force) is first renamed aside and removed only after the swap.
    static func moveIntoPlace(_ stage: String, _ destination: String) throws {
        let fm = FileManager.default
        var aside: String?
        if fm.fileExists(atPath: destination) {
            let old = stage + ".old"
            guard rename(destination, old) == 0 else { throw ModelError.io("cannot replace \(destination): \(String(cString: strerror(errno)))") }
            aside = old
        }
        guard rename(stage, destination) == 0 else {
            let why = String(cString: strerror(errno))
            if let aside { _ = rename(aside, destination) }
            throw ModelError.io("cannot create \(destination): \(why)")
        }
        if let aside { try? fm.removeItem(atPath: aside) }
    }
}

extension ModelDirectory {
    /// A BERT model from a config and an open weights file (any accepted prefix, optional pooler
    /// and MLM head, every shape checked), with what the load left unused.
    public static func loadBert(config: BertConfig, weights file: SafeTensorsFile, withMLMHead: Bool? = nil) throws -> (BertModel, CheckpointLoadReport) {
        try checkLayerCount(file, config: config)
        let hasHead = file.names.contains { $0.hasPrefix("cls.predictions.") }
        let model = try BertModel(config, withMLMHead: withMLMHead ?? hasHead)
        let report = try Checkpoint.load(model.checkpointTensors, from: file,
                                         isOptional: { $0.hasPrefix("pooler.") || $0.hasPrefix("cls.predictions.transform.") || $0 == "cls.predictions.bias" },
                                         describeShape: { shapeHint($0) })
        return (model, report)
    }

    /// The longest input, in tokens with specials, that embeddings use, as sentence-transformers
    /// decides it: `max_seq_length` of sentence_bert_config.json (all-MiniLM-L6-v2: 256), else
    /// the smaller of max_position_embeddings and tokenizer_config.json's model_max_length.
    public static func maxSequenceLength(_ directory: String, config: BertConfig) throws -> Int {
        if let data = FileManager.default.contents(atPath: path(directory, "sentence_bert_config.json")),
           let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
           let n = (object["max_seq_length"] as? NSNumber)?.intValue, n > 0 {
            return min(n, config.maxPositionEmbeddings)
        }
        if let n = (try HuggingFaceImport.tokenizerSettings(directory)["model_max_length"] as? NSNumber)?.doubleValue, n >= 1 {
            return n < Double(config.maxPositionEmbeddings) ? Int(n) : config.maxPositionEmbeddings
        }
        return config.maxPositionEmbeddings
    }
}
