#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// The fused LSTM cell, 8 lanes at a time.
///
/// Why explicit SIMD8: the scalar loop in `lstmCellForwardRow` did not vectorise (its output
/// pointers may alias, and `min`/`max` on Float carry NaN rules), so every lane paid a scalar
/// polynomial exp and a `divss`; perf put that loop at 23% of the issue-4 LSTM training step,
/// more than any single sgemm shape. Each lane here does exactly the scalar code's IEEE
/// operations in the same order (no FMA), so the two paths agree bit for bit and the tail
/// (hidden % 8) simply runs the scalar version.
///
///     fastExp8(SIMD8(repeating: 1))   // 2.7182817 in every lane, same bits as fastExp(1)
@inline(__always) func fastExp8(_ v: SIMD8<Float>) -> SIMD8<Float> {
    let x = clamp8(v, -87.3, 88.3)
    // s = x log2(e) + 1.5 * 2^23 holds round(x log2 e) = k in its low mantissa bits:
    // bits(s) = 0x4B40_0000 + k for |k| < 2^22, so 2^k's bits are (bits(s) - 0x4B40_0000 + 127) << 23.
    let s = x * 1.44269504088896341 + 12_582_912
    let k = s - 12_582_912
    let r = x - k * 0.693359375 + k * 2.12194440e-4
    var p = SIMD8<Float>(repeating: 1.9875691500e-4)
    p = p * r + 1.3981999507e-3
    p = p * r + 8.3334519073e-3
    p = p * r + 4.1665795894e-2
    p = p * r + 1.6666665459e-1
    p = p * r + 5.0000001201e-1
    let y = p * r * r + r + 1
    let bits = (unsafeBitCast(s, to: SIMD8<Int32>.self) &- (0x4B40_0000 - 127)) &<< 23
    return y * unsafeBitCast(bits, to: SIMD8<Float>.self)
}

/// Lane-wise min(max(v, lo), hi) through SSE's minps/maxps (the generic SIMD versions compile
/// to per-lane scalar code here).
@inline(__always) func clamp8(_ v: SIMD8<Float>, _ lo: Float, _ hi: Float) -> SIMD8<Float> {
    #if arch(x86_64)
    let l = SIMD4<Float>(repeating: lo), h = SIMD4<Float>(repeating: hi)
    return SIMD8(lowHalf: _mm_min_ps(_mm_max_ps(v.lowHalf, l), h), highHalf: _mm_min_ps(_mm_max_ps(v.highHalf, l), h))
    #else
    return v.clamped(lowerBound: SIMD8(repeating: lo), upperBound: SIMD8(repeating: hi))
    #endif
}

@inline(__always) func lstmSigmoid8(_ x: SIMD8<Float>) -> SIMD8<Float> { 1 / (1 + fastExp8(-x)) }
@inline(__always) func lstmTanh8(_ x: SIMD8<Float>) -> SIMD8<Float> { 2 / (1 + fastExp8(-2 * x)) - 1 }

/// `lstmCellForwardRow`, 8 lanes at a time (same results).
@inline(__always) func lstmCellForwardRow8(gates a: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>,
                                           cPrev: UnsafePointer<Float>, tanhC: UnsafeMutablePointer<Float>,
                                           hNext: UnsafeMutablePointer<Float>, cNext: UnsafeMutablePointer<Float>,
                                           out: UnsafeMutablePointer<Float>, hidden h: Int) {
    let vectorEnd = h & ~7
    var j = 0
    while j < vectorEnd {
        let i = lstmSigmoid8(load8(a, j) + load8(bias, j)), f = lstmSigmoid8(load8(a, h + j) + load8(bias, h + j))
        let gg = lstmTanh8(load8(a, 2 * h + j) + load8(bias, 2 * h + j))
        let o = lstmSigmoid8(load8(a, 3 * h + j) + load8(bias, 3 * h + j))
        store8(i, a, j); store8(f, a, h + j); store8(gg, a, 2 * h + j); store8(o, a, 3 * h + j)
        let c = f * load8(cPrev, j) + i * gg
        let tc = lstmTanh8(c)
        store8(tc, tanhC, j); store8(c, cNext, j)
        let hv = o * tc
        store8(hv, hNext, j); store8(hv, out, j)
        j += 8
    }
    if vectorEnd < h {
        lstmCellForwardRowTail(gates: a, bias: bias, cPrev: cPrev, tanhC: tanhC, hNext: hNext, cNext: cNext, out: out,
                               hidden: h, from: vectorEnd)
    }
}

/// `lstmCellBackwardRow`, 8 lanes at a time (same results).
@inline(__always) func lstmCellBackwardRow8(dgates a: UnsafeMutablePointer<Float>, dh: UnsafePointer<Float>,
                                            dc: UnsafeMutablePointer<Float>, dOut: UnsafePointer<Float>,
                                            cPrev: UnsafePointer<Float>, tanhC: UnsafePointer<Float>, hidden h: Int) {
    let vectorEnd = h & ~7
    var j = 0
    while j < vectorEnd {
        let i = load8(a, j), f = load8(a, h + j), gg = load8(a, 2 * h + j), o = load8(a, 3 * h + j), tc = load8(tanhC, j)
        let dhv = load8(dh, j) + load8(dOut, j)
        let dct = load8(dc, j) + dhv * o * (1 - tc * tc)
        store8(dct * gg * i * (1 - i), a, j)
        store8(dct * load8(cPrev, j) * f * (1 - f), a, h + j)
        store8(dct * i * (1 - gg * gg), a, 2 * h + j)
        store8(dhv * tc * o * (1 - o), a, 3 * h + j)
        store8(dct * f, dc, j)
        j += 8
    }
    if vectorEnd < h {
        lstmCellBackwardRowTail(dgates: a, dh: dh, dc: dc, dOut: dOut, cPrev: cPrev, tanhC: tanhC, hidden: h, from: vectorEnd)
    }
}
