import CBLAS
import Foundation

// nlp-bench gemm: OpenBLAS cblas_sgemm throughput for the shapes a BERT-mini layer runs
// (hidden 256, FFN 1024, 4 heads of 64, batch x seq = 32 x 128 = 4096 tokens), forward and
// backward, with 1 and 2 OpenBLAS threads, against the 1024^3 product as the machine's
// practical sgemm peak. Also: batch-1 inference shapes, a square-size sweep to find where the
// second thread starts paying, and the 128 attention-head products of one layer run three ways
// (1 BLAS thread; 2 BLAS threads; heads split over 2 caller threads with 1 BLAS thread each).
//
// Run it only on a quiet machine (nothing else on the second core): with the other core busy,
// every 2-thread number collapses (measured: 1024^3 at 2 threads = 1 thread, attention heads at
// 0.77x of 1 thread), which is itself a finding for the thread policy below.

/// Measured on this machine (2 cores AMD EPYC, 3.63 GHz, OpenBLAS 0.3.21 pthreads, quiet machine,
/// best of >= 0.25 s), and what the tensor core's thread policy should do with it.
let gemmBenchNotes = """
Reference run (quiet machine; two quiet runs agree within ~3%):
- FMA-only kernel (peers/tools/peak.c): 117.2 GFLOP/s on 1 core, 233.3 on 2; clock 3.66 GHz.
- sgemm 1024^3: 103.2 GFLOP/s (1 thread), 206.6 (2 threads) = 88% of the FMA peak.
  Peers, same session: numpy's bundled OpenBLAS 100.6 / 177.7, torch 101.4 / 205.3.
- BERT-mini layer GEMMs (4096 tokens): 92-101 GFLOP/s at 1 thread (0.89-0.98 of peak),
  184-196 at 2 (0.89-0.95 of the 2-thread peak, 1.91-2.04x); one layer fwd+bwd = 20.9 GFLOP
  of sgemm = 218 ms at 1 thread, 113 ms at 2.
- Attention-head products (128x64x128 and friends): 94-98 GFLOP/s at 1 thread, 136-150 at 2
  (1.40-1.59x). 128 heads in a loop: 4.37 ms (1 BLAS thread), 2.71 ms (2 BLAS threads),
  2.05 ms split over 2 caller threads each calling 1-thread BLAS.
- Batch-1 inference, M tokens x 256 x 768: M=1 55 GFLOP/s either way; M=8 49 -> 71 (1.46x);
  M=32 84 -> 154; M>=64 1.9x.
- Square sweep: identical 1t/2t up to 96^3 (OpenBLAS does not thread below ~0.9M
  multiply-adds); 2 threads pay from 112^3 (1.4M): 1.38x, 128^3 1.60x, 256^3 1.85x, >=512^3 1.99x.
  On a quiet machine there is no size where 2 threads are slower; the crossover is ~1M
  multiply-adds, below which the thread count makes no difference.
Thread policy for the tensor core:
  (1) single products >= ~1M multiply-adds (M*N*K): 2 OpenBLAS threads;
  (2) batches of small products (attention heads): set OpenBLAS to 1 thread and split the batch
      across the 2 cores yourself (1.32x faster than 2-thread BLAS per product, 2.1x serial);
  (3) when another process occupies the second core, 2-thread BLAS loses (measured under load:
      0.77x of 1 thread on head-sized products, ~0.95x on large ones), so allow forcing 1 thread.
"""

private struct GEMMShape {
    let name: String
    let m: Int, n: Int, k: Int
    let transA: Bool, transB: Bool
    /// How many such products one layer step runs (for the per-layer total).
    let perLayer: Int
    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
}

private func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

/// Best time of `body` over >= 3 runs and >= `minSeconds`, after one warm-up.
private func bestTime(minSeconds: Double = 0.25, _ body: () -> Void) -> Double {
    body()
    var best = Double.infinity, runs = 0
    let end = now() + minSeconds
    while runs < 3 || now() < end {
        let t0 = now()
        body()
        best = min(best, now() - t0)
        runs += 1
    }
    return best
}

/// Buffers for C = op(A) op(B), row-major, filled with small random values.
private final class GEMMOperands {
    let a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>
    let shape: GEMMShape

