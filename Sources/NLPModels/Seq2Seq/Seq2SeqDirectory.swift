import Foundation
import NLPTensor

extension ModelDirectory {
    /// True when `directory/config.json` is an encoder-decoder configuration.
    public static func isSeq2Seq(_ directory: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path(directory, configFile)),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return false }
        return object["is_encoder_decoder"] as? Bool == true
    }

    /// Writes `config.json` (see `Seq2SeqConfig`) and `model.safetensors`, creating the directory.
    public static func save(_ model: Seq2SeqModel, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let json = try model.config.jsonData()
        try AtomicFile.write(to: path(directory, configFile)) { try $0.write([UInt8](json)) }
        try Checkpoint.save(model.checkpointTensors, to: path(directory, weightsFile))
    }

    /// Loads an encoder-decoder model saved by `save(_:to:)`; every tensor must be present.
    public static func loadSeq2Seq(from directory: String) throws -> Seq2SeqModel {
        let config = try Seq2SeqConfig.load(from: path(directory, configFile))
        let weights = path(directory, weightsFile)
        guard FileManager.default.fileExists(atPath: weights) else { throw ModelError.io("\(directory) has no \(weightsFile)") }
        let model = try Seq2SeqModel(config)
        try Checkpoint.load(model.checkpointTensors, from: SafeTensors.read(weights), describeShape: { shapeHint($0) })
        return model
    }
}
