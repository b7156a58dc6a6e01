/// Matrix products over *stored* operands: `ta`/`tb` say whether the stored matrix is the
/// transpose of the logical one (a transposed view), so no transpose is ever materialised.
///
///     C[m,n] = op(SA)[m,k] * op(SB)[k,n],  SA is [m,k] (ta false) or [k,m] (ta true)
///
/// Backward writes into the gradient of the *stored* matrix:
///     dSA = dC * op(SB)^T        (ta false)     dSA = op(SB) * dC^T     (ta true)
///     dSB = op(SA)^T * dC        (tb false)     dSB = dC^T * op(SA)     (tb true)
func matmulForward(_ c: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ ta: Bool,
                   _ b: UnsafePointer<Float>, _ tb: Bool, m: Int, n: Int, k: Int, beta: Float = 0) {
    GEMM.sgemm(ta, tb, m, n, k, 1, a, ta ? m : k, b, tb ? k : n, beta, c, n)
}

func matmulBackward(dA: UnsafeMutablePointer<Float>?, dB: UnsafeMutablePointer<Float>?, dC: UnsafePointer<Float>,
                    _ a: UnsafePointer<Float>, _ ta: Bool, _ b: UnsafePointer<Float>, _ tb: Bool,
                    m: Int, n: Int, k: Int) {
    let lda = ta ? m : k, ldb = tb ? k : n
    if let dA {
        if !ta { GEMM.sgemm(false, !tb, m, k, n, 1, dC, n, b, ldb, 1, dA, k) }
        else { GEMM.sgemm(tb, true, k, m, n, 1, b, ldb, dC, n, 1, dA, m) }
    }
    if let dB {
        if !tb { GEMM.sgemm(!ta, false, k, n, m, 1, a, lda, dC, n, 1, dB, n) }
        else { GEMM.sgemm(true, ta, n, k, m, 1, dC, n, a, lda, 1, dB, k) }
    }
}

/// Linear layer as PyTorch stores it (llm.c `matmul_forward`): out[N,O] = x[N,I] * W[O,I]^T + bias[O].
/// The bias is written first and sgemm accumulates onto it (beta = 1), saving a pass.
func linearForward(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>,
                   _ bias: UnsafePointer<Float>?, rows: Int, inFeatures: Int, outFeatures: Int) {
    if let bias {
        Parallel.forEach(rows, costPerItem: outFeatures) { r in
            for i in r { (out + i * outFeatures).update(from: bias, count: outFeatures) }
        }
    }
    GEMM.sgemm(false, true, rows, outFeatures, inFeatures, 1, x, inFeatures, w, inFeatures, bias == nil ? 0 : 1, out, outFeatures)
}

/// dx += dy * W;  dW += dy^T * x;  dbias += column sums of dy.
func linearBackward(dx: UnsafeMutablePointer<Float>?, dw: UnsafeMutablePointer<Float>?, dbias: UnsafeMutablePointer<Float>?,
                    _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>,
                    rows: Int, inFeatures: Int, outFeatures: Int) {
    if let dx { GEMM.sgemm(false, false, rows, inFeatures, outFeatures, 1, dy, outFeatures, w, inFeatures, 1, dx, inFeatures) }
    if let dw { GEMM.sgemm(true, false, outFeatures, inFeatures, rows, 1, dy, outFeatures, x, inFeatures, 1, dw, inFeatures) }
    if let dbias { columnSumAccumulate(dbias, dy, rows: rows, cols: outFeatures) }
}

/// d[c] += sum over rows of m[r, c]; columns split across threads so no two threads share a d[c].
func columnSumAccumulate(_ d: UnsafeMutablePointer<Float>, _ m: UnsafePointer<Float>, rows: Int, cols: Int) {
    let parts = (rows * cols >= 2 * Parallel.minimumElementsPerThread && cols >= 64) ? Parallel.threads : 1
    let chunk = ((cols + parts - 1) / parts + 15) & ~15
    Parallel.forEach(parts, costPerItem: Parallel.minimumElementsPerThread) { pr in
        for p in pr {
            let c0 = p * chunk, c1 = min(cols, c0 + chunk)
            if c0 >= c1 { continue }
            for r in 0..<rows {
                let row = m + r * cols
                for c in c0..<c1 { d[c] += row[c] }
            }
        }
    }
}
