extension Tensor {
    /// Layer norm over the last axis with optional affine weight and bias ([C] each).
    /// BERT uses eps 1e-12, PyTorch's default is 1e-5.
    public func layerNorm(weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) throws -> Tensor {
        try layerNormCore(self.contiguous(), residual: nil, weight: weight, bias: bias, eps: eps).out
    }

    /// Fused post-LN residual: returns layerNorm(self + residual). Backward sends the gradient to
    /// both summands in the same pass.
    public func addLayerNorm(_ residual: Tensor, weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) throws -> Tensor {
        try check(shape == residual.shape, "addLayerNorm", shape, residual.shape)
        return try layerNormCore(self.contiguous(), residual: residual.contiguous(), weight: weight, bias: bias, eps: eps).out
    }

    private func layerNormCore(_ x: Tensor, residual: Tensor?, weight: Tensor?, bias: Tensor?, eps: Float) throws -> (out: Tensor, sum: Tensor) {
        let cols = x.shape.last ?? 1, rows = x.count / max(cols, 1)
        if let weight { try check(weight.shape == [cols], "layerNorm weight", x.shape, weight.shape) }
        if let bias { try check(bias.shape == [cols], "layerNorm bias", x.shape, bias.shape) }
        let out = Tensor.empty(x.shape)
        let stats = Tensor.empty([2, rows])
        let mean = stats.pointer, rstd = stats.pointer + rows
        let input: Tensor
        if let residual {
            input = Tensor.empty(x.shape)
            residualLayerNormForward(out.pointer, sum: input.pointer, mean: mean, rstd: rstd, x.pointer, residual.pointer,
                                     weight: weight?.pointer, bias: bias?.pointer, rows: rows, cols: cols, eps: eps)
        } else {
            input = x
            layerNormForward(out.pointer, mean: mean, rstd: rstd, x.pointer, weight: weight?.pointer, bias: bias?.pointer,
                             rows: rows, cols: cols, eps: eps)
        }
        if Autograd.shouldRecord(x, residual, weight, bias) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                let needX = x.requiresGrad || residual?.requiresGrad == true
                // For the fused form dx is the gradient of the sum; it goes to both summands.
                var dsum: Tensor? = nil
                if needX { dsum = residual == nil ? x.gradBuffer() : Tensor.zeros(x.shape) }
                layerNormBackward(dx: dsum?.pointer, dweight: weight?.requiresGrad == true ? weight!.gradBuffer().pointer : nil,
                                  dbias: bias?.requiresGrad == true ? bias!.gradBuffer().pointer : nil,
                                  gy.pointer, input.pointer, weight: weight?.pointer,
                                  mean: stats.pointer, rstd: stats.pointer + rows, rows: rows, cols: cols)
                if let residual, let dsum {
                    let n = x.count, d = dsum.pointer
                    if x.requiresGrad { let g = x.gradBuffer().pointer; Parallel.forEach(n) { r in for i in r { g[i] += d[i] } } }
                    if residual.requiresGrad { let g = residual.gradBuffer().pointer; Parallel.forEach(n) { r in for i in r { g[i] += d[i] } } }
                }
            }
        }
        return (out, input)
    }
}