    init(_ s: GEMMShape, copies: Int = 1) {
        shape = s
        func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64).bindMemory(to: Float.self, capacity: count)
            for i in 0..<count { raw[i] = Float((i * 7919) % 1000) / 1000 - 0.5 }
            return raw
        }
        a = buffer(s.m * s.k * copies)
        b = buffer(s.k * s.n * copies)
        c = buffer(s.m * s.n * copies)
    }

    deinit { a.deallocate(); b.deallocate(); c.deallocate() }

    /// One sgemm on copy `i` of the operands.
    @inline(__always)
    func run(_ i: Int = 0) {
        let s = shape
        cblas_sgemm(CblasRowMajor, s.transA ? CblasTrans : CblasNoTrans, s.transB ? CblasTrans : CblasNoTrans,
                    Int32(s.m), Int32(s.n), Int32(s.k), 1,
                    a + i * s.m * s.k, Int32(s.transA ? s.m : s.k),
                    b + i * s.k * s.n, Int32(s.transB ? s.k : s.n),
                    0, c + i * s.m * s.n, Int32(s.n))
    }
}

private func gflops(_ s: GEMMShape, threads: Int32) -> Double {
    openblas_set_num_threads(threads)
    let ops = GEMMOperands(s)
    return s.flops / bestTime { ops.run() } / 1e9
}

private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
private func f1(_ x: Double) -> String { String(format: "%.1f", x) }
private func f2(_ x: Double) -> String { String(format: "%.2f", x) }

