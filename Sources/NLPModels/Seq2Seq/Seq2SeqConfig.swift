import Foundation
import NLPTensor

/// An encoder-decoder configuration: the BERT encoder's `config.json` fields plus HF-style
/// encoder-decoder fields, in one file.
///
///     {"model_type": "bert", "hidden_size": 384, ..., "is_encoder_decoder": true,
///      "decoder_layers": 3, "decoder_start_token_id": 101, "eos_token_id": 102,
///      "architectures": ["Seq2SeqModel"]}
///
/// The decoder has the encoder's sizes (hidden, heads, FFN, activation), shares its embeddings,
/// and has `decoder_layers` layers; generation starts from `decoder_start_token_id` ([CLS]) and
/// ends at `eos_token_id` ([SEP]).
public struct Seq2SeqConfig: Equatable, Sendable {
    public var encoder: BertConfig
    public var decoderLayers: Int
    public var decoderStartTokenId: Int
    public var eosTokenId: Int
    /// A pointer-generator (`CopyHead`) mixes copying source tokens into the output
    /// distribution; `"pointer_generator": true` in config.json, absent = false.
    public var pointerGenerator: Bool
    /// The copy head's phrase-continuation priors (`CopyContinuation`) for match lengths up to
    /// this; `"copy_continuation": N` in config.json, absent = 0 (none).
    public var copyContinuation: Int

    public init(encoder: BertConfig, decoderLayers: Int, decoderStartTokenId: Int, eosTokenId: Int, pointerGenerator: Bool = false,
                copyContinuation: Int = 0) {
        self.encoder = encoder
        self.encoder.architectures = ["Seq2SeqModel"]
        self.decoderLayers = decoderLayers
        self.decoderStartTokenId = decoderStartTokenId
        self.eosTokenId = eosTokenId
        self.pointerGenerator = pointerGenerator
        self.copyContinuation = copyContinuation
    }

    public func validate() throws {
        try encoder.validate()
        if decoderLayers < 1 { throw ModelError.invalidConfig("decoder_layers must be at least 1, got \(decoderLayers)") }
        for (id, name) in [(decoderStartTokenId, "decoder_start_token_id"), (eosTokenId, "eos_token_id")]
        where id < 0 || id >= encoder.vocabSize {
            throw ModelError.invalidConfig("\(name) \(id) is outside the vocabulary (vocab_size \(encoder.vocabSize))")
        }
        if copyContinuation < 0 || copyContinuation > 64 {
            throw ModelError.invalidConfig("copy_continuation must be in 0...64, got \(copyContinuation)")
        }
        if copyContinuation > 0 && !pointerGenerator {
            throw ModelError.invalidConfig("copy_continuation needs the pointer-generator copy head (pointer_generator: true)")
        }
    }

    public init(json data: Data) throws {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ModelError.invalidConfig("config.json is not a JSON object")
        }
        guard object["is_encoder_decoder"] as? Bool == true else {
            throw ModelError.invalidConfig("config.json is not an encoder-decoder configuration (no \"is_encoder_decoder\": true)")
        }
        func int(_ key: String) throws -> Int {
            guard let n = object[key] as? NSNumber else { throw ModelError.invalidConfig("config.json has no integer \(key)") }
            return n.intValue
        }
        var encoderConfig = try BertConfig(json: data)
        encoderConfig.architectures = ["Seq2SeqModel"]
        self.init(encoder: encoderConfig, decoderLayers: try int("decoder_layers"),
                  decoderStartTokenId: try int("decoder_start_token_id"), eosTokenId: try int("eos_token_id"),
                  pointerGenerator: object["pointer_generator"] as? Bool ?? false,
                  copyContinuation: (object["copy_continuation"] as? NSNumber)?.intValue ?? 0)
        try validate()
    }

    public static func load(from path: String) throws -> Seq2SeqConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelError.io("cannot read \(path)") }
        return try Seq2SeqConfig(json: data)
    }

    public func jsonData() throws -> Data {
        var bert = encoder
        bert.architectures = ["Seq2SeqModel"]
        guard var object = try JSONSerialization.jsonObject(with: bert.jsonData()) as? [String: Any] else {
            throw ModelError.invalidConfig("cannot serialise the encoder configuration")
        }
        object["is_encoder_decoder"] = true
        object["decoder_layers"] = decoderLayers
        object["decoder_start_token_id"] = decoderStartTokenId
        object["eos_token_id"] = eosTokenId
        if pointerGenerator { object["pointer_generator"] = true }
        if copyContinuation > 0 { object["copy_continuation"] = copyContinuation }
        var data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        data.append(0x0A)
        return data
    }
}
