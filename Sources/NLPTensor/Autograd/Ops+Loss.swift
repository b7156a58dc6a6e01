extension Tensor {
    /// Mean cross-entropy of logits [N, C] (or [..., C]) against class ids (shape = leading axes),
    /// skipping targets equal to `ignoreIndex`, with optional label smoothing (PyTorch semantics).
    /// When every target is ignored the loss is 0 (PyTorch gives NaN).
    public func crossEntropy(_ targets: IntTensor, ignoreIndex: Int32 = -100, labelSmoothing: Float = 0) throws -> Tensor {
        let x = contiguous()
        let cols = shape.last ?? 0, rows = count / max(cols, 1)
        try check(rank >= 1 && targets.shape == Array(shape.dropLast()), "crossEntropy", shape, targets.shape)
        try require(labelSmoothing >= 0 && labelSmoothing <= 1, "crossEntropy", "label smoothing \(labelSmoothing) outside [0, 1]")
        for t in targets.values where t != ignoreIndex && (t < 0 || Int(t) >= cols) {
            throw TensorError.invalidArgument(op: "crossEntropy", reason: "target \(t) out of range for \(cols) classes")
        }
        if rows == 0 || cols == 0 { return try Tensor([0], shape: []) }
        let lse = Tensor.empty([rows])
        let (total, valid) = targets.values.withUnsafeBufferPointer {
            crossEntropyForward(lse: lse.pointer, x.pointer, $0.baseAddress!, rows: rows, cols: cols, ignoreIndex: ignoreIndex, smoothing: labelSmoothing)
        }
        let out = try Tensor([valid == 0 ? 0 : Float(total / Double(valid))], shape: [])
        if Autograd.shouldRecord(x) && valid > 0 {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                let scale = gy.pointer[0] / Float(valid)
                targets.values.withUnsafeBufferPointer {
                    crossEntropyBackward(x.gradBuffer().pointer, x.pointer, lse: lse.pointer, $0.baseAddress!, rows: rows, cols: cols,
                                         ignoreIndex: ignoreIndex, smoothing: labelSmoothing, scale: scale)
                }
            }
        }
        return out
    }
}
