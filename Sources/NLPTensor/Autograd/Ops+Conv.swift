extension Tensor {
    /// 1-D convolution over time: self [B, T, Cin], weight [Cout, K, Cin], bias [Cout] -> [B, Tout, Cout].
    public func conv1d(weight: Tensor, bias: Tensor?, padding: Int = 0) throws -> Tensor {
        let x = contiguous()
        try check(rank == 3 && weight.rank == 3 && weight.shape[2] == shape[2], "conv1d", shape, weight.shape)
        let (b, t, cin) = (shape[0], shape[1], shape[2]), (cout, k) = (weight.shape[0], weight.shape[1])
        try require(padding >= 0 && t + 2 * padding >= k, "conv1d", "sequence of \(t) (padding \(padding)) shorter than kernel \(k)")
        if let bias { try check(bias.shape == [cout], "conv1d bias", weight.shape, bias.shape) }
        let tOut = t + 2 * padding - k + 1
        let cols = Tensor.empty([b * tOut, k * cin])
        im2col(cols.pointer, x.pointer, batch: b, time: t, channels: cin, kernel: k, pad: padding)
        let out = Tensor.empty([b, tOut, cout])
        linearForward(out.pointer, cols.pointer, weight.pointer, bias?.pointer, rows: b * tOut, inFeatures: k * cin, outFeatures: cout)
        if Autograd.shouldRecord(x, weight, bias) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                var dcols: Tensor? = nil
                if x.requiresGrad { dcols = Tensor.zeros(cols.shape) }
                linearBackward(dx: dcols?.pointer, dw: weight.requiresGrad ? weight.gradBuffer().pointer : nil,
                               dbias: bias?.requiresGrad == true ? bias!.gradBuffer().pointer : nil,
                               gy.pointer, cols.pointer, weight.pointer, rows: b * tOut, inFeatures: k * cin, outFeatures: cout)
                if let dcols { col2imAccumulate(x.gradBuffer().pointer, dcols.pointer, batch: b, time: t, channels: cin, kernel: k, pad: padding) }
            }
        }
        return out
    }

    /// Max over the time axis: [B, T, C] -> [B, C] (the text CNN's pooling).
    public func maxOverTime() throws -> Tensor {
        let x = contiguous()
        try require(rank == 3 && shape[1] > 0, "maxOverTime", "needs [batch, time > 0, channels], got \(shape)")
        let (b, t, c) = (shape[0], shape[1], shape[2])
        let out = Tensor.empty([b, c])
        var argmax = [Int32](repeating: 0, count: b * c)
        argmax.withUnsafeMutableBufferPointer { maxPoolTimeForward(out.pointer, argmax: $0.baseAddress!, x.pointer, batch: b, time: t, channels: c) }
        if Autograd.shouldRecord(x) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                argmax.withUnsafeBufferPointer { maxPoolTimeBackward(x.gradBuffer().pointer, gy.pointer, argmax: $0.baseAddress!, batch: b, time: t, channels: c) }
            }
        }
        return out
    }
}
