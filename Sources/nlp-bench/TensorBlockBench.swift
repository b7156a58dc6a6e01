import Foundation
import NLPTensor

/// `nlp-bench block [--threads N] [--steps N] [--blas-threads] [--gemm-threads]`
///
/// Forward + backward of one post-LN Transformer layer (BERT-mini sized: hidden 256, 4 heads,
/// FFN 1024, batch 32 x seq 128, dropout 0.1) — the same layer as BertLayer in
/// ../shared/peers/bench_torch_train.py; scripts/bench/torch_block.py times PyTorch on it.
/// Prints ms/step, GFLOP/s, the share of the step inside sgemm and system allocations per step.
/// `--gemm-threads` instead times sgemm per size class with one thread (1t), split across our own
/// two threads (2own) and with two OpenBLAS threads (2t) — the data behind GEMM's policy. (2t
/// runs last: OpenBLAS's threads keep spinning after a call and would slow whatever follows.)
enum TensorBlockBench {
    static func run(_ args: [String]) throws {
        func value(_ flag: String, _ fallback: Int) -> Int {
            guard let i = args.firstIndex(of: flag), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
            return v
        }
        if args.contains("--gemm-threads") { try gemmThreads(); return }
        if args.contains("--infer") { try inferLatency(); return }
        let threads = value("--threads", 2), steps = value("--steps", 10)
        Parallel.threads = threads
        GEMM.maxThreads = threads
        GEMM.useOpenBLASThreads = args.contains("--blas-threads")
        try block(steps: steps, threads: threads)
    }

    struct Layer {
        let h = 256, heads = 4, ffn = 1024
        let qkvW, qkvB, outW, outB, ln1W, ln1B, fc1W, fc1B, fc2W, fc2B, ln2W, ln2B: Tensor
        init() {
            func p(_ name: String, _ shape: [Int], _ seed: UInt64) -> Tensor {
                Tensor.parameter(name, Tensor.randn(shape, std: 0.02, seed: seed))
            }
            qkvW = p("qkv.weight", [768, 256], 1); qkvB = p("qkv.bias", [768], 2)
            outW = p("out.weight", [256, 256], 3); outB = p("out.bias", [256], 4)
            ln1W = Tensor.parameter("ln1.weight", Tensor.ones([256])); ln1B = p("ln1.bias", [256], 5)
            fc1W = p("fc1.weight", [1024, 256], 6); fc1B = p("fc1.bias", [1024], 7)
            fc2W = p("fc2.weight", [256, 1024], 8); fc2B = p("fc2.bias", [256], 9)
            ln2W = Tensor.parameter("ln2.weight", Tensor.ones([256])); ln2B = p("ln2.bias", [256], 10)
        }
        var parameters: [Tensor] { [qkvW, qkvB, outW, outB, ln1W, ln1B, fc1W, fc1B, fc2W, fc2B, ln2W, ln2B] }

        /// x = LN(x + Dropout(Out(Attn(QKV(x))))); x = LN(x + Dropout(FC2(GELU(FC1(x)))))
        func callAsFunction(_ x: Tensor) throws -> Tensor {
            let a = try x.linear(qkvW, qkvB).selfAttention(heads: heads, dropout: 0.1)
            let x1 = try a.linear(outW, outB).dropout(0.1).addLayerNorm(x, weight: ln1W, bias: ln1B, eps: 1e-12)
            let f = try x1.linear(fc1W).biasActivation(fc1B, .geluExact)
            return try f.linear(fc2W, fc2B).dropout(0.1).addLayerNorm(x1, weight: ln2W, bias: ln2B, eps: 1e-12)
        }
    }

