import Foundation
import NLPTensor

/// LSTM and TextCNN model directories, laid out like a BERT one: `config.json` (the config's
/// fields, `model_type` "lstm" or "textcnn") + `model.safetensors` under PyTorch module names
/// (`embedding.weight`, `lstm.weight_ih_l0`, `convs.0.weight`, `classifier.bias`, ...), so
/// fine-tuning can checkpoint these architectures and PyTorch can open the weights with
/// `load_state_dict` (TextCNN convolution weights are stored in nn.Conv1d's
/// [filters, embedding, width] order and transposed to ours on load).
///
///     try ModelDirectory.save(lstm, to: "runs/lstm")
///     let back = try ModelDirectory.loadLSTM(from: "runs/lstm")
///     try ModelDirectory.modelType(of: "runs/lstm")   // "lstm"
extension ModelDirectory {
    /// The `model_type` of a directory's config.json ("bert", "lstm", "textcnn", ...).
    public static func modelType(of directory: String) throws -> String {
        let file = path(directory, configFile)
        guard let data = FileManager.default.contents(atPath: file) else { throw ModelError.io("\(directory) has no config.json (not a model directory)") }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ModelError.invalidConfig("\(file) is not a JSON object")
        }
        guard let type = object["model_type"] as? String else { throw ModelError.invalidConfig("\(file) has no model_type") }
        return type
    }

    public static func save(_ model: LSTMEncoder, to directory: String) throws {
        try writeConfig(model.config, to: directory)
        try Checkpoint.save(model.parameters, to: path(directory, weightsFile))
    }

    public static func loadLSTM(from directory: String) throws -> LSTMEncoder {
        let config: LSTMConfig = try readConfig(directory, type: "lstm")
        let model = try LSTMEncoder(config)
        try Checkpoint.load(model.parameters, from: try openWeights(directory))
        return model
    }

    public static func save(_ model: TextCNN, to directory: String) throws {
        try writeConfig(model.config, to: directory)
        var tensors: [(name: String, shape: [Int], values: [Float])] = []
        for p in model.parameters {
            if model.convWeights.contains(where: { $0 === p }) {
                let (f, k, e) = (p.shape[0], p.shape[1], p.shape[2])
                tensors.append((p.name, [f, e, k], transposeLastTwo(p.scalars, f, k, e)))
            } else {
                tensors.append((p.name, p.shape, p.scalars))
            }
        }
        try SafeTensors.write(floats: tensors, metadata: ["format": "pt"], to: path(directory, weightsFile))
    }

    public static func loadTextCNN(from directory: String) throws -> TextCNN {
        let config: TextCNNConfig = try readConfig(directory, type: "textcnn")
        let model = try TextCNN(config)
        let file = try openWeights(directory)
        let convs = model.convWeights
        try Checkpoint.load(model.parameters.filter { p in !convs.contains { $0 === p } }, from: file)
        for w in convs {
            let (f, k, e) = (w.shape[0], w.shape[1], w.shape[2])
            guard file.contains(w.name) else { throw ModelError.checkpoint("\(file.path) has no tensor '\(w.name)'") }
            let info = try file.info(w.name)
            guard info.shape == [f, e, k] else {
                throw ModelError.checkpoint("tensor '\(w.name)' has shape \(info.shape), the config expects \([f, e, k]) (filters x embedding_size x kernel width)")
            }
            let values = transposeLastTwo(try file.floats(w.name), f, e, k)
            w.withUnsafeMutableBufferPointer { dst in for i in 0..<values.count { dst[i] = values[i] } }
        }
        return model
    }

    /// [a, b, c] -> [a, c, b], row-major.
    static func transposeLastTwo(_ x: [Float], _ a: Int, _ b: Int, _ c: Int) -> [Float] {
        var out = [Float](repeating: 0, count: x.count)
        for i in 0..<a { for j in 0..<b { for l in 0..<c { out[(i * c + l) * b + j] = x[(i * b + j) * c + l] } } }
        return out
    }

    static func writeConfig<C: Encodable>(_ config: C, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var json = try encoder.encode(config)
        json.append(0x0A)
        try AtomicFile.write(to: path(directory, configFile)) { try $0.write([UInt8](json)) }
    }

    static func readConfig<C: Decodable>(_ directory: String, type: String) throws -> C {
        let found = try modelType(of: directory)
        guard found == type else {
            throw ModelError.invalidConfig("\(directory) holds a '\(found)' model, not '\(type)'")
        }
        let data = FileManager.default.contents(atPath: path(directory, configFile))!
        do { return try JSONDecoder().decode(C.self, from: data) } catch {
            throw ModelError.invalidConfig("\(path(directory, configFile)): \(decodingReason(error))")
        }
    }

    static func openWeights(_ directory: String) throws -> SafeTensorsFile {
        let file = path(directory, weightsFile)
        guard FileManager.default.fileExists(atPath: file) else { throw ModelError.io("\(directory) has no \(weightsFile)") }
        return try SafeTensors.read(file)
    }

    /// "missing field hidden_size" rather than Foundation's multi-line dump.
    static func decodingReason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing field \(key.stringValue)"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "field \(c.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        case DecodingError.dataCorrupted(let c): return c.debugDescription
        default: return "\(error)"
        }
    }
}
