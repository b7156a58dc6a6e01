import Foundation
import NLPTensor

/// BERT-family checkpoints that compute exactly what a BERT computes, up to tensor names and two
/// conventions, and their translation into BERT's layout, so that `nlp import` writes an ordinary
/// BERT directory (which also opens in transformers as `BertModel`):
///
/// - DistilBERT: `transformer.layer.N.attention.{q,k,v,out}_lin`, `sa_layer_norm`, `ffn.lin1/lin2`,
///   `output_layer_norm` are BERT's query/key/value/output.dense, attention LayerNorm,
///   intermediate/output dense and output LayerNorm (same post-LN block). It has no segment
///   embeddings: they become one zero row (type_vocab_size 1), which adds nothing.
/// - RoBERTa, XLM-RoBERTa, CamemBERT: BERT's layout, but position ids count from
///   `padding_idx + 1` (real token t sits at row pad + 1 + t). Dropping the first pad + 1 rows of
///   the position table gives BERT's 0-based positions with the same vectors: 514 rows -> 512.
///   (Exact for right-padded input, the only kind our batches have.)
/// - ELECTRA (the discriminator's encoder): BERT's layout under `electra.`; a checkpoint whose
///   embedding_size differs from hidden_size (an `embeddings_project` layer) is refused.
///
/// Masked-LM heads map too (DistilBERT's vocab_transform/vocab_layer_norm/vocab_projector.bias,
/// RoBERTa's lm_head.dense/layer_norm/bias become cls.predictions.*); anything else (ELECTRA's
/// discriminator head, classifiers) is reported as unused.
///
///     let family = try BertFamily(modelType: "roberta")
///     let config = try family.bertConfig(from: json)                        // max_position_embeddings 514 -> 512
///     try family.convert(SafeTensors.read(src), config: config, source: json, to: "bert.safetensors")
enum BertFamily: String {
    case bert, distilbert, roberta, electra

    init(modelType: String) throws {
        switch modelType {
        case "bert": self = .bert
        case "distilbert": self = .distilbert
        case "roberta", "xlm-roberta", "camembert": self = .roberta
        case "electra": self = .electra
        default:
            let why = BertFamily.unsupported[modelType].map { ": \($0)" } ?? ""
            throw ModelError.invalidConfig("model_type '\(modelType)' is not supported\(why); nlp import reads BERT, DistilBERT, "
                + "RoBERTa/XLM-RoBERTa/CamemBERT and ELECTRA checkpoints")
        }
    }

    /// BERT-shaped families we cannot map, with the reason.
    static let unsupported: [String: String] = [
        "albert": "it shares one layer's weights across layers and factorises the embeddings",
        "deberta": "it uses disentangled relative attention", "deberta-v2": "it uses disentangled relative attention",
        "mpnet": "it uses relative position buckets", "longformer": "it uses sliding-window attention",
    ]

    /// Prefixes that task models put before the encoder's names.
    var prefixes: [String] {
        switch self {
        case .bert: return ["bert."]
        case .distilbert: return ["distilbert."]
        case .roberta: return ["roberta."]
        case .electra: return ["electra."]
        }
    }

    /// Rows of the position table before BERT's position 0 (RoBERTa: padding_idx + 1).
    func positionOffset(_ source: [String: Any]) -> Int {
        self == .roberta ? ((source["pad_token_id"] as? NSNumber)?.intValue ?? 1) + 1 : 0
    }

    /// The equivalent BERT config.json object, parsed.
    func bertConfig(from source: [String: Any]) throws -> BertConfig {
        var object = source
        switch self {
        case .bert: break
        case .distilbert:
            object = ["vocab_size": source["vocab_size"] ?? 30522, "hidden_size": source["dim"] ?? 768,
                      "num_hidden_layers": source["n_layers"] ?? 6, "num_attention_heads": source["n_heads"] ?? 12,
                      "intermediate_size": source["hidden_dim"] ?? 3072, "hidden_act": source["activation"] ?? "gelu",
                      "hidden_dropout_prob": source["dropout"] ?? 0.1, "attention_probs_dropout_prob": source["attention_dropout"] ?? 0.1,
                      "max_position_embeddings": source["max_position_embeddings"] ?? 512, "type_vocab_size": 1,
                      "layer_norm_eps": 1e-12, "initializer_range": source["initializer_range"] ?? 0.02,
                      "pad_token_id": source["pad_token_id"] ?? 0]
        case .roberta:
            let rows = (source["max_position_embeddings"] as? NSNumber)?.intValue ?? 514
            let offset = positionOffset(source)
            guard rows > offset else {
                throw ModelError.invalidConfig("max_position_embeddings \(rows) leaves no positions after the padding offset \(offset)")
            }
            object["max_position_embeddings"] = rows - offset
        case .electra:
            if let e = (source["embedding_size"] as? NSNumber)?.intValue, let h = (source["hidden_size"] as? NSNumber)?.intValue, e != h {
                throw ModelError.invalidConfig("ELECTRA with embedding_size \(e) != hidden_size \(h) projects its embeddings (embeddings_project), which is not supported")
            }
        }
        object["model_type"] = "bert"
        object["architectures"] = ["BertModel"]
        return try BertConfig(json: JSONSerialization.data(withJSONObject: object))
    }

