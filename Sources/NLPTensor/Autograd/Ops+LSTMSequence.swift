import Dispatch

/// The parameters of one LSTM direction in PyTorch's layout (gate order i, f, g, o):
/// weightIH [4H, I], weightHH [4H, H], biasIH and biasHH [4H].
public struct LSTMDirectionWeights {
    public let weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor
    public let reverse: Bool
    public init(weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor, reverse: Bool) {
        (self.weightIH, self.weightHH, self.biasIH, self.biasHH, self.reverse) = (weightIH, weightHH, biasIH, biasHH, reverse)
    }
}

/// One LSTM layer (one or two directions) over a whole batch-first sequence as ONE autograd op:
/// x [B, T, I] -> output [B, T, D*H] (directions side by side, forward first, as PyTorch
/// concatenates them; zero at padding) and the final states h, c [B, H] per direction, from a
/// zero initial state. `keep` ([B*T], row b*T + t) marks real tokens of a right-padded batch;
/// nil means every position is real. See `lstmSequenceForward` for how padding is handled
/// (PyTorch's `pack_padded_sequence` semantics).
///
/// With two or more threads the recurrences run concurrently: the two directions one per core, or
/// a single direction's batch rows split in halves (rows never interact, so the halves need no
/// synchronisation between steps). The big products (input projections, weight gradients,
/// d_input) go through the GEMM thread policy between those concurrent phases.
///
///     let (out, h, c) = try lstmLayer(x, directions: [forward, backward], keep: nil)
///     out.shape   // [B, T, 2H]
public func lstmLayer(_ input: Tensor, directions: [LSTMDirectionWeights], keep: [Bool]?) throws
    -> (output: Tensor, h: [Tensor], c: [Tensor]) {
    let x = input.contiguous()
    try require(!directions.isEmpty && directions.count <= 2, "lstmLayer", "needs 1 or 2 directions, got \(directions.count)")
    try check(x.rank == 3, "lstmLayer", x.shape)
    let (b, t, inF) = (x.shape[0], x.shape[1], x.shape[2])
    let hs = directions[0].weightHH.shape[1]
    for d in directions {
        try check(d.weightIH.shape == [4 * hs, inF] && d.weightHH.shape == [4 * hs, hs]
                  && d.biasIH.shape == [4 * hs] && d.biasHH.shape == [4 * hs], "lstmLayer", x.shape, d.weightIH.shape, d.weightHH.shape)
        try require(!d.weightIH.isTransposed && !d.weightHH.isTransposed, "lstmLayer", "weights must not be transposed views")
    }
    if let keep { try require(keep.count == b * t, "lstmLayer", "keep has \(keep.count) entries for a \(b)x\(t) batch") }
    let mask: [UInt8]? = keep.flatMap { k in k.allSatisfy { $0 } ? nil : k.map { $0 ? 1 : 0 } }
    let width = directions.count * hs
    let output = Tensor.empty([b, t, width])
    let geometry = directions.map { LSTMSequenceGeometry(batch: b, steps: t, input: inF, hidden: hs, reverse: $0.reverse) }
    let hs2 = directions.map { _ in Tensor.empty([b, hs]) }, cs = directions.map { _ in Tensor.empty([b, hs]) }
    let gates = directions.map { _ in Tensor.empty([b, t, 4 * hs]) }
    let hPrev = directions.map { _ in Tensor.empty([b, t, hs]) }
    let cPrev = directions.map { _ in Tensor.empty([b, t, hs]) }
    let tanhC = directions.map { _ in Tensor.empty([b, t, hs]) }
    let saved = (0..<directions.count).map {
        LSTMSequenceSaved(gates: gates[$0].pointer, hPrev: hPrev[$0].pointer, cPrev: cPrev[$0].pointer, tanhC: tanhC[$0].pointer)
    }
    let biasSums = directions.map { d in (0..<4 * hs).map { d.biasIH.pointer[$0] + d.biasHH.pointer[$0] } }
    let tasks = recurrenceTasks(directions: directions.count, batch: b, steps: t)
    let concurrent = tasks.count > 1
    let threading: LSTMThreading = concurrent ? .single : .shared
    let xT = Tensor.empty([t, b, inF])
    lstmTimeMajor(x.pointer, into: xT.pointer, batch: b, steps: t, width: inF)
    let (px, pout) = (UnsafePointer(xT.pointer), output.pointer)

    withMask(mask) { keepPointer in
        for d in 0..<directions.count {
            lstmSequenceProjectInput(geometry[d], xT: px, weightIH: directions[d].weightIH.pointer, saved: saved[d], threading: .shared)
        }
        let recurrence = { (k: Int) in
            let (d, rows) = tasks[k]
            biasSums[d].withUnsafeBufferPointer { bias in
                lstmSequenceRecurrence(geometry[d], rows: rows, weightHH: directions[d].weightHH.pointer, bias: bias.baseAddress!,
                                       keep: keepPointer, output: pout + d * hs, outputStride: width,
                                       hFinal: hs2[d].pointer, cFinal: cs[d].pointer, saved: saved[d], threading: threading)
            }
        }
        runTasks(tasks.count, concurrent: concurrent, recurrence)
    }

    let parameters = directions.flatMap { [$0.weightIH, $0.weightHH, $0.biasIH, $0.biasHH] }
    if Autograd.shouldRecord([x] + parameters) {
        for o in [output] + hs2 + cs { o.requiresGrad = true }
        Autograd.tape.append {
            let dOutput = output.grad
            let dh = directions.map { _ in Tensor.empty([b, hs]) }, dc = directions.map { _ in Tensor.empty([b, hs]) }
            let zeros = Tensor.zeros([hs])
            withMask(mask) { keepPointer in
                let recurrence = { (k: Int) in
                    let (d, rows) = tasks[k]
                    lstmSequenceRecurrenceBackward(geometry[d], rows: rows, weightHH: directions[d].weightHH.pointer, keep: keepPointer,
                                                   dOutput: dOutput.map { UnsafePointer($0.pointer + d * hs) }, outputStride: width,
                                                   dhFinal: hs2[d].grad.map { UnsafePointer($0.pointer) },
                                                   dcFinal: cs[d].grad.map { UnsafePointer($0.pointer) }, saved: saved[d],
                                                   dh: dh[d].pointer, dc: dc[d].pointer, zeros: zeros.pointer, threading: threading)
                }
                runTasks(tasks.count, concurrent: concurrent, recurrence)
                for d in 0..<directions.count {
                    let w = directions[d]
                    lstmSequenceWeightGradients(geometry[d], xT: px, saved: saved[d],
                                                dWeightIH: w.weightIH.requiresGrad ? w.weightIH.gradBuffer().pointer : nil,
                                                dWeightHH: w.weightHH.requiresGrad ? w.weightHH.gradBuffer().pointer : nil,
                                                dBiasIH: w.biasIH.requiresGrad ? w.biasIH.gradBuffer().pointer : nil,
                                                dBiasHH: w.biasHH.requiresGrad ? w.biasHH.gradBuffer().pointer : nil, threading: .shared)
                }
            }
            if x.requiresGrad {
                let dxT = Tensor.empty([t, b, inF])
                for d in 0..<directions.count {
                    lstmSequenceInputGradient(geometry[d], dgates: gates[d].pointer, weightIH: directions[d].weightIH.pointer,
                                              dxT: dxT.pointer, accumulate: d > 0)
                }
                lstmAddBatchMajor(dxT.pointer, into: x.gradBuffer().pointer, batch: b, steps: t, width: inF)
            }
            withExtendedLifetime((gates, hPrev, cPrev, tanhC, xT)) {}
        }
    }
    return (output, hs2, cs)
}

