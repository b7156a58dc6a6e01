import Foundation
import Testing
@testable import NLPTensor

/// The SIMD8 cell kernels the fused LSTM op runs against the scalar rows they replace: same bits,
/// for widths with and without a scalar tail and for pre-activations far outside the clamp of
/// the polynomial exp (|x| up to 200).
@Suite struct LSTMCellSIMDTests {
    static func values(_ n: Int, scale: Float, seed: UInt64) -> [Float] {
        Tensor.uniform([n], low: -scale, high: scale, seed: seed).scalars
    }

    @Test(arguments: [8, 19, 256], [Float(3), 200])
    func forwardRowMatchesScalarBitForBit(hidden h: Int, scale: Float) {
        let gates = Self.values(4 * h, scale: scale, seed: 1), bias = Self.values(4 * h, scale: 0.5, seed: 2)
        let cPrev = Self.values(h, scale: 2, seed: 3)
        func run(_ simd: Bool) -> [[Float]] {
            var a = gates, tanhC = [Float](repeating: 0, count: h), hNext = tanhC, cNext = tanhC, out = tanhC
            a.withUnsafeMutableBufferPointer { a in
                tanhC.withUnsafeMutableBufferPointer { tc in hNext.withUnsafeMutableBufferPointer { hn in
                    cNext.withUnsafeMutableBufferPointer { cn in out.withUnsafeMutableBufferPointer { o in
                        if simd {
                            lstmCellForwardRow8(gates: a.baseAddress!, bias: bias, cPrev: cPrev, tanhC: tc.baseAddress!,
                                                hNext: hn.baseAddress!, cNext: cn.baseAddress!, out: o.baseAddress!, hidden: h)
                        } else {
                            lstmCellForwardRow(gates: a.baseAddress!, bias: bias, cPrev: cPrev, tanhC: tc.baseAddress!,
                                               hNext: hn.baseAddress!, cNext: cn.baseAddress!, out: o.baseAddress!, hidden: h)
                        }
                    } }
                } }
            }
            return [a, tanhC, hNext, cNext, out]
        }
        let (fast, scalar) = (run(true), run(false))
        for k in 0..<5 { #expect(fast[k].map(\.bitPattern) == scalar[k].map(\.bitPattern), "buffer \(k)") }
        // And the activations are the real ones (the polynomial exp to ~1e-7).
        let i0 = 1 / (1 + exp(-Double(gates[0] + bias[0])))
        #expect(abs(Double(fast[0][0]) - i0) < 1e-6)
    }

    @Test(arguments: [8, 19, 256])
    func backwardRowMatchesScalarBitForBit(hidden h: Int) {
        let acts = Self.values(4 * h, scale: 1, seed: 4), dh = Self.values(h, scale: 1, seed: 5)
        let dcIn = Self.values(h, scale: 1, seed: 6), dOut = Self.values(h, scale: 1, seed: 7)
        let cPrev = Self.values(h, scale: 2, seed: 8), tanhC = Self.values(h, scale: 1, seed: 9)
        func run(_ simd: Bool) -> [[Float]] {
            var a = acts, dc = dcIn
            a.withUnsafeMutableBufferPointer { a in dc.withUnsafeMutableBufferPointer { dc in
                if simd {
                    lstmCellBackwardRow8(dgates: a.baseAddress!, dh: dh, dc: dc.baseAddress!, dOut: dOut, cPrev: cPrev, tanhC: tanhC, hidden: h)
                } else {
                    lstmCellBackwardRow(dgates: a.baseAddress!, dh: dh, dc: dc.baseAddress!, dOut: dOut, cPrev: cPrev, tanhC: tanhC, hidden: h)
                }
            } }
            return [a, dc]
        }
        let (fast, scalar) = (run(true), run(false))
        for k in 0..<2 { #expect(fast[k].map(\.bitPattern) == scalar[k].map(\.bitPattern), "buffer \(k)") }
    }
}

/// The LSTM op's chunked product (large projections and weight gradients on 2 threads) against
/// the naive triple loop, for both split directions, every transpose and ragged block sizes.
@Suite struct LSTMChunkedProductTests {
    @Test(arguments: [(70, 37, 19), (37, 70, 19), (16, 5, 3)], [false, true])
    func chunkedProductMatchesReference(shape: (Int, Int, Int), accumulate: Bool) {
        let (m, n, k) = shape
        for (transA, transB) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = Tensor.uniform([m * k], low: -1, high: 1, seed: 1).scalars, b = Tensor.uniform([k * n], low: -1, high: 1, seed: 2).scalars
            let c0 = Tensor.uniform([m * n], low: -1, high: 1, seed: 3).scalars
            var fast = c0, expected = [Float](repeating: 0, count: m * n)
            let (lda, ldb) = (transA ? m : k, transB ? k : n)
            fast.withUnsafeMutableBufferPointer { c in
                chunkedProduct(transA, transB, m, n, k, a, lda, b, ldb, accumulate ? 1 : 0, c.baseAddress!, n)
            }
            expected.withUnsafeMutableBufferPointer { c in referenceSgemm(transA, transB, m, n, k, a, lda, b, ldb, c.baseAddress!, n) }
            if accumulate { for i in 0..<(m * n) { expected[i] += c0[i] } }
            #expect(zip(fast, expected).allSatisfy { abs($0 - $1) < 1e-4 }, "transA \(transA) transB \(transB)")
        }
    }
}