    static func block(steps: Int, threads: Int) throws {
        let (b, t, h) = (32, 128, 256)
        let layer = Layer()
        let x = Tensor.randn([b, t, h], seed: 42, requiresGrad: true)
        let seed = Tensor.randn([b, t, h], seed: 43)
        func step() throws {
            for p in layer.parameters { p.zeroGrad() }
            x.zeroGrad()
            try layer(x).backward(gradient: seed)
        }
        for _ in 0..<3 { try step() }
        var times: [Double] = []
        let allocationsBefore = BufferPool.systemAllocations
        for _ in 0..<steps {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try step()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-6)
        }
        let allocations = BufferPool.systemAllocations - allocationsBefore
        // Profiled pass: time inside sgemm (the timers add a little overhead, so separate runs).
        GEMM.resetProfile(); GEMM.profiling = true
        let p0 = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<steps { try step() }
        let profiledMs = Double(DispatchTime.now().uptimeNanoseconds - p0) * 1e-6 / Double(steps)
        GEMM.profiling = false
        let gemmMs = GEMM.seconds * 1e3 / Double(steps)
        times.sort()
        let median = times[times.count / 2]
        let n = Double(b * t)
        let linearFlops = 2 * n * Double(h * 3 * h + h * h + 2 * h * 1024)
        let attentionFlops = Double(4 * b * t * t * h)
        let stepFlops = 3 * (linearFlops + attentionFlops)
        let json: [String: Any] = [
            "bench": "tensor_block", "threads": threads, "large_gemm_threads": GEMM.useOpenBLASThreads ? "openblas" : "own", "shape": "batch 32 x seq 128, hidden 256, heads 4, ffn 1024",
            "ms_per_step_median": round1(median), "ms_per_step_min": round1(times[0]),
            "gflop_per_step": round1(stepFlops / 1e9), "gflops": round1(stepFlops / median / 1e6),
            "sgemm_ms_per_step": round1(gemmMs), "sgemm_share": round1(100 * gemmMs / profiledMs) / 100,
            "sgemm_gflops": round1(GEMM.flops / GEMM.seconds / 1e9),
            "system_allocations_per_step": Double(allocations) / Double(steps),
            "pool_requests_total": BufferPool.requests,
        ]
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    static func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }

    /// `--infer`: batch-1 inference latency of the layer (1 x 32 tokens, noGrad), with one thread,
    /// two threads split by us, and two OpenBLAS threads for the larger products.
    static func inferLatency() throws {
        let layer = Layer()
        let x = Tensor.randn([1, 32, 256], seed: 42)
        var result: [String: Double] = [:]
        for (label, threads, blas) in [("1t", 1, false), ("2own", 2, false), ("2t", 2, true), ("1t_again", 1, false)] {
            Parallel.threads = threads; GEMM.maxThreads = threads; GEMM.useOpenBLASThreads = blas
            for _ in 0..<50 { _ = try noGrad { try layer(x) } }
            var ts: [Double] = []
            for _ in 0..<500 {
                let t0 = DispatchTime.now().uptimeNanoseconds
                _ = try noGrad { try layer(x) }
                ts.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-3)
            }
            ts.sort()
            result["us_median_\(label)"] = round1(ts[ts.count / 2])
        }
        let data = try JSONSerialization.data(withJSONObject: ["bench": "tensor_block_infer_b1_t32", "latency": result], options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// sgemm time with one vs two OpenBLAS threads for the products a Transformer makes.
    static func gemmThreads() throws {
        let shapes: [(String, Int, Int, Int)] = [
            ("head QK^T 128x128x64", 128, 128, 64), ("head PV 128x64x128", 128, 64, 128),
            ("batch-1 infer 32x768x256", 32, 768, 256), ("32x256x256", 32, 256, 256),
            ("128x256x256", 128, 256, 256), ("256x1024x256", 256, 1024, 256),
            ("512x256x1024", 512, 256, 1024), ("4096x768x256", 4096, 768, 256), ("4096x1024x256", 4096, 1024, 256),
            ("1024^3 (peak)", 1024, 1024, 1024), ("96^3", 96, 96, 96), ("64^3", 64, 64, 64), ("128^3", 128, 128, 128), ("192^3", 192, 192, 192), ("256^3", 256, 256, 256),
        ]
        let saved = GEMM.singleThreadBelowFlops
        for (name, m, n, k) in shapes {
            let a = Tensor.randn([m, k], seed: 1), bm = Tensor.randn([k, n], seed: 2)
            var result: [String: Double] = [:]
            for (label, threads, blas) in [("1t", 1, false), ("2own", 2, false), ("2t", 2, true)] {
                GEMM.maxThreads = threads
                GEMM.useOpenBLASThreads = blas
                GEMM.singleThreadBelowFlops = 0
                let reps = max(5, min(2000, 400_000_000 / (2 * m * n * k)))
                _ = try noGrad { try a.matmul(bm) }
                let t0 = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<reps { _ = try noGrad { try a.matmul(bm) } }
                let us = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-3 / Double(reps)
                result["us_\(label)"] = round1(us)
                result["gflops_\(label)"] = round1(Double(2 * m * n * k) / us / 1e3)
            }
            let data = try JSONSerialization.data(withJSONObject: ["shape": name, "flops": 2 * m * n * k, "timing": result], options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
        GEMM.singleThreadBelowFlops = saved
    }
}