func runGEMMBench() throws {
    let config = String(cString: openblas_get_config())
    print("OpenBLAS: \(config), core \(String(cString: openblas_get_corename())), \(ProcessInfo.processInfo.activeProcessorCount) CPUs")

    let peakShape = GEMMShape(name: "1024^3", m: 1024, n: 1024, k: 1024, transA: false, transB: false, perLayer: 0)
    let peak1 = gflops(peakShape, threads: 1), peak2 = gflops(peakShape, threads: 2)
    print("peak (1024^3 NN): 1 thread \(f1(peak1)) GFLOP/s, 2 threads \(f1(peak2)) GFLOP/s (x\(f2(peak2 / peak1)))")

    let t = 4096, h = 256, f = 1024, seq = 128, dh = 64, heads = 32 * 4
    // Linear y = x W^T (W is [out, in] as in PyTorch): forward NT; dX = dY W: NN; dW = dY^T X: TN.
    func linear(_ name: String, _ inF: Int, _ outF: Int) -> [GEMMShape] {
        [GEMMShape(name: "\(name) fwd", m: t, n: outF, k: inF, transA: false, transB: true, perLayer: 1),
         GEMMShape(name: "\(name) dX", m: t, n: inF, k: outF, transA: false, transB: false, perLayer: 1),
         GEMMShape(name: "\(name) dW", m: outF, n: inF, k: t, transA: true, transB: false, perLayer: 1)]
    }
    let shapes: [GEMMShape] = linear("QKV \(t)x\(h)x\(3 * h)", h, 3 * h) + linear("out-proj \(t)x\(h)x\(h)", h, h)
        + linear("FFN up \(t)x\(h)x\(f)", h, f) + linear("FFN down \(t)x\(f)x\(h)", f, h) + [
            GEMMShape(name: "attn S=QK^T 128x64x128", m: seq, n: seq, k: dh, transA: false, transB: true, perLayer: heads),
            GEMMShape(name: "attn O=PV 128x128x64", m: seq, n: dh, k: seq, transA: false, transB: false, perLayer: heads),
            GEMMShape(name: "attn dP=dO V^T", m: seq, n: seq, k: dh, transA: false, transB: true, perLayer: heads),
            GEMMShape(name: "attn dV=P^T dO", m: seq, n: dh, k: seq, transA: true, transB: false, perLayer: heads),
            GEMMShape(name: "attn dQ=dS K", m: seq, n: dh, k: seq, transA: false, transB: false, perLayer: heads),
            GEMMShape(name: "attn dK=dS^T Q", m: seq, n: dh, k: seq, transA: true, transB: false, perLayer: heads),
        ]
    print("\n\(pad("shape (M x K x N, op)", 34)) \(pad("1t GFLOP/s", 11)) \(pad("of peak1", 9)) \(pad("2t GFLOP/s", 11)) \(pad("of peak2", 9)) 2t/1t")
    var layerSeconds = [0.0, 0.0], layerFlops = 0.0
    for s in shapes {
        let g1 = gflops(s, threads: 1), g2 = gflops(s, threads: 2)
        layerSeconds[0] += Double(s.perLayer) * s.flops / (g1 * 1e9)
        layerSeconds[1] += Double(s.perLayer) * s.flops / (g2 * 1e9)
        layerFlops += Double(s.perLayer) * s.flops
        let op = (s.transA ? "T" : "N") + (s.transB ? "T" : "N")
        print("\(pad(s.name + " " + op, 34)) \(pad(f1(g1), 11)) \(pad(f2(g1 / peak1), 9)) \(pad(f1(g2), 11)) \(pad(f2(g2 / peak2), 9)) \(f2(g2 / g1))")
    }
    print("one layer fwd+bwd, all sgemm: \(f1(layerFlops / 1e9)) GFLOP; \(f1(layerSeconds[0] * 1e3)) ms at 1 thread (\(f1(layerFlops / layerSeconds[0] / 1e9)) GFLOP/s), \(f1(layerSeconds[1] * 1e3)) ms at 2 threads (\(f1(layerFlops / layerSeconds[1] / 1e9)) GFLOP/s)")

    // 128 head products of one layer (S = Q K^T), three ways.
    let head = shapes.first { $0.name.hasPrefix("attn S") }!
    let batch = GEMMOperands(head, copies: heads)
    openblas_set_num_threads(1)
    let serial1 = bestTime { for i in 0..<heads { batch.run(i) } }
    openblas_set_num_threads(2)
    let serial2 = bestTime { for i in 0..<heads { batch.run(i) } }
    openblas_set_num_threads(1)
    let split = bestTime {
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            for i in stride(from: part, to: heads, by: 2) { batch.run(i) }
        }
    }
    let headFlops = Double(heads) * head.flops / 1e9
    print("\n\(heads) attention heads S=QK^T (128x64x128): BLAS 1 thread \(f2(serial1 * 1e3)) ms (\(f1(headFlops / serial1)) GFLOP/s); "
        + "BLAS 2 threads \(f2(serial2 * 1e3)) ms (\(f1(headFlops / serial2)) GFLOP/s); "
        + "heads split over 2 caller threads, BLAS 1 thread each \(f2(split * 1e3)) ms (\(f1(headFlops / split)) GFLOP/s)")

    // Batch-1 inference: a single sequence of M tokens through the QKV and FFN-down products.
    print("\nbatch-1 inference (M tokens):\n\(pad("shape", 34)) \(pad("1t GFLOP/s", 11)) \(pad("2t GFLOP/s", 11)) 2t/1t")
    for m in [1, 8, 32, 64, 128, 256] {
        for (label, n, k) in [("QKV", 3 * h, h), ("FFN down", h, f)] {
            let s = GEMMShape(name: "\(label) \(m)x\(k)x\(n) NT", m: m, n: n, k: k, transA: false, transB: true, perLayer: 1)
            let g1 = gflops(s, threads: 1), g2 = gflops(s, threads: 2)
            print("\(pad(s.name, 34)) \(pad(f1(g1), 11)) \(pad(f1(g2), 11)) \(f2(g2 / g1))")
        }
    }

    // Square sweep: where does the second BLAS thread start (and stop) paying?
    print("\ncrossover sweep, square n^3 NN:\n\(pad("n", 6)) \(pad("1t GFLOP/s", 11)) \(pad("2t GFLOP/s", 11)) 2t/1t")
    var crossover: Int?
    for n in [16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 256, 384, 512, 768, 1024] {
        let s = GEMMShape(name: "\(n)", m: n, n: n, k: n, transA: false, transB: false, perLayer: 0)
        let g1 = gflops(s, threads: 1), g2 = gflops(s, threads: 2)
        if crossover == nil && g2 > 1.1 * g1 { crossover = n }
        print("\(pad(String(n), 6)) \(pad(f1(g1), 11)) \(pad(f1(g2), 11)) \(f2(g2 / g1))")
    }
    print("2 BLAS threads first beat 1 thread by >10% at n = \(crossover.map(String.init) ?? "none") (n^3 = \(crossover.map { String($0 * $0 * $0) } ?? "-") multiply-adds)")
    openblas_set_num_threads(2)
    print("\nnotes from the reference run (GEMMBench.swift):\n" + gemmBenchNotes)
}
