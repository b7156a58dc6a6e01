import Dispatch
import Foundation
import NLPModels
import NLPTensor

/// `nlp-bench lstm-step [--threads 1 2] [--steps 10] [--warmup 2] [--reference] [--bidirectional] [--profile]
///  [--chunks N] [--no-row-split]` (thread knobs, see `LSTMThreadPolicy`)
///
/// PyTorch's LSTM training task (../shared/peers/bench_torch_train.py `--tasks lstm`): embedding
/// 128 (vocab 20000), 2-layer LSTM hidden 256, seq 64, batch 64, last hidden -> 4 classes,
/// cross-entropy, AdamW. Prints ms/step and sequences/s with the time split into forward,
/// backward and optimiser, for the fused layer op (default) or the per-step reference path
/// (`--reference`, the implementation before the fused op), each thread count in a fresh child.
///
/// Measured 2026-11-24 02:28-02:54 UTC under the build lock, release, with another job (nice 5,
/// 1-1.5 cores) on the machine the whole time, two sessions each beside bench_torch_train.py
/// --tasks lstm (10 steps, medians): fused 225.8-238.0 seq/s on 1 thread (one run 207.2), 188-224
/// on 2; PyTorch 207.3-218.1 / 10.6-128.4 (its 2-thread run is pathological). So 1.04-1.09x
/// PyTorch on 1 thread (range 0.95-1.13x). Before this session's changes (main at 02:16, the
/// batch-major op) 150.7-182.0 / 148.8-181.7. What paid: time-major saved buffers and SIMD8 cell
/// kernels (perf: the scalar cell loop was 23% of the step; sgemm is now ~85% at ~90 GFLOP/s).
/// With the second core taken by that other job, 2 threads gain nothing (0.91-0.94x of 1 thread;
/// the large products' split runs at the 1-thread rate, see `--profile`). Bidirectional
/// (`--bidirectional`): 83.0 / 82.4 seq/s (main 76.0 / 69.5).
enum LSTMBench {
    static func run(_ args: [String]) throws {
        func value(_ flag: String) -> String? { args.firstIndex(of: flag).flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil } }
        let steps = Int(value("--steps") ?? "") ?? 10, warmup = Int(value("--warmup") ?? "") ?? 2
        let reference = args.contains("--reference"), bidirectional = args.contains("--bidirectional")
        GEMM.profiling = args.contains("--profile")
        if let chunks = value("--chunks").flatMap(Int.init) { LSTMThreadPolicy.chunksPerThread = chunks }
        if args.contains("--no-row-split") { LSTMThreadPolicy.splitRows = false }
        if let threads = value("--one").flatMap(Int.init) {
            return try one(threads: threads, steps: steps, warmup: warmup, reference: reference, bidirectional: bidirectional)
        }
        var threadCounts: [Int] = []
        if let i = args.firstIndex(of: "--threads") { threadCounts = args[(i + 1)...].prefix { !$0.hasPrefix("--") }.compactMap { Int($0) } }
        for threads in threadCounts.isEmpty ? [1, 2] : threadCounts {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            child.arguments = ["lstm-step", "--one", "\(threads)", "--steps", "\(steps)", "--warmup", "\(warmup)"]
                + (reference ? ["--reference"] : []) + (bidirectional ? ["--bidirectional"] : [])
                + (GEMM.profiling ? ["--profile"] : []) + ["--chunks", "\(LSTMThreadPolicy.chunksPerThread)"]
                + (LSTMThreadPolicy.splitRows ? [] : ["--no-row-split"])
            try child.run()
            child.waitUntilExit()
        }
    }

    static func one(threads: Int, steps: Int, warmup: Int, reference: Bool, bidirectional: Bool) throws {
        Parallel.threads = threads
        GEMM.maxThreads = threads
        let config = LSTMConfig(vocabSize: 20000, embeddingSize: 128, hiddenSize: 256, numLayers: 2,
                                bidirectional: bidirectional, dropout: 0)
        let encoder = try LSTMEncoder(config, seed: 1)
        var initializer = ParameterInitializer(seed: 2)
        let classifier = Linear("fc", inFeatures: 256, outFeatures: 4, init: &initializer)
        let parameters = encoder.parameters + classifier.parameters
        let optimizer = try Adam.adamW([ParameterGroup(parameters)], learningRate: 1e-3, weightDecay: 0.01)
        var random = Xoshiro256StarStar(seed: 0)
        let data: [(TokenBatch, IntTensor)] = try (0..<4).map { _ in
            let ids = (0..<(64 * 64)).map { _ in Int32(random.nextInt(below: 20000)) }
            let labels = (0..<64).map { _ in Int32(random.nextInt(below: 4)) }
            return (try TokenBatch(ids: IntTensor(ids, shape: [64, 64])), try IntTensor(labels, shape: [64]))
        }
        var phases: [[Double]] = []
        for i in 0..<(warmup + steps) {
            let (x, y) = data[i % data.count]
            let t0 = DispatchTime.now().uptimeNanoseconds
            let out = try encoder(x, training: true, reference: reference)
            let loss = try classifier(out.h[config.numLayers * config.directions - 1]).crossEntropy(y)
            let t1 = DispatchTime.now().uptimeNanoseconds
            try loss.backward()
            let t2 = DispatchTime.now().uptimeNanoseconds
            optimizer.step()
            optimizer.zeroGradients()
            let t3 = DispatchTime.now().uptimeNanoseconds
            if i >= warmup { phases.append([t1 - t0, t2 - t1, t3 - t2, t3 - t0].map { Double($0) * 1e-6 }) }
            if i == warmup - 1 { GEMM.resetProfile() }
        }
        func median(_ k: Int) -> Double { phases.map { $0[k] }.sorted()[phases.count / 2] }
        let total = median(3), best = phases.map { $0[3] }.min()!
        print(String(format: "lstm-step %@%@ threads %d: %.1f ms/step (min %.1f) = %.1f seq/s (best %.1f); forward %.1f, backward %.1f, optimiser %.1f ms",
                     reference ? "reference" : "fused", bidirectional ? " bidirectional" : "", threads, total, best,
                     64 / total * 1e3, 64 / best * 1e3, median(0), median(1), median(2)))
        if GEMM.profiling {
            print(String(format: "  sgemm: %.1f ms/step in %d calls/step, %.1f GFLOP/s", GEMM.seconds * 1e3 / Double(steps),
                         GEMM.calls / steps, GEMM.flops / GEMM.seconds * 1e-9))
        }
    }
}
