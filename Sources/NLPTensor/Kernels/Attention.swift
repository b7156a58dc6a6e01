import Dispatch

/// Multi-head self-attention over a packed qkv activation, as sgemms on strided views.
///
/// qkv is [B, T, 3C] (the output of one `linear` with 3C outputs: q | k | v), C = H * d.
/// Head h of batch b reads Q at qkv[b, :, h*d ..< (h+1)*d] — a [T, d] matrix with leading
/// dimension 3C — so no permute copies are needed: the stride goes to sgemm as `lda`.
///
///     S = Q K^T                       [T, T] per (b, h)
///     P = softmax(scale * S, mask)    saved for backward ([B, H, T, T])
///     P'= dropout(P)                  saved too when p > 0 (backward reads its zeros as the mask)
///     O = P' V  -> out[b, :, h*d ..< (h+1)*d]  (leading dimension C)
///
/// Backward per (b, h):  dP' = dO V^T;  dV += P'^T dO;  dP = dropout'(dP');
///     dS = scale * P * (dP - rowsum(dP * P));  dQ += dS K;  dK += dS^T Q
///
/// The (b, h) products are small (128 x 128 x 64), so each runs single-threaded and the
/// B*H of them are split across cores by us (see GEMM.swift).
struct AttentionShape {
    let batch: Int, time: Int, heads: Int, headDim: Int
    var channels: Int { heads * headDim }
    var scale: Float { 1 / Float(headDim).squareRoot() }
}

/// keyMask: [B, T] (0 = padding key) or nil; dropped: [B, H, T, T] output for P' when p > 0.
func attentionForward(_ out: UnsafeMutablePointer<Float>, probs: UnsafeMutablePointer<Float>, dropped: UnsafeMutablePointer<Float>?,
                      _ qkv: UnsafePointer<Float>, _ s: AttentionShape, causal: Bool, keyMask: UnsafePointer<Int32>?,
                      dropout p: Float, seed: UInt64) {
    let (t, d, c) = (s.time, s.headDim, s.channels)
    let c3 = 3 * c, tt = t * t
    let threshold = dropoutThreshold(p), keepScale = 1 / (1 - p)
    GEMM.setThreads(1)
    let t0 = GEMM.now()
    var gemmNanos = [UInt64](repeating: 0, count: Parallel.threads)
    // Batch-1 inference (4 heads x 32 tokens: ~1 MFLOP in all) is over before a second thread
    // would wake up, so small work runs on the calling thread.
    let serial = s.batch * s.heads * 4 * tt * d < GEMM.singleThreadBelowFlops
    gemmNanos.withUnsafeMutableBufferPointer { gn in
        Parallel.forParts(serial ? 1 : s.batch * s.heads) { part, range in
            for bh in serial ? 0..<(s.batch * s.heads) : range {
                let b = bh / s.heads, h = bh % s.heads
                let q = qkv + b * t * c3 + h * d, k = q + c, v = q + 2 * c
                let pr = probs + bh * tt
                let g0 = GEMM.profiling ? GEMM.now() : 0
                GEMM.raw(false, true, t, t, d, 1, q, c3, k, c3, 0, pr, t)  // S into P's buffer
                if GEMM.profiling { gn[part] += GEMM.now() - g0 }
                let km = keyMask.map { $0 + b * t }
                for i in 0..<t {
                    softmaxRow(pr + i * t, pr + i * t, cols: t, scale: s.scale, keep: km, validCount: causal ? i + 1 : nil)
                }
                var pv = UnsafePointer(pr)
                if p > 0, let dropped {
                    let pd = dropped + bh * tt
                    for i in 0..<tt { pd[i] = dropoutKeeps(seed, bh * tt + i, threshold: threshold) ? pr[i] * keepScale : 0 }
                    pv = UnsafePointer(pd)
                }
                let g1 = GEMM.profiling ? GEMM.now() : 0
                GEMM.raw(false, false, t, d, t, 1, pv, t, v, c3, 0, out + b * t * c + h * d, c)
                if GEMM.profiling { gn[part] += GEMM.now() - g1 }
            }
        }
    }
    if GEMM.profiling {
        let parts = min(Parallel.threads, s.batch * s.heads)
        GEMM.seconds += Double(gemmNanos.reduce(0, +)) * 1e-9 / Double(max(parts, 1))
        GEMM.flops += Double(s.batch * s.heads * 4 * t * t * d)
        GEMM.calls += 2 * s.batch * s.heads
        _ = t0
    }
}

/// Accumulates into dqkv. Scratch: [threads, T, T].
func attentionBackward(_ dqkv: UnsafeMutablePointer<Float>, _ dout: UnsafePointer<Float>, probs: UnsafePointer<Float>,
                       dropped: UnsafePointer<Float>?, scratch: UnsafeMutablePointer<Float>, _ qkv: UnsafePointer<Float>,
                       _ s: AttentionShape, dropout p: Float) {
    let (t, d, c) = (s.time, s.headDim, s.channels)
    let c3 = 3 * c, tt = t * t
    let keepScale = 1 / (1 - p)
    GEMM.setThreads(1)
    var gemmNanos = [UInt64](repeating: 0, count: Parallel.threads)
    gemmNanos.withUnsafeMutableBufferPointer { gn in
        Parallel.forParts(s.batch * s.heads) { part, range in
            let dp = scratch + part * tt
            for bh in range {
                let b = bh / s.heads, h = bh % s.heads
                let q = qkv + b * t * c3 + h * d, k = q + c, v = q + 2 * c
                let dq = dqkv + b * t * c3 + h * d, dk = dq + c, dv = dq + 2 * c
                let pr = probs + bh * tt, dO = dout + b * t * c + h * d
                let pv = p > 0 && dropped != nil ? dropped! + bh * tt : pr
                var g0 = GEMM.profiling ? GEMM.now() : 0
                GEMM.raw(false, true, t, t, d, 1, dO, c, v, c3, 0, dp, t)      // dP' = dO V^T
                GEMM.raw(true, false, t, d, t, 1, pv, t, dO, c, 1, dv, c3)     // dV += P'^T dO
                if GEMM.profiling { gn[part] += GEMM.now() - g0 }
                for i in 0..<t {
                    let row = dp + i * t, y = pr + i * t
                    if p > 0 {  // dP = dP' * keep / (1 - p); where P == 0, dS is 0 whatever dP is
                        let kept = pv + i * t
                        for j in 0..<t { row[j] = kept[j] != 0 ? row[j] * keepScale : 0 }
                    }
                    var dot: Float = 0
                    for j in 0..<t { dot += row[j] * y[j] }
                    for j in 0..<t { row[j] = s.scale * y[j] * (row[j] - dot) }  // dS
                }
                g0 = GEMM.profiling ? GEMM.now() : 0
                GEMM.raw(false, false, t, d, t, 1, dp, t, k, c3, 1, dq, c3)    // dQ += dS K
                GEMM.raw(true, false, t, d, t, 1, dp, t, q, c3, 1, dk, c3)     // dK += dS^T Q
                if GEMM.profiling { gn[part] += GEMM.now() - g0 }
            }
        }
    }
    if GEMM.profiling {
        let parts = min(Parallel.threads, s.batch * s.heads)
        GEMM.seconds += Double(gemmNanos.reduce(0, +)) * 1e-9 / Double(max(parts, 1))
        GEMM.flops += Double(s.batch * s.heads * 8 * t * t * d)
        GEMM.calls += 4 * s.batch * s.heads
    }
}
