import CBLAS
import Dispatch

/// The one place that calls `cblas_sgemm`, and the one place that decides how many OpenBLAS
/// threads a product gets.
///
/// Thread policy, measured on the 2-core target (`nlp-bench block --gemm-threads`, `--infer`,
/// `--blas-threads`); three size classes by flops = 2*m*n*k:
///  - below `singleThreadBelowFlops` (~1.8M, e.g. 96^3): one OpenBLAS thread. A second thread
///    gains nothing there, and every call that wakes it leaves it spinning.
///  - up to `ownSplitAboveFlops` (64M; batch-1 inference, 32x768x256): OpenBLAS's two threads,
///    1.5-1.8x faster than one (a batch-1 layer: 0.60 ms vs 0.93 ms).
///  - above (training shapes, 4096 rows): C is split in two blocks, each a single-threaded sgemm
///    on our own thread pool, the same pool the element-wise kernels use. Alone that is as fast
///    as OpenBLAS's threads (193 vs 188 GFLOP/s for 4096x768x256); in a quiet Transformer-layer
///    step the two are within noise (154 vs 156 ms), and with other load on the machine the
///    split was steadier (150-160 ms vs 175-200 ms), as OpenBLAS's idle threads spin after each
///    call on the core our element-wise kernels need.
/// Independent small products (attention heads, `batched`) run single-threaded inside our own
/// parallel loop over the batch.
///
/// Row-major throughout; a transpose is an argument, never a copy.
public enum GEMM {
    /// OpenBLAS threads for large products.
    nonisolated(unsafe) public static var maxThreads = Parallel.threads
    /// Products with fewer flops (2*m*n*k) run on one OpenBLAS thread.
    nonisolated(unsafe) public static var singleThreadBelowFlops = 2 * 96 * 96 * 96
    nonisolated(unsafe) static var currentThreads = -1

    /// Profiling: when `profiling` is on, time spent inside sgemm (wall clock, measured around
    /// each call or batch) and the flops done are summed here.
    nonisolated(unsafe) public static var profiling = false
    nonisolated(unsafe) public static var seconds: Double = 0
    nonisolated(unsafe) public static var flops: Double = 0
    nonisolated(unsafe) public static var calls = 0

    public static func resetProfile() { seconds = 0; flops = 0; calls = 0 }

    @inline(__always) static func setThreads(_ n: Int) {
        if n != currentThreads { openblas_set_num_threads(Int32(n)); currentThreads = n }
    }

    @inline(__always) static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// C[m,n] = alpha * op(A)[m,k] * op(B)[k,n] + beta * C, all row-major with leading dimensions.
    @inline(__always)
    static func sgemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                      _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
                      _ b: UnsafePointer<Float>, _ ldb: Int,
                      _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        if m == 0 || n == 0 { return }
        let work = 2 * m * n * k
        let t0 = profiling ? now() : 0
        if work < singleThreadBelowFlops || maxThreads == 1 {
            setThreads(1)
            raw(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        } else if useOpenBLASThreads || work < ownSplitAboveFlops {
            setThreads(maxThreads)
            raw(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        } else {
            split(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        }
        if profiling { seconds += Double(now() - t0) * 1e-9; flops += Double(work); calls += 1 }
    }

    /// Products with at least this many flops are split by us (see `split`); between
    /// `singleThreadBelowFlops` and this they get OpenBLAS's threads.
    nonisolated(unsafe) public static var ownSplitAboveFlops = 64 << 20
    /// True hands every large product to OpenBLAS's threads (for comparison runs).
    nonisolated(unsafe) public static var useOpenBLASThreads = false

    /// C split along its longer side into blocks (multiples of 16 rows/columns), one per thread.
    static func split(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                      _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
                      _ b: UnsafePointer<Float>, _ ldb: Int,
                      _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        setThreads(1)
        let parts = maxThreads
        let alongM = m >= n
        let length = alongM ? m : n
        let chunk = (((length + parts - 1) / parts) + 15) & ~15
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let lo = p * chunk, hi = min(length, lo + chunk)
            if lo >= hi { return }
            if alongM {
                raw(transA, transB, hi - lo, n, k, alpha, transA ? a + lo : a + lo * lda, lda, b, ldb, beta, c + lo * ldc, ldc)
            } else {
                raw(transA, transB, m, hi - lo, k, alpha, a, lda, transB ? b + lo * ldb : b + lo, ldb, beta, c + lo, ldc)
            }
        }
    }

    /// The bare call, no policy (used inside `batched`, where threads are already set to one).
    @inline(__always)
    static func raw(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                    _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
                    _ b: UnsafePointer<Float>, _ ldb: Int,
                    _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        if k == 0 {  // BLAS may skip scaling C when k == 0; make beta explicit.
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Runs `count` independent products, `body(i)` calling `raw`. Each product is small (attention
    /// heads), so OpenBLAS gets one thread and we split the batch across cores ourselves.
    /// `flopsEach` is for the profile only.
    static func batched(_ count: Int, flopsEach: Int, _ body: (Int) -> Void) {
        setThreads(1)
        let t0 = profiling ? now() : 0
        if count * flopsEach < singleThreadBelowFlops {
            for i in 0..<count { body(i) }
        } else {
            Parallel.forEachAlways(count) { r in for i in r { body(i) } }
        }
        if profiling { seconds += Double(now() - t0) * 1e-9; flops += Double(count * flopsEach); calls += count }
    }
}

/// Naive reference product (triple loop, float64 accumulation), beside the fast one for tests.
func referenceSgemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                    _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                    _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
    for i in 0..<m {
        for j in 0..<n {
            var s = 0.0
            for p in 0..<k {
                let x = transA ? a[p * lda + i] : a[i * lda + p]
                let y = transB ? b[j * ldb + p] : b[p * ldb + j]
                s += Double(x) * Double(y)
            }
            c[i * ldc + j] = Float(s)
        }
    }
}
