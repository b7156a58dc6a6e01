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
/// still ahead at 128 rows (FFN-out 791 vs 659 us), so it is used up to `maxRows`.
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
        GEMM.sgemm(false, false, outFeatures, rows, inFeatures, 1, w, inFeatures, pxt, rows, 0, pot, rows)
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
}
