import CBLAS
import Dispatch

/// The one place that calls `cblas_sgemm`, and the one place that decides how many OpenBLAS
/// threads a product gets.
///
/// Thread policy (measured on the 2-core target, `nlp-bench block --gemm-threads`): a product
/// smaller than `singleThreadBelowFlops` runs with one OpenBLAS thread, because waking the second
/// thread costs more than it saves (attention heads, batch-1 inference); larger products get
/// `maxThreads`. A batch of independent small products (`batched`) runs single-threaded sgemm
/// inside our own two-way parallel loop instead.
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
        } else if useOpenBLASThreads {
            setThreads(maxThreads)
            raw(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        } else {
            split(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        }
        if profiling { seconds += Double(now() - t0) * 1e-9; flops += Double(work); calls += 1 }
    }

    /// Large products: true hands them to OpenBLAS's own threads; false (default) splits C
    /// into `maxThreads` blocks that run single-threaded sgemm in our own parallel loop. Measured
    /// on the 2-core target (`nlp-bench block --blas-threads`): OpenBLAS's idle threads spin after
    /// each call and steal the core our element-wise kernels run on, so one thread pool wins.
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
