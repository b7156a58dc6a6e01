import Dispatch

/// A whole LSTM direction over a sequence, as cuDNN and PyTorch's CPU path do it:
///  - forward: ONE sgemm for the input projections of all time steps ([B*T, I] x [I, 4H]),
///    then per step only the recurrent sgemm ([B, H] x [H, 4H], added in place into that step's
///    gate rows) and one fused point-wise cell kernel;
///  - backward: per step one fused cell-backward kernel and one sgemm for dh_{t-1}; the weight
///    gradients and d_input are each ONE sgemm over all time steps at the end
///    (dW_hh += dgates^T h_prev as [4H, B*T] x [B*T, H], likewise dW_ih and dx).
///
/// Layout: every saved buffer is time-major [T, B, width] (row t*B + b), so a step's rows are one
/// contiguous block. (Batch-major rows put a step's rows T*4H floats apart, a power-of-two
/// stride that made the per-step products and cell loops slower than separate per-step tensors.)
/// The input is copied time-major once (`xT`); the gate buffer holds pre-activations, then
/// activations after the step's cell kernel, then (in backward, in place) the pre-activation
/// gradients. Only the output and its gradient keep the batch-first [B, T, D*H] layout.
///
/// Padding (right-padded batches, `keep[b*T + t] == 0`): the state is carried unchanged through
/// a padded step and the output there is zero; in backward the step's gate gradients are zero
/// and dh, dc pass through. That is the gradient of h = m*h' + (1-m)*h for a 0/1 mask.
struct LSTMSequenceGeometry {
    let batch: Int, steps: Int, input: Int, hidden: Int
    let reverse: Bool
    /// Time index of the s-th step processed.
    @inline(__always) func time(_ s: Int) -> Int { reverse ? steps - 1 - s : s }
    var rows: Int { batch * steps }
    /// Row of (batch row r, time t) in the time-major buffers.
    @inline(__always) func row(_ r: Int, _ t: Int) -> Int { t * batch + r }
}

/// [B, T, I] -> [T, B, I] (rows copied whole).
func lstmTimeMajor(_ x: UnsafePointer<Float>, into xT: UnsafeMutablePointer<Float>, batch: Int, steps: Int, width: Int) {
    for r in 0..<batch { for t in 0..<steps { (xT + (t * batch + r) * width).update(from: x + (r * steps + t) * width, count: width) } }
}

/// dx[B, T, I] += dxT[T, B, I].
func lstmAddBatchMajor(_ dxT: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>, batch: Int, steps: Int, width: Int) {
    for r in 0..<batch {
        for t in 0..<steps {
            let d = dx + (r * steps + t) * width, s = dxT + (t * batch + r) * width
            for j in 0..<width { d[j] += s[j] }
        }
    }
}

/// What the forward pass saves for backward (all time-major [T, B, width], row t*B + b).
struct LSTMSequenceSaved {
    /// [T, B, 4H]: activated gates i, f, g, o; gradients of the pre-activations after backward.
    let gates: UnsafeMutablePointer<Float>
    /// [T, B, H]: the state (h, c) entering step t, and tanh(c_t).
    let hPrev: UnsafeMutablePointer<Float>
    let cPrev: UnsafeMutablePointer<Float>
    let tanhC: UnsafeMutablePointer<Float>
}

/// How a product may use threads: `shared` calls go through the GEMM thread policy, except
/// that large products are cut into `LSTMThreadPolicy.chunksPerThread` blocks per thread that the
/// threads take as they come free (see `chunkedProduct`); `single` runs the product on one
/// OpenBLAS thread (the caller is already one of several concurrent recurrences).
enum LSTMThreading { case shared, single }