    /// Our (BERT) name for a file tensor's name with the family prefix removed; nil = no BERT
    /// counterpart (kept under its own name, reported unused).
    func bertName(_ name: String) -> String? {
        switch self {
        case .bert, .electra: return name
        case .roberta:
            for (from, to) in [("lm_head.dense.", "cls.predictions.transform.dense."),
                               ("lm_head.layer_norm.", "cls.predictions.transform.LayerNorm.")] where name.hasPrefix(from) {
                return to + name.dropFirst(from.count)
            }
            if name == "lm_head.bias" { return "cls.predictions.bias" }
            return name.hasPrefix("lm_head.") ? nil : name
        case .distilbert:
            if name.hasPrefix("embeddings.") { return name }
            for (from, to) in [("vocab_transform.", "cls.predictions.transform.dense."),
                               ("vocab_layer_norm.", "cls.predictions.transform.LayerNorm.")] where name.hasPrefix(from) {
                return to + name.dropFirst(from.count)
            }
            if name == "vocab_projector.bias" { return "cls.predictions.bias" }
            guard name.hasPrefix("transformer.layer.") else { return nil }
            let rest = name.dropFirst("transformer.layer.".count)
            guard let dot = rest.firstIndex(of: "."), Int(rest[..<dot]) != nil else { return nil }
            let layer = "encoder.layer." + rest[..<dot] + "."
            let part = String(rest[rest.index(after: dot)...])
            let parts = [("attention.q_lin.", "attention.self.query."), ("attention.k_lin.", "attention.self.key."),
                         ("attention.v_lin.", "attention.self.value."), ("attention.out_lin.", "attention.output.dense."),
                         ("sa_layer_norm.", "attention.output.LayerNorm."), ("ffn.lin1.", "intermediate.dense."),
                         ("ffn.lin2.", "output.dense."), ("output_layer_norm.", "output.LayerNorm.")]
            for (from, to) in parts where part.hasPrefix(from) { return layer + to + part.dropFirst(from.count) }
            return nil
        }
    }

    /// Writes `file`'s tensors under BERT's names (F32 safetensors) to `path`: renamed, the
    /// RoBERTa position table cut to BERT's positions, DistilBERT's zero segment row added.
    /// Tensors without a BERT counterpart keep their names, so the load reports them unused.
    func convert(_ file: SafeTensorsFile, config: BertConfig, source: [String: Any], to path: String) throws {
        var out: [(name: String, shape: [Int], values: [Float])] = []
        var taken = Set<String>()
        for name in file.names {
            var bare = name
            for p in prefixes where bare.hasPrefix(p) { bare = String(bare.dropFirst(p.count)) }
            let info = try file.info(name)
            // Integer buffers (position_ids, token_type_ids) are not weights.
            guard [SafeTensorsDType.float32, .float16, .bfloat16, .float64].contains(info.dtype) else { continue }
            guard let ours = bertName(bare) else { out.append((name, info.shape, try file.floats(name))); continue }
            guard taken.insert(ours).inserted else {
                throw ModelError.checkpoint("\(file.path) has two tensors for '\(ours)' (one named '\(name)')")
            }
            var values = try file.floats(name), shape = info.shape
            let offset = positionOffset(source)
            if ours == "embeddings.position_embeddings.weight" && offset > 0 {
                guard shape.count == 2, shape[0] > offset else {
                    throw ModelError.checkpoint("tensor '\(name)' has shape \(shape); RoBERTa position tables need more than \(offset) rows")
                }
                values = Array(values[(offset * shape[1])...])
                shape[0] -= offset
            }
            out.append((ours, shape, values))
        }
        if self == .distilbert && !taken.contains("embeddings.token_type_embeddings.weight") {
            out.append(("embeddings.token_type_embeddings.weight", [1, config.hiddenSize], [Float](repeating: 0, count: config.hiddenSize)))
        }
        try SafeTensors.write(floats: out, metadata: ["format": "pt"], to: path)
    }
}
