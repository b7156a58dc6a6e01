/// Concatenates tensors along `axis`; all other axes must agree.
public func concat(_ tensors: [Tensor], axis: Int) throws -> Tensor {
    guard let first = tensors.first else { throw TensorError.invalidArgument(op: "concat", reason: "no tensors") }
    let a = axis < 0 ? axis + first.rank : axis
    try require(a >= 0 && a < first.rank, "concat", "axis \(axis) out of range for shape \(first.shape)")
    let parts = tensors.map { $0.contiguous() }
    for t in parts {
        var s1 = t.shape, s0 = first.shape
        if s1.count == s0.count { s1[a] = 0; s0[a] = 0 }
        if s1 != s0 { throw TensorError.shapeMismatch(op: "concat", shapes: tensors.map(\.shape)) }
    }
    let lengths = parts.map { $0.shape[a] }
    let outer = first.shape[..<a].reduce(1, *), inner = first.shape[(a + 1)...].reduce(1, *)
    var outShape = first.shape
    outShape[a] = lengths.reduce(0, +)
    let out = Tensor.empty(outShape)
    concatForward(out.pointer, parts: parts.map { UnsafePointer($0.pointer) }, lengths: lengths, outer: outer, inner: inner)
    if Autograd.shouldRecord(parts) {
        Autograd.record(out) {
            guard let gy = out.grad else { return }
            splitAccumulate(gy.pointer, parts: parts.map { $0.requiresGrad ? $0.gradBuffer().pointer : nil },
                            lengths: lengths, outer: outer, inner: inner)
        }
    }
    return out
}

extension Tensor {
    /// Splits along `axis` into pieces of the given sizes (which must sum to that axis' length).
    public func split(_ sizes: [Int], axis: Int) throws -> [Tensor] {
        let x = contiguous()
        let a = axis < 0 ? axis + rank : axis
        try require(a >= 0 && a < rank, "split", "axis \(axis) out of range for shape \(shape)")
        try require(sizes.reduce(0, +) == shape[a] && sizes.allSatisfy { $0 >= 0 }, "split", "sizes \(sizes) do not add up to \(shape[a]) along axis \(axis)")
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        let outs: [Tensor] = sizes.map { n in var s = shape; s[a] = n; return Tensor.zeros(s) }
        splitAccumulate(x.pointer, parts: outs.map { $0.pointer }, lengths: sizes, outer: outer, inner: inner)
        if Autograd.shouldRecord(x) {
            for o in outs { o.requiresGrad = true }
            Autograd.tape.append {
                let grads = outs.map { $0.grad }
                if grads.allSatisfy({ $0 == nil }) { return }
                // Missing piece gradients count as zero.
                let full = grads.enumerated().map { $0.element ?? Tensor.zeros(outs[$0.offset].shape) }
                let joined = Tensor.empty(x.shape)
                concatForward(joined.pointer, parts: full.map { UnsafePointer($0.pointer) }, lengths: sizes, outer: outer, inner: inner)
                let d = x.gradBuffer().pointer, g = joined.pointer
                for i in 0..<x.count { d[i] += g[i] }
            }
        }
        return outs
    }
}
