/// Products: `matmul` (with transposed views passed to sgemm as flags), `linear` (PyTorch's
/// weight layout with a fused bias), and batched `bmm`.
extension Tensor {
    /// a[..., M, K] x b[K, N] -> [..., M, N] (leading axes of a fold into M), or
    /// a[B..., M, K] x b[B..., K, N] with equal leading axes (one sgemm per batch entry).
    /// Either operand may be a transposed view.
    public func matmul(_ other: Tensor) throws -> Tensor {
        let a = self, b = other
        try check(a.rank >= 2 && b.rank >= 2 && a.shape[a.rank - 1] == b.shape[b.rank - 2], "matmul", a.shape, b.shape)
        let k = a.shape[a.rank - 1], n = b.shape[b.rank - 1]
        if b.rank == 2 && (!a.isTransposed || a.rank == 2) {
            let m = a.count / max(k, 1)
            let out = Tensor.empty(Array(a.shape.dropLast()) + [n])
            matmulForward(out.pointer, a.pointer, a.isTransposed, b.pointer, b.isTransposed, m: m, n: n, k: k)
            if Autograd.shouldRecord(a, b) {
                Autograd.record(out) {
                    guard let gy = out.grad else { return }
                    matmulBackward(dA: a.requiresGrad ? a.gradBuffer().pointer : nil, dB: b.requiresGrad ? b.gradBuffer().pointer : nil,
                                   dC: gy.pointer, a.pointer, a.isTransposed, b.pointer, b.isTransposed, m: m, n: n, k: k)
                }
            }
            return out
        }
        try check(a.rank == b.rank && a.shape.dropLast(2) == b.shape.dropLast(2), "matmul", a.shape, b.shape)
        return try bmm(b)
    }

    /// Batched product a[B..., M, K] x b[B..., K, N] with identical leading axes; each product is
    /// small, so they run single-threaded in our own parallel loop (see GEMM.batched).
    public func bmm(_ other: Tensor) throws -> Tensor {
        let a = self, b = other
        try check(a.rank >= 3 && a.rank == b.rank && a.shape.dropLast(2) == b.shape.dropLast(2)
                  && a.shape[a.rank - 1] == b.shape[b.rank - 2], "bmm", a.shape, b.shape)
        let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1], n = b.shape[b.rank - 1]
        let batch = a.count / max(m * k, 1)
        let out = Tensor.empty(Array(a.shape.dropLast()) + [n])
        let (pa, pb, pc, ta, tb) = (a.pointer, b.pointer, out.pointer, a.isTransposed, b.isTransposed)
        GEMM.batched(batch, flopsEach: 2 * m * n * k) { i in
            GEMM.raw(ta, tb, m, n, k, 1, pa + i * m * k, ta ? m : k, pb + i * k * n, tb ? k : n, 0, pc + i * m * n, n)
        }
        if Autograd.shouldRecord(a, b) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                let da = a.requiresGrad ? a.gradBuffer().pointer : nil
                let db = b.requiresGrad ? b.gradBuffer().pointer : nil
                let g = gy.pointer
                GEMM.batched(batch, flopsEach: 4 * m * n * k) { i in
                    let lda = ta ? m : k, ldb = tb ? k : n
                    let sa = pa + i * m * k, sb = pb + i * k * n, dc = g + i * m * n
                    if let da {
                        let d = da + i * m * k
                        if !ta { GEMM.raw(false, !tb, m, k, n, 1, dc, n, sb, ldb, 1, d, k) }
                        else { GEMM.raw(tb, true, k, m, n, 1, sb, ldb, dc, n, 1, d, m) }
                    }
                    if let db {
                        let d = db + i * k * n
                        if !tb { GEMM.raw(!ta, false, k, n, m, 1, sa, lda, dc, n, 1, d, n) }
                        else { GEMM.raw(true, ta, n, k, m, 1, dc, n, sa, lda, 1, d, k) }
                    }
                }
            }
        }
        return out
    }

    /// x[..., I] * weight[O, I]^T + bias[O] -> [..., O]  (PyTorch `nn.Linear` layout).
    public func linear(_ weight: Tensor, _ bias: Tensor? = nil) throws -> Tensor {
        let x = self.contiguous()
        try check(weight.rank == 2 && !weight.isTransposed && x.rank >= 1 && x.shape[x.rank - 1] == weight.shape[1],
                  "linear", x.shape, weight.shape)
        if let bias { try check(bias.shape == [weight.shape[0]], "linear bias", weight.shape, bias.shape) }
        let inF = weight.shape[1], outF = weight.shape[0], rows = x.count / max(inF, 1)
        let out = Tensor.empty(Array(x.shape.dropLast()) + [outF])
        let recording = Autograd.shouldRecord(x, weight, bias)
        if !recording && rows <= FewRowsLinear.maxRows {  // inference on a few rows: see FewRowsLinear
            FewRowsLinear.forward(out.pointer, x.pointer, weight.pointer, bias?.pointer, rows: rows, inFeatures: inF, outFeatures: outF)
        } else {
            linearForward(out.pointer, x.pointer, weight.pointer, bias?.pointer, rows: rows, inFeatures: inF, outFeatures: outF)
        }
        if recording {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                linearBackward(dx: x.requiresGrad ? x.gradBuffer().pointer : nil,
                               dw: weight.requiresGrad ? weight.gradBuffer().pointer : nil,
                               dbias: bias?.requiresGrad == true ? bias!.gradBuffer().pointer : nil,
                               gy.pointer, x.pointer, weight.pointer, rows: rows, inFeatures: inF, outFeatures: outF)
            }
        }
        return out
    }
}
