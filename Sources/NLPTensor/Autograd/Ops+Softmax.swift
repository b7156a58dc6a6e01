extension Tensor {
    /// softmax(scale * self) over the last axis. `mask` (Int32, 0 = excluded) has the shape of a
    /// trailing block of self's shape that includes the last axis, e.g. [T, T] for a causal mask
    /// on [B, H, T, T], and repeats over the leading axes.
    public func softmax(scale: Float = 1, mask: IntTensor? = nil) throws -> Tensor {
        let x = contiguous()
        let cols = shape.last ?? 1, rows = count / max(cols, 1)
        var maskRows = 1
        if let mask {
            try check(mask.shape.count <= rank && Array(shape.suffix(mask.shape.count)) == mask.shape && mask.shape.count >= 1,
                      "softmax mask", shape, mask.shape)
            maskRows = mask.count / cols
        }
        let out = Tensor.empty(shape)
        if let mask {
            mask.values.withUnsafeBufferPointer { softmaxForward(out.pointer, x.pointer, rows: rows, cols: cols, scale: scale, keep: $0.baseAddress!, maskRows: maskRows) }
        } else {
            softmaxForward(out.pointer, x.pointer, rows: rows, cols: cols, scale: scale)
        }
        if Autograd.shouldRecord(x) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                softmaxBackward(x.gradBuffer().pointer, gy.pointer, out.pointer, rows: rows, cols: cols, scale: scale)
            }
        }
        return out
    }

    /// log(softmax(self)) over the last axis, computed stably.
    public func logSoftmax() -> Tensor {
        let x = contiguous()
        let cols = shape.last ?? 1, rows = count / max(cols, 1)
        let out = Tensor.empty(shape)
        logSoftmaxForward(out.pointer, x.pointer, rows: rows, cols: cols)
        if Autograd.shouldRecord(x) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                logSoftmaxBackward(x.gradBuffer().pointer, gy.pointer, out.pointer, rows: rows, cols: cols)
            }
        }
        return out
    }
}
