import Foundation
import NLPTensor

/// A BERT-family encoder configuration, read from and written to Hugging Face `config.json`
/// with HF's field names, so an imported checkpoint's config opens unchanged and ours opens in
/// `transformers`. Unknown fields are ignored on read; fields HF does not have (our extras) are
/// written under their own names and ignored by HF:
/// - `pre_layer_norm` (default false): LayerNorm before attention and FFN, plus a final
///   `encoder.LayerNorm`, instead of BERT's post-LN.
///
///     var config = try BertConfig.load(from: "minilm/config.json")
///     config.hiddenSize   // 384
public struct BertConfig: Equatable, Sendable {
    public var vocabSize = 30522
    public var hiddenSize = 768
    public var numHiddenLayers = 12
    public var numAttentionHeads = 12
    public var intermediateSize = 3072
    public var hiddenAct = "gelu"
    public var hiddenDropoutProb: Float = 0.1
    public var attentionProbsDropoutProb: Float = 0.1
    public var maxPositionEmbeddings = 512
    public var typeVocabSize = 2
    public var layerNormEps: Float = 1e-12
    public var initializerRange: Float = 0.02
    public var padTokenId = 0
    public var modelType = "bert"
    public var architectures = ["BertModel"]
    public var positionEmbeddingType = "absolute"
    /// Ours: pre-LN layers (see the type's doc).
    public var preLayerNorm = false

    public init() {}

    /// A small configuration with FFN = 4 x hidden, as `nlp pretrain` builds from its flags.
    public init(vocabSize: Int, hiddenSize: Int, layers: Int, heads: Int, intermediateSize: Int? = nil,
                maxPositions: Int = 512, preLayerNorm: Bool = false) {
        self.vocabSize = vocabSize
        self.hiddenSize = hiddenSize
        numHiddenLayers = layers
        numAttentionHeads = heads
        self.intermediateSize = intermediateSize ?? 4 * hiddenSize
        maxPositionEmbeddings = maxPositions
        self.preLayerNorm = preLayerNorm
    }

    /// The activation `hidden_act` names (HF's ACT2FN keys we support).
    public func activation() throws -> Activation {
        switch hiddenAct {
        case "gelu": return .geluExact
        case "gelu_new", "gelu_pytorch_tanh", "gelu_fast": return .geluTanh
        case "relu": return .relu
        case "tanh": return .tanh
        default: throw ModelError.invalidConfig("hidden_act '\(hiddenAct)' is not supported (gelu, gelu_new, gelu_pytorch_tanh, relu, tanh)")
        }
    }

    /// Throws a one-line error for sizes no encoder can have.
    public func validate() throws {
        func positive(_ v: Int, _ name: String) throws {
            if v <= 0 { throw ModelError.invalidConfig("\(name) must be positive, got \(v)") }
        }
        try positive(vocabSize, "vocab_size")
        try positive(hiddenSize, "hidden_size")
        try positive(numHiddenLayers, "num_hidden_layers")
        try positive(numAttentionHeads, "num_attention_heads")
        try positive(intermediateSize, "intermediate_size")
        try positive(maxPositionEmbeddings, "max_position_embeddings")
        try positive(typeVocabSize, "type_vocab_size")
        if hiddenSize % numAttentionHeads != 0 {
            throw ModelError.invalidConfig("hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(numAttentionHeads)")
        }
        for (p, name) in [(hiddenDropoutProb, "hidden_dropout_prob"), (attentionProbsDropoutProb, "attention_probs_dropout_prob")] where !(p >= 0 && p < 1) {
            throw ModelError.invalidConfig("\(name) must be in [0, 1), got \(p)")
        }
        if positionEmbeddingType != "absolute" {
            throw ModelError.invalidConfig("position_embedding_type '\(positionEmbeddingType)' is not supported (absolute)")
        }
        _ = try activation()
    }
}

extension BertConfig {
    /// Parses a `config.json` object; missing fields keep BERT-base defaults, like HF.
    public init(json data: Data) throws {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ModelError.invalidConfig("config.json is not a JSON object")
        }
        self.init()
        func int(_ key: String, _ target: inout Int) throws {
            guard let v = object[key], !(v is NSNull) else { return }
            guard let n = v as? NSNumber, n.doubleValue == n.doubleValue.rounded() else {
                throw ModelError.invalidConfig("\(key) must be an integer, got \(v)")
            }
            target = n.intValue
        }
        func float(_ key: String, _ target: inout Float) throws {
            guard let v = object[key], !(v is NSNull) else { return }
            guard let n = v as? NSNumber else { throw ModelError.invalidConfig("\(key) must be a number, got \(v)") }
            target = n.floatValue
        }
        func string(_ key: String, _ target: inout String) throws {
            guard let v = object[key], !(v is NSNull) else { return }
            guard let s = v as? String else { throw ModelError.invalidConfig("\(key) must be a string, got \(v)") }
            target = s
        }
        try int("vocab_size", &vocabSize)
        try int("hidden_size", &hiddenSize)
        try int("num_hidden_layers", &numHiddenLayers)
        try int("num_attention_heads", &numAttentionHeads)
        try int("intermediate_size", &intermediateSize)
        try string("hidden_act", &hiddenAct)
        try float("hidden_dropout_prob", &hiddenDropoutProb)
        try float("attention_probs_dropout_prob", &attentionProbsDropoutProb)
        try int("max_position_embeddings", &maxPositionEmbeddings)
        try int("type_vocab_size", &typeVocabSize)
        try float("layer_norm_eps", &layerNormEps)
        try float("initializer_range", &initializerRange)
        try int("pad_token_id", &padTokenId)
        try string("model_type", &modelType)
        try string("position_embedding_type", &positionEmbeddingType)
        if let a = object["architectures"] as? [String] { architectures = a }
        if let pre = object["pre_layer_norm"] as? Bool { preLayerNorm = pre }
        if modelType != "bert" {
            throw ModelError.invalidConfig("model_type '\(modelType)' is not supported (only 'bert' layouts)")
        }
        try validate()
    }

    public static func load(from path: String) throws -> BertConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelError.io("cannot read \(path)") }
        do { return try BertConfig(json: data) } catch let e as ModelError {
            throw ModelError.invalidConfig("\(path): \(e.description.replacingOccurrences(of: "invalid model config: ", with: ""))")
        }
    }

    /// The `config.json` text (sorted keys, two-space indent as HF writes it).
    public func jsonData() throws -> Data {
        let object: [String: Any] = [
            "vocab_size": vocabSize, "hidden_size": hiddenSize, "num_hidden_layers": numHiddenLayers,
            "num_attention_heads": numAttentionHeads, "intermediate_size": intermediateSize, "hidden_act": hiddenAct,
            "hidden_dropout_prob": shortest(hiddenDropoutProb), "attention_probs_dropout_prob": shortest(attentionProbsDropoutProb),
            "max_position_embeddings": maxPositionEmbeddings, "type_vocab_size": typeVocabSize,
            "layer_norm_eps": shortest(layerNormEps), "initializer_range": shortest(initializerRange),
            "pad_token_id": padTokenId, "model_type": modelType, "architectures": architectures,
            "position_embedding_type": positionEmbeddingType, "pre_layer_norm": preLayerNorm,
        ]
        var data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        data.append(0x0A)
        return data
    }
}

/// The Double that prints like the Float (0.1, not 0.10000000149011612).
private func shortest(_ f: Float) -> Double { Double("\(f)") ?? Double(f) }
