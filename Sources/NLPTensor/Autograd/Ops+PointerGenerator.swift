extension Tensor {
    /// Mean negative log-likelihood of a pointer-generator decoder (See et al. 2017, "Get To The
    /// Point"): each target token's probability mixes generating it from the vocabulary with
    /// copying it from the source,
    ///
    ///     p(y) = g softmax(x)[y] + (1 - g) sum_{s: source_s = y} softmax(z over kept sources)_s,
    ///     g = sigmoid(u).
    ///
    /// Why one fused op: the mixture needs the vocabulary probability only at the target and the
    /// copy distribution only where the source holds the target, so the [N, V] final distribution
    /// that a composition of ops would build (and differentiate through a scatter) is never made.
    ///
    /// - `vocabularyLogits` x [B, T, V], `copyScores` z [B, T, S] (already scaled), `gateLogits`
    ///   u [B, T, 1] or [B, T].
    /// - `targets` [B, T] (`ignoreIndex` rows do not count), `sourceIds` [B, S], `sourceMask`
    ///   [B, S] (0 = padding, never copied).
    /// - `labelSmoothing` eps smooths the vocabulary distribution only:
    ///   loss = -(1 - eps) log p(y) - eps mean_j log softmax(x)_j.
    ///
    ///     let loss = try Tensor.pointerGeneratorLoss(vocabularyLogits: logits, copyScores: scores,
    ///                                                gateLogits: gate, targets: y, sourceIds: src.ids,
    ///                                                sourceMask: src.attentionMask)
    public static func pointerGeneratorLoss(vocabularyLogits: Tensor, copyScores: Tensor, gateLogits: Tensor, targets: IntTensor,
                                            sourceIds: IntTensor, sourceMask: IntTensor?, ignoreIndex: Int32 = -100,
                                            labelSmoothing: Float = 0) throws -> Tensor {
        let x = vocabularyLogits.contiguous(), z = copyScores.contiguous(), u = gateLogits.contiguous()
        try check(x.rank == 3 && z.rank == 3 && targets.shape == Array(x.shape.prefix(2)) && Array(z.shape.prefix(2)) == targets.shape
                  && u.count == targets.count && sourceIds.shape == [x.shape[0], z.shape[2]]
                  && (sourceMask == nil || sourceMask!.shape == sourceIds.shape),
                  "pointerGeneratorLoss", x.shape, z.shape)
        try require(labelSmoothing >= 0 && labelSmoothing <= 1, "pointerGeneratorLoss", "label smoothing \(labelSmoothing) outside [0, 1]")
        let shape = PointerGeneratorShape(batch: x.shape[0], steps: x.shape[1], sources: z.shape[2], vocabulary: x.shape[2])
        for t in targets.values where t != ignoreIndex && (t < 0 || Int(t) >= shape.vocabulary) {
            throw TensorError.invalidArgument(op: "pointerGeneratorLoss", reason: "target \(t) out of range for \(shape.vocabulary) classes")
        }
        let valid = targets.values.reduce(0) { $0 + ($1 == ignoreIndex ? 0 : 1) }
        if valid == 0 || shape.vocabulary == 0 { return try Tensor([0], shape: []) }
        let saved = PointerGeneratorSaved(rows: shape.rows, sources: shape.sources)
        let smoothing = Double(labelSmoothing)
        var losses = [Double](repeating: 0, count: shape.rows)
        targets.values.withUnsafeBufferPointer { y in
            sourceIds.values.withUnsafeBufferPointer { ids in
                withOptionalPointer(sourceMask?.values) { keep in
                    losses.withUnsafeMutableBufferPointer { loss in
                        let (py, pids, ploss) = (y.baseAddress!, ids.baseAddress!, loss.baseAddress!)
                        Parallel.forEach(shape.rows, costPerItem: shape.vocabulary) { range in
                            pointerGeneratorForward(x.pointer, z.pointer, u.pointer, targets: py, sourceIds: pids, keep: keep,
                                                    shape: shape, ignoreIndex: ignoreIndex, smoothing: smoothing,
                                                    saved: saved, loss: ploss, range: range)
                        }
                    }
                }
            }
        }
        let out = try Tensor([Float(losses.reduce(0, +) / Double(valid))], shape: [])
        if Autograd.shouldRecord(x, z, u) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                let scale = Double(gy.pointer[0]) / Double(valid)
                let dx = x.requiresGrad ? x.gradBuffer().pointer : nil
                let dz = z.requiresGrad ? z.gradBuffer().pointer : nil
                let du = u.requiresGrad ? u.gradBuffer().pointer : nil
                targets.values.withUnsafeBufferPointer { y in
                    sourceIds.values.withUnsafeBufferPointer { ids in
                        let (py, pids) = (y.baseAddress!, ids.baseAddress!)
                        Parallel.forEach(shape.rows, costPerItem: shape.vocabulary) { range in
                            pointerGeneratorBackward(dx: dx, dz: dz, du: du, x.pointer, targets: py, sourceIds: pids, shape: shape,
                                                     ignoreIndex: ignoreIndex, smoothing: smoothing, scale: scale, saved: saved, range: range)
                        }
                    }
                }
            }
        }
        return out
    }
}

/// Calls `body` with the base address of `values`, or nil when there are none.
private func withOptionalPointer<R>(_ values: [Int32]?, _ body: (UnsafePointer<Int32>?) -> R) -> R {
    guard let values else { return body(nil) }
    return values.withUnsafeBufferPointer { body($0.baseAddress) }
}
