/// LSTM cell pieces. Models typically compute x * W_ih^T for all time steps in one `linear`
/// and then, per step, gates = xProj[t] + h.linear(W_hh, b_hh) followed by `lstmPointwise`.
public func lstmPointwise(gates: Tensor, cell c: Tensor) throws -> (h: Tensor, c: Tensor) {
    let g = gates.contiguous(), cp = c.contiguous()
    try check(g.rank == 2 && cp.rank == 2 && g.shape[0] == cp.shape[0] && g.shape[1] == 4 * cp.shape[1], "lstmPointwise", g.shape, cp.shape)
    let (b, hs) = (cp.shape[0], cp.shape[1])
    let h = Tensor.empty([b, hs]), cn = Tensor.empty([b, hs]), acts = Tensor.empty([b, 4 * hs]), tanhC = Tensor.empty([b, hs])
    lstmPointwiseForward(h: h.pointer, c: cn.pointer, acts: acts.pointer, tanhC: tanhC.pointer, g.pointer, cp.pointer, batch: b, hidden: hs)
    if Autograd.shouldRecord(g, cp) {
        Autograd.record(h, cn) {
            let dh = h.grad, dc = cn.grad
            if dh == nil && dc == nil { return }
            let dg = g.requiresGrad ? g.gradBuffer() : Tensor.zeros(g.shape)
            lstmPointwiseBackward(dgates: dg.pointer, dcPrev: cp.requiresGrad ? cp.gradBuffer().pointer : nil,
                                  dh: dh?.pointer, dc: dc?.pointer, acts: acts.pointer, tanhC: tanhC.pointer, cp.pointer, batch: b, hidden: hs)
        }
    }
    return (h, cn)
}

/// One full LSTM step (PyTorch `nn.LSTMCell`): x [B, I], h and c [B, H], weightIH [4H, I],
/// weightHH [4H, H], biases [4H]. Returns (h', c').
public func lstmCell(_ x: Tensor, h: Tensor, c: Tensor, weightIH: Tensor, weightHH: Tensor,
                     biasIH: Tensor?, biasHH: Tensor?) throws -> (h: Tensor, c: Tensor) {
    let gates = try x.linear(weightIH, biasIH).adding(h.linear(weightHH, biasHH))
    return try lstmPointwise(gates: gates, cell: c)
}
