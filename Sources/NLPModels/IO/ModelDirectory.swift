import Foundation
import NLPTensor

/// A model directory: `config.json` + `model.safetensors` (+ tokenizer files), the layout of a
/// Hugging Face BERT checkpoint, so that one imports by reading it and ours opens in
/// `transformers` (`BertModel.from_pretrained(dir)`).
///
///     let model = try ModelDirectory.loadBert(from: "/models/minilm")      // HF or ours
///     try ModelDirectory.save(model, to: "/runs/mine")
public enum ModelDirectory {
    public static let configFile = "config.json"
    public static let weightsFile = "model.safetensors"
    /// Tokenizer files that travel with a model.
    public static let tokenizerFiles = ["tokenizer.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"]

    /// Loads a BERT model: the encoder must be complete; the pooler and the MLM head load when
    /// present (`withMLMHead: nil` builds the head exactly when the file has `cls.predictions.*`).
    public static func loadBert(from directory: String, withMLMHead: Bool? = nil) throws -> BertModel {
        let config = try BertConfig.load(from: path(directory, configFile))
        let weights = path(directory, weightsFile)
        guard FileManager.default.fileExists(atPath: weights) else {
            let hint = FileManager.default.fileExists(atPath: path(directory, "pytorch_model.bin"))
                ? " (only pytorch_model.bin is present; convert it to safetensors first)" : ""
            throw ModelError.io("\(directory) has no \(weightsFile)\(hint)")
        }
        let file = try SafeTensors.read(weights)
        try checkLayerCount(file, config: config)
        let hasHead = file.names.contains { $0.hasPrefix("cls.predictions.") }
        let model = try BertModel(config, withMLMHead: withMLMHead ?? hasHead)
        try Checkpoint.load(model.checkpointTensors, from: file,
                            isOptional: { $0.hasPrefix("pooler.") || $0.hasPrefix("cls.predictions.transform.") || $0 == "cls.predictions.bias" },
                            describeShape: { shapeHint($0) })
        return model
    }

    /// Writes `config.json` and `model.safetensors` (each atomically), creating the directory.
    public static func save(_ model: BertModel, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var config = model.config
        config.architectures = [model.mlmHead == nil ? "BertModel" : "BertForMaskedLM"]
        let json = try config.jsonData()
        try AtomicFile.write(to: path(directory, configFile)) { try $0.write([UInt8](json)) }
        try Checkpoint.save(model.checkpointTensors, to: path(directory, weightsFile))
    }

    /// Copies the tokenizer files that exist in `source` into `destination` (never overwriting
    /// a file already there); returns the names copied.
    @discardableResult
    public static func copyTokenizerFiles(from source: String, to destination: String) throws -> [String] {
        var copied: [String] = []
        for name in tokenizerFiles where FileManager.default.fileExists(atPath: path(source, name)) {
            let target = path(destination, name)
            guard !FileManager.default.fileExists(atPath: target) else { continue }
            try FileManager.default.copyItem(atPath: path(source, name), toPath: target)
            copied.append(name)
        }
        return copied
    }

    /// Imports a Hugging Face BERT-family directory into ours: loads (checking every shape),
    /// then saves under our names (no `bert.` prefix) with the tokenizer files.
    @discardableResult
    public static func importHuggingFace(from source: String, to destination: String) throws -> BertModel {
        let model = try loadBert(from: source)
        try save(model, to: destination)
        try copyTokenizerFiles(from: source, to: destination)
        return model
    }

    static func path(_ directory: String, _ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    /// Which config field a tensor's shape comes from, for shape-mismatch errors.
    static func shapeHint(_ name: String) -> String {
        if name.contains("word_embeddings") { return "vocab_size x hidden_size" }
        if name.contains("position_embeddings") { return "max_position_embeddings x hidden_size" }
        if name.contains("token_type_embeddings") { return "type_vocab_size x hidden_size" }
        if name == "cls.predictions.bias" { return "vocab_size" }
        if name.contains("intermediate.dense") || name.contains("output.dense") && !name.contains("attention") { return "intermediate_size x hidden_size" }
        return "hidden_size"
    }

    /// A checkpoint with more layers than the config would otherwise load silently truncated.
    static func checkLayerCount(_ file: SafeTensorsFile, config: BertConfig) throws {
        var layers = 0
        for name in file.names {
            guard let r = name.range(of: "encoder.layer.") else { continue }
            let digits = name[r.upperBound...].prefix { $0.isNumber }
            if let n = Int(digits) { layers = max(layers, n + 1) }
        }
        if layers != config.numHiddenLayers {
            throw ModelError.checkpoint("\(file.path) has \(layers) encoder layers, config.json says num_hidden_layers = \(config.numHiddenLayers)")
        }
    }
}
