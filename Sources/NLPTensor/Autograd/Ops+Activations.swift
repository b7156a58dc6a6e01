extension Tensor {
    /// f(self) element-wise.
    public func activation(_ a: Activation) -> Tensor {
        let x = contiguous()
        let out = Tensor.empty(shape)
        activationForward(a, out.pointer, x.pointer, bias: nil, rows: 1, cols: count)
        if Autograd.shouldRecord(x) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                activationBackward(a, dx: x.gradBuffer().pointer, dbias: nil, gy.pointer, x.pointer, bias: nil, rows: 1, cols: x.count)
            }
        }
        return out
    }

    public func relu() -> Tensor { activation(.relu) }
    public func tanh() -> Tensor { activation(.tanh) }
    public func sigmoid() -> Tensor { activation(.sigmoid) }
    /// GELU, exact (erf) by default as in BERT; `approximate: true` is the tanh form of GPT-2.
    public func gelu(approximate: Bool = false) -> Tensor { activation(approximate ? .geluTanh : .geluExact) }

    /// Fused f(self + bias): one pass instead of two after a bias-free `linear` (the FFN's
    /// bias+GELU). bias has the shape of the last axis.
    public func biasActivation(_ bias: Tensor, _ a: Activation) throws -> Tensor {
        let x = contiguous()
        try check(rank >= 1 && bias.shape == [shape[rank - 1]], "biasActivation", shape, bias.shape)
        let cols = shape[rank - 1], rows = count / max(cols, 1)
        let out = Tensor.empty(shape)
        activationForward(a, out.pointer, x.pointer, bias: bias.pointer, rows: rows, cols: cols)
        if Autograd.shouldRecord(x, bias) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                activationBackward(a, dx: x.requiresGrad ? x.gradBuffer().pointer : nil,
                                   dbias: bias.requiresGrad ? bias.gradBuffer().pointer : nil,
                                   gy.pointer, x.pointer, bias: bias.pointer, rows: rows, cols: cols)
            }
        }
        return out
    }
}
