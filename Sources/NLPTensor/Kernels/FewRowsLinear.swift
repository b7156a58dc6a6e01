/// `linear` for a few rows without gradients (batch-1 inference: 32 tokens), computed as
/// out^T = W x^T instead of out = x W^T.
///
/// Why: OpenBLAS packs both operands of every product before its kernel runs. With 32 rows the
/// weight is by far the larger operand, and packing it is nearly as costly as the arithmetic;
/// as the left operand of a no-transpose product it is packed by the cheaper routine.
/// Measured on the 2-core target, one thread, 32 rows (scripts: `nlp-bench encoder --policies`):
///
///     x W^T  32x768x256 151 us   32x256x256 51 us   32x1024x256 208 us   32x256x1024 314 us
///     W x^T            132 us              44 us               179 us               181 us
///
/// still ahead at 128 rows (FFN-out 791 vs 659 us), so it is used up to `maxRows`. With W as the
/// left operand the product also splits by weight rows into blocks that OpenBLAS multiplies
/// without packing at all (see `smallKernelRows`), split across threads by us.
/// The two transposes are over the small operand only ([rows, I] in, [O, rows] out, the bias
/// added on the way out). Values agree with the usual path to float rounding (the sum order
/// inside sgemm differs); training never takes this path (it needs gradients).
public enum FewRowsLinear {
    /// Above this many rows the usual x W^T product is used (0 turns the path off, for comparisons).
    nonisolated(unsafe) public static var maxRows = 128

    static func forward(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>,
                        _ bias: UnsafePointer<Float>?, rows: Int, inFeatures: Int, outFeatures: Int) {
        let xt = Tensor.empty([inFeatures, rows]), ot = Tensor.empty([outFeatures, rows])
        let pxt = xt.pointer, pot = ot.pointer
        for r in 0..<rows {
            let src = x + r * inFeatures
            for i in 0..<inFeatures { pxt[i * rows + r] = src[i] }
        }
        // Blocks of weight rows small enough for OpenBLAS's unpacked small-matrix kernel.
        let block = smallKernelRows(rows: rows, inFeatures: inFeatures)
        if block == 0 || block >= outFeatures {
            GEMM.sgemm(false, false, outFeatures, rows, inFeatures, 1, w, inFeatures, pxt, rows, 0, pot, rows)
        } else {
            let blocks = (outFeatures + block - 1) / block
            let flops = 2 * rows * outFeatures * inFeatures
            GEMM.setThreads(1)
            let t0 = GEMM.profiling ? GEMM.now() : 0
            let body = { (range: Range<Int>) in
                for j in range {
                    let lo = j * block, n = min(block, outFeatures - lo)
                    GEMM.raw(false, false, n, rows, inFeatures, 1, w + lo * inFeatures, inFeatures, pxt, rows, 0, pot + lo * rows, rows)
                }
            }
            if GEMM.maxThreads > 1 && flops >= GEMM.singleThreadBelowFlops { Parallel.forEachAlways(blocks, body) } else { body(0..<blocks) }
            if GEMM.profiling { GEMM.seconds += Double(GEMM.now() - t0) * 1e-9; GEMM.flops += Double(flops); GEMM.calls += blocks }
        }
        for r in 0..<rows {
            let dst = out + r * outFeatures
            if let bias {
                for o in 0..<outFeatures { dst[o] = pot[o * rows + r] + bias[o] }
            } else {
                for o in 0..<outFeatures { dst[o] = pot[o * rows + r] }
            }
        }
        withExtendedLifetime((xt, ot)) {}
    }

    /// OpenBLAS (0.3.x, x86-64 AVX-512 kernels) multiplies without packing when
    /// M * N * K <= 100^3 (its small-matrix permit); weight rows are cut into blocks (multiples
    /// of 8) under that size, or 0 when even 8 rows exceed it. Measured with cold weights (a
    /// model's worth rotating), one thread, 32 rows: qkv 32x768x256 235 -> 161 us, 32x256x256
    /// 74 -> 39 us, 32x1024x256 316 -> 224 us, 32x256x1024 326 -> 173 us (x W^T -> blocked W x^T).
    static func smallKernelRows(rows: Int, inFeatures: Int) -> Int {
        let limit = 1_000_000 / max(rows * inFeatures, 1)
        return limit >= 8 ? min(limit / 8 * 8, 64) : 0
    }
}