@inline(__always) private func product(_ threading: LSTMThreading, _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                                       _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                                       _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
    switch threading {
    case .shared:
        if GEMM.maxThreads >= 2 && LSTMThreadPolicy.chunksPerThread > 1 && 2 * m * n * k >= GEMM.ownSplitAboveFlops {
            chunkedProduct(transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc)
        } else {
            GEMM.sgemm(transA, transB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
        }
    case .single: GEMM.raw(transA, transB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
    }
}

/// C cut along its longer side into `chunksPerThread * threads` blocks (multiples of 16), each a
/// single-threaded sgemm, handed out by `concurrentPerform` to whichever thread is free. GEMM's
/// own split is one block per thread, so when the other core is busy (other jobs on the
/// machine) the caller waits for the late half; with several blocks per thread the caller takes
/// over the late blocks instead.
func chunkedProduct(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                            _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                            _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
    let t0 = GEMM.profiling ? GEMM.now() : 0
    GEMM.setThreads(1)
    let alongM = m >= n, length = alongM ? m : n
    let parts = GEMM.maxThreads * LSTMThreadPolicy.chunksPerThread
    let chunk = (((length + parts - 1) / parts) + 15) & ~15
    DispatchQueue.concurrentPerform(iterations: (length + chunk - 1) / chunk) { p in
        let lo = p * chunk, hi = min(length, lo + chunk)
        if alongM {
            GEMM.raw(transA, transB, hi - lo, n, k, 1, transA ? a + lo : a + lo * lda, lda, b, ldb, beta, c + lo * ldc, ldc)
        } else {
            GEMM.raw(transA, transB, m, hi - lo, k, 1, a, lda, transB ? b + lo * ldb : b + lo, ldb, beta, c + lo, ldc)
        }
    }
    if GEMM.profiling { GEMM.seconds += Double(GEMM.now() - t0) * 1e-9; GEMM.flops += Double(2 * m * n * k); GEMM.calls += 1 }
}

/// Thread knobs of the fused LSTM op, for comparison runs (`nlp-bench lstm-step`).
public enum LSTMThreadPolicy {
    /// Blocks per thread of the large products (1: GEMM's policy, one block per thread).
    nonisolated(unsafe) public static var chunksPerThread = 2
    /// Whether one direction's recurrence is split into batch-row ranges across threads.
    nonisolated(unsafe) public static var splitRows = true
}

/// sigmoid and tanh through the polynomial `fastExp`, so the cell loops vectorise
/// (tanh x = 2 sigmoid(2x) - 1; absolute error ~1e-7).
@inline(__always) func lstmSigmoid(_ x: Float) -> Float { 1 / (1 + fastExp(-x)) }
@inline(__always) func lstmTanh(_ x: Float) -> Float { 2 / (1 + fastExp(-2 * x)) - 1 }

/// Forward over all steps. `output` points at this direction's first column of an output with
/// row stride `outputStride` ([B, T, D*H] for D directions); hFinal/cFinal are [B, H].
/// `xT` is the input time-major ([T, B, I], see `lstmTimeMajor`).
func lstmSequenceForward(_ g: LSTMSequenceGeometry, xT x: UnsafePointer<Float>, weightIH: UnsafePointer<Float>,
                         weightHH: UnsafePointer<Float>, bias: UnsafePointer<Float>, keep: UnsafePointer<UInt8>?,
                         output: UnsafeMutablePointer<Float>, outputStride: Int,
                         hFinal: UnsafeMutablePointer<Float>, cFinal: UnsafeMutablePointer<Float>,
                         saved: LSTMSequenceSaved, threading: LSTMThreading) {
    lstmSequenceProjectInput(g, xT: x, weightIH: weightIH, saved: saved, threading: threading)
    lstmSequenceRecurrence(g, rows: 0..<g.batch, weightHH: weightHH, bias: bias, keep: keep, output: output,
                           outputStride: outputStride, hFinal: hFinal, cFinal: cFinal, saved: saved, threading: threading)
}

/// The input projections of all steps, one sgemm: gates = xT * W_ih^T ([T*B, I] x [I, 4H]).
func lstmSequenceProjectInput(_ g: LSTMSequenceGeometry, xT x: UnsafePointer<Float>, weightIH: UnsafePointer<Float>,
                              saved: LSTMSequenceSaved, threading: LSTMThreading) {
    if g.rows == 0 { return }
    product(threading, false, true, g.rows, 4 * g.hidden, g.input, x, g.input, weightIH, g.input, 0, saved.gates, 4 * g.hidden)
}

/// The recurrence of batch rows `rows` (after `lstmSequenceProjectInput`): per step the recurrent
/// sgemm for those rows and their cells. Batch rows never interact, so disjoint row ranges can
/// run on different threads with no synchronisation between steps (a step's rows are contiguous
/// in the time-major buffers, so a range is one [rows, H] x [H, 4H] product).
func lstmSequenceRecurrence(_ g: LSTMSequenceGeometry, rows: Range<Int>, weightHH: UnsafePointer<Float>,
                            bias: UnsafePointer<Float>, keep: UnsafePointer<UInt8>?,
                            output: UnsafeMutablePointer<Float>, outputStride: Int,
                            hFinal: UnsafeMutablePointer<Float>, cFinal: UnsafeMutablePointer<Float>,
                            saved: LSTMSequenceSaved, threading: LSTMThreading) {
    let (b, t, h) = (g.batch, g.steps, g.hidden)
    let (lo, m) = (rows.lowerBound, rows.count)
    if m == 0 { return }
    if t == 0 {
        (hFinal + lo * h).update(repeating: 0, count: m * h); (cFinal + lo * h).update(repeating: 0, count: m * h)
        return
    }
    let first = g.time(0)
    (saved.hPrev + g.row(lo, first) * h).update(repeating: 0, count: m * h)
    (saved.cPrev + g.row(lo, first) * h).update(repeating: 0, count: m * h)
    for s in 0..<t {
        let time = g.time(s)
        if s > 0 {
            product(threading, false, true, m, 4 * h, h, saved.hPrev + g.row(lo, time) * h, h, weightHH, h, 1,
                    saved.gates + g.row(lo, time) * 4 * h, 4 * h)
        }
        let next = s + 1 < t ? g.time(s + 1) : -1
        for r in rows {
            let row = g.row(r, time)
            let hNext = next < 0 ? hFinal + r * h : saved.hPrev + g.row(r, next) * h
            let cNext = next < 0 ? cFinal + r * h : saved.cPrev + g.row(r, next) * h
            let out = output + (r * t + time) * outputStride
            if let keep, keep[r * t + time] == 0 {
                hNext.update(from: saved.hPrev + row * h, count: h)
                cNext.update(from: saved.cPrev + row * h, count: h)
                out.update(repeating: 0, count: h)
                continue
            }
            lstmCellForwardRow8(gates: saved.gates + row * 4 * h, bias: bias, cPrev: saved.cPrev + row * h,
                                tanhC: saved.tanhC + row * h, hNext: hNext, cNext: cNext, out: out, hidden: h)
        }
    }
}

/// One batch row of the fused cell: activates the gate row in place (bias added), writes c', tanh(c'),
/// h' (into the next step's state and the output).
@inline(__always) func lstmCellForwardRow(gates a: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>,
                                          cPrev: UnsafePointer<Float>, tanhC: UnsafeMutablePointer<Float>,
                                          hNext: UnsafeMutablePointer<Float>, cNext: UnsafeMutablePointer<Float>,
                                          out: UnsafeMutablePointer<Float>, hidden h: Int) {
    lstmCellForwardRowTail(gates: a, bias: bias, cPrev: cPrev, tanhC: tanhC, hNext: hNext, cNext: cNext, out: out, hidden: h, from: 0)
}

/// Columns from..<h of `lstmCellForwardRow` (the scalar reference; the SIMD8 kernel's tail).
@inline(__always) func lstmCellForwardRowTail(gates a: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>,
                                              cPrev: UnsafePointer<Float>, tanhC: UnsafeMutablePointer<Float>,
                                              hNext: UnsafeMutablePointer<Float>, cNext: UnsafeMutablePointer<Float>,
                                              out: UnsafeMutablePointer<Float>, hidden h: Int, from start: Int) {
    for j in start..<h {
        let i = lstmSigmoid(a[j] + bias[j]), f = lstmSigmoid(a[h + j] + bias[h + j])
        let gg = lstmTanh(a[2 * h + j] + bias[2 * h + j]), o = lstmSigmoid(a[3 * h + j] + bias[3 * h + j])
        a[j] = i; a[h + j] = f; a[2 * h + j] = gg; a[3 * h + j] = o
        let c = f * cPrev[j] + i * gg
        let tc = lstmTanh(c)
        tanhC[j] = tc; cNext[j] = c
        let hv = o * tc
        hNext[j] = hv; out[j] = hv
    }
}

/// Backward over all steps, newest first. Turns `saved.gates` into the pre-activation gradients
/// and accumulates dW_hh, dW_ih and both bias gradients (any may be nil). d_input is left to
/// `lstmSequenceInputGradient` so that two concurrent directions do not race on it.
/// `dh`, `dc` are [B, H] scratch; dOutput (stride outputStride), dhFinal, dcFinal may be nil.
func lstmSequenceBackward(_ g: LSTMSequenceGeometry, xT x: UnsafePointer<Float>, weightHH: UnsafePointer<Float>,
                          keep: UnsafePointer<UInt8>?, dOutput: UnsafePointer<Float>?, outputStride: Int,
                          dhFinal: UnsafePointer<Float>?, dcFinal: UnsafePointer<Float>?, saved: LSTMSequenceSaved,
                          dh: UnsafeMutablePointer<Float>, dc: UnsafeMutablePointer<Float>, zeros: UnsafePointer<Float>,
                          dWeightIH: UnsafeMutablePointer<Float>?, dWeightHH: UnsafeMutablePointer<Float>?,
                          dBiasIH: UnsafeMutablePointer<Float>?, dBiasHH: UnsafeMutablePointer<Float>?, threading: LSTMThreading) {
    lstmSequenceRecurrenceBackward(g, rows: 0..<g.batch, weightHH: weightHH, keep: keep, dOutput: dOutput,
                                   outputStride: outputStride, dhFinal: dhFinal, dcFinal: dcFinal, saved: saved,
                                   dh: dh, dc: dc, zeros: zeros, threading: threading)
    lstmSequenceWeightGradients(g, xT: x, saved: saved, dWeightIH: dWeightIH, dWeightHH: dWeightHH,
                                dBiasIH: dBiasIH, dBiasHH: dBiasHH, threading: threading)
}

/// The backward recurrence of batch rows `rows`: per step their cell backward (gate gradients
/// in place in `saved.gates`) and the sgemm for their dh_{t-1}. Disjoint ranges may run
/// concurrently, as in `lstmSequenceRecurrence`.
func lstmSequenceRecurrenceBackward(_ g: LSTMSequenceGeometry, rows: Range<Int>, weightHH: UnsafePointer<Float>,
                                    keep: UnsafePointer<UInt8>?, dOutput: UnsafePointer<Float>?, outputStride: Int,
                                    dhFinal: UnsafePointer<Float>?, dcFinal: UnsafePointer<Float>?, saved: LSTMSequenceSaved,
                                    dh: UnsafeMutablePointer<Float>, dc: UnsafeMutablePointer<Float>, zeros: UnsafePointer<Float>,
                                    threading: LSTMThreading) {
    let (t, h) = (g.steps, g.hidden)
    let (lo, m) = (rows.lowerBound, rows.count)
    if m == 0 || t == 0 { return }
    if let dhFinal { (dh + lo * h).update(from: dhFinal + lo * h, count: m * h) } else { (dh + lo * h).update(repeating: 0, count: m * h) }
    if let dcFinal { (dc + lo * h).update(from: dcFinal + lo * h, count: m * h) } else { (dc + lo * h).update(repeating: 0, count: m * h) }
    for s in stride(from: t - 1, through: 0, by: -1) {
        let time = g.time(s)
        var padded = false
        for r in rows {
            let row = g.row(r, time)
            if let keep, keep[r * t + time] == 0 {
                (saved.gates + row * 4 * h).update(repeating: 0, count: 4 * h)
                padded = true
                continue
            }
            lstmCellBackwardRow8(dgates: saved.gates + row * 4 * h, dh: dh + r * h, dc: dc + r * h,
                                 dOut: dOutput.map { $0 + (r * t + time) * outputStride } ?? zeros,
                                 cPrev: saved.cPrev + row * h, tanhC: saved.tanhC + row * h, hidden: h)
        }
        if s == 0 { break }  // the initial state is a constant zero
        if padded {  // real rows get dh_{t-1} from the product alone; padded rows carry dh
            for r in rows where keep![r * t + time] != 0 { (dh + r * h).update(repeating: 0, count: h) }
        }
        product(threading, false, false, m, h, 4 * h, saved.gates + g.row(lo, time) * 4 * h, 4 * h, weightHH, h,
                padded ? 1 : 0, dh + lo * h, h)
    }
}

/// After the backward recurrence (all rows): dW_hh += dgates^T h_prev and dW_ih += dgates^T x as
/// single sgemms over all steps, and the bias gradients (column sums of dgates, 8 lanes at a time).
func lstmSequenceWeightGradients(_ g: LSTMSequenceGeometry, xT x: UnsafePointer<Float>, saved: LSTMSequenceSaved,
                                 dWeightIH: UnsafeMutablePointer<Float>?, dWeightHH: UnsafeMutablePointer<Float>?,
                                 dBiasIH: UnsafeMutablePointer<Float>?, dBiasHH: UnsafeMutablePointer<Float>?,
                                 threading: LSTMThreading) {
    let h = g.hidden
    if g.rows == 0 { return }
    let dg = UnsafePointer(saved.gates)
    if let dWeightHH { product(threading, true, false, 4 * h, h, g.rows, dg, 4 * h, saved.hPrev, h, 1, dWeightHH, h) }
    if let dWeightIH { product(threading, true, false, 4 * h, g.input, g.rows, dg, 4 * h, x, g.input, 1, dWeightIH, g.input) }
    if dBiasIH == nil && dBiasHH == nil { return }
    let width = 4 * h, vectorEnd = width & ~7
    let sums = UnsafeMutablePointer<Float>.allocate(capacity: width)
    defer { sums.deallocate() }
    sums.update(repeating: 0, count: width)
    for row in 0..<g.rows {
        let d = dg + row * width
        var j = 0
        while j < vectorEnd { store8(load8(sums, j) + load8(d, j), sums, j); j += 8 }
        while j < width { sums[j] += d[j]; j += 1 }
    }
    for bias in [dBiasIH, dBiasHH] { if let bias { for j in 0..<width { bias[j] += sums[j] } } }
}

/// One batch row of the fused cell backward. In: activations in `dgates`, dh (from the future),
/// dc; out: pre-activation gradients in `dgates`, dc_{t-1} in `dc`. dh is consumed (the caller
/// overwrites it with dgates * W_hh).
@inline(__always) func lstmCellBackwardRow(dgates a: UnsafeMutablePointer<Float>, dh: UnsafePointer<Float>,
                                           dc: UnsafeMutablePointer<Float>, dOut: UnsafePointer<Float>,
                                           cPrev: UnsafePointer<Float>, tanhC: UnsafePointer<Float>, hidden h: Int) {
    lstmCellBackwardRowTail(dgates: a, dh: dh, dc: dc, dOut: dOut, cPrev: cPrev, tanhC: tanhC, hidden: h, from: 0)
}

/// Columns from..<h of `lstmCellBackwardRow` (the scalar reference; the SIMD8 kernel's tail).
@inline(__always) func lstmCellBackwardRowTail(dgates a: UnsafeMutablePointer<Float>, dh: UnsafePointer<Float>,
                                               dc: UnsafeMutablePointer<Float>, dOut: UnsafePointer<Float>,
                                               cPrev: UnsafePointer<Float>, tanhC: UnsafePointer<Float>, hidden h: Int, from start: Int) {
    for j in start..<h {
        let i = a[j], f = a[h + j], gg = a[2 * h + j], o = a[3 * h + j], tc = tanhC[j]
        let dhv = dh[j] + dOut[j]
        let dct = dc[j] + dhv * o * (1 - tc * tc)
        a[j] = dct * gg * i * (1 - i)
        a[h + j] = dct * cPrev[j] * f * (1 - f)
        a[2 * h + j] = dct * i * (1 - gg * gg)
        a[3 * h + j] = dhv * tc * o * (1 - o)
        dc[j] = dct * f
    }
}

/// dxT (+)= dgates * W_ih over all steps ([T*B, 4H] x [4H, I]), time-major; `accumulate` false
/// overwrites dxT (the first direction).
func lstmSequenceInputGradient(_ g: LSTMSequenceGeometry, dgates: UnsafePointer<Float>, weightIH: UnsafePointer<Float>,
                               dxT: UnsafeMutablePointer<Float>, accumulate: Bool) {
    product(.shared, false, false, g.rows, g.input, 4 * g.hidden, dgates, 4 * g.hidden, weightIH, g.input, accumulate ? 1 : 0, dxT, g.input)
}
