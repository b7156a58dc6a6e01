import Foundation

/// Multi-head attention with separate query, key and value activations: the op behind a
/// decoder's cross-attention (queries from the decoder, keys/values from the encoder) and its
/// cached self-attention (one new query against every key so far).
///
/// q is [B, Tq, C], k and v are [B, Tk, C], C = H * d; head h reads columns h*d ..< (h+1)*d of
/// each (a strided [T, d] view handed to sgemm as the leading dimension, no permute copies).
///
///     S = Q K^T                        [Tq, Tk] per (b, h)
///     P = softmax(S / sqrt(d), masks)  saved for backward ([B, H, Tq, Tk])
///     O = P V  -> out[b, :, h*d ..< (h+1)*d]
///
/// Masks: keyMask [B, Tk] (0 = padding key); causal lets query i see keys j <= i + (Tk - Tq),
/// i.e. the queries are the *last* Tq positions of the key sequence (Tq == Tk is the usual
/// training mask; Tq == 1 with a cache sees everything). A query that sees no key gets zeros.
///
/// Backward per (b, h): dP = dO V^T;  dV += P^T dO;  dS = P * (dP - rowsum(dP * P)) / sqrt(d);
///     dQ += dS K;  dK += dS^T Q.
struct CrossAttentionShape {
    let batch: Int, queries: Int, keys: Int, heads: Int, headDim: Int
    var channels: Int { heads * headDim }
    var scale: Float { 1 / Float(headDim).squareRoot() }
    /// Keys visible to query i under the causal mask.
    @inline(__always) func causalCount(_ i: Int) -> Int { max(0, min(keys, i + 1 + keys - queries)) }
}

func crossAttentionForward(_ out: UnsafeMutablePointer<Float>, probs: UnsafeMutablePointer<Float>,
                           _ q: UnsafePointer<Float>, _ k: UnsafePointer<Float>, _ v: UnsafePointer<Float>,
                           _ s: CrossAttentionShape, causal: Bool, keyMask: UnsafePointer<Int32>?) {
    let (tq, tk, d, c) = (s.queries, s.keys, s.headDim, s.channels)
    GEMM.setThreads(1)
    Parallel.forParts(s.batch * s.heads) { _, range in
        for bh in range {
            let b = bh / s.heads, h = bh % s.heads
            let qb = q + b * tq * c + h * d, kb = k + b * tk * c + h * d, vb = v + b * tk * c + h * d
            let pr = probs + bh * tq * tk
            GEMM.raw(false, true, tq, tk, d, 1, qb, c, kb, c, 0, pr, tk)
            let km = keyMask.map { $0 + b * tk }
            for i in 0..<tq {
                softmaxRow(pr + i * tk, pr + i * tk, cols: tk, scale: s.scale, keep: km, validCount: causal ? s.causalCount(i) : nil)
            }
            GEMM.raw(false, false, tq, d, tk, 1, pr, tk, vb, c, 0, out + b * tq * c + h * d, c)
        }
    }
}

/// Accumulates into dq, dk, dv (any may be nil). Scratch: [threads, Tq, Tk].
func crossAttentionBackward(dq: UnsafeMutablePointer<Float>?, dk: UnsafeMutablePointer<Float>?, dv: UnsafeMutablePointer<Float>?,
                            _ dout: UnsafePointer<Float>, probs: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>,
                            _ q: UnsafePointer<Float>, _ k: UnsafePointer<Float>, _ v: UnsafePointer<Float>, _ s: CrossAttentionShape) {
    let (tq, tk, d, c) = (s.queries, s.keys, s.headDim, s.channels)
    GEMM.setThreads(1)
    Parallel.forParts(s.batch * s.heads) { part, range in
        let dp = scratch + part * tq * tk
        for bh in range {
            let b = bh / s.heads, h = bh % s.heads
            let qo = b * tq * c + h * d, ko = b * tk * c + h * d
            let pr = probs + bh * tq * tk, dO = dout + qo
            GEMM.raw(false, true, tq, tk, d, 1, dO, c, v + ko, c, 0, dp, tk)            // dP = dO V^T
            if let dv { GEMM.raw(true, false, tk, d, tq, 1, pr, tk, dO, c, 1, dv + ko, c) }  // dV += P^T dO
            for i in 0..<tq {
                let row = dp + i * tk, y = pr + i * tk
                var dot: Float = 0
                for j in 0..<tk { dot += row[j] * y[j] }
                for j in 0..<tk { row[j] = s.scale * y[j] * (row[j] - dot) }          // dS
            }
            if let dq { GEMM.raw(false, false, tq, d, tk, 1, dp, tk, k + ko, c, 1, dq + qo, c) }  // dQ += dS K
            if let dk { GEMM.raw(true, false, tk, d, tq, 1, dp, tk, q + qo, c, 1, dk + ko, c) }   // dK += dS^T Q
        }
    }
}

/// The same forward with plain loops in Double, for tests: out [B, Tq, C].
func crossAttentionReference(_ q: [Float], _ k: [Float], _ v: [Float], _ s: CrossAttentionShape,
                             causal: Bool, keyMask: [Int32]?) -> [Float] {
    let (tq, tk, d, c) = (s.queries, s.keys, s.headDim, s.channels)
    var out = [Float](repeating: 0, count: s.batch * tq * c)
    for b in 0..<s.batch {
        for h in 0..<s.heads {
            for i in 0..<tq {
                var scores = [Double](repeating: -.infinity, count: tk)
                for j in 0..<tk {
                    if let keyMask, keyMask[b * tk + j] == 0 { continue }
                    if causal && j >= s.causalCount(i) { continue }
                    var dot = 0.0
                    for x in 0..<d { dot += Double(q[(b * tq + i) * c + h * d + x]) * Double(k[(b * tk + j) * c + h * d + x]) }
                    scores[j] = dot * Double(s.scale)
                }
                let m = scores.max() ?? -.infinity
                guard m > -.infinity else { continue }
                let e = scores.map { $0 == -.infinity ? 0 : Foundation.exp($0 - m) }
                let z = e.reduce(0, +)
                for x in 0..<d {
                    var acc = 0.0
                    for j in 0..<tk { acc += e[j] / z * Double(v[(b * tk + j) * c + h * d + x]) }
                    out[(b * tq + i) * c + h * d + x] = Float(acc)
                }
            }
        }
    }
    return out
}