@inline(__always) private func withMask(_ mask: [UInt8]?, _ body: (UnsafePointer<UInt8>?) -> Void) {
    if let mask { mask.withUnsafeBufferPointer { body($0.baseAddress!) } } else { body(nil) }
}

/// The recurrences one layer runs: per direction, its batch rows split into `Parallel.threads /
/// directions` contiguous ranges (at least one), so that two threads get two tasks whether the
/// layer has one direction or two.
///
///     recurrenceTasks(directions: 1, batch: 64, steps: 64)   // 2 threads: [(0, 0..<32), (0, 32..<64)]
func recurrenceTasks(directions: Int, batch: Int, steps: Int) -> [(direction: Int, rows: Range<Int>)] {
    let split = LSTMThreadPolicy.splitRows || directions > 1
    let parts = split && Parallel.threads >= 2 && batch * steps > 1 ? max(1, min(batch, Parallel.threads / directions)) : 1
    return (0..<directions).flatMap { d in
        (0..<parts).map { p in (direction: d, rows: (p * batch / parts)..<((p + 1) * batch / parts)) }
    }
}

/// Runs `body(k)` for each task: concurrently (one OpenBLAS thread each) or in turn.
private func runTasks(_ count: Int, concurrent: Bool, _ body: (Int) -> Void) {
    if concurrent {
        GEMM.setThreads(1)
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    } else {
        for k in 0..<count { body(k) }
    }
}
