extension Tensor {
    private func reduce(axis: Int?, mean: Bool, keepDims: Bool) throws -> Tensor {
        let x = contiguous()
        var outer = 1, n = count, inner = 1, outShape: [Int] = []
        if let axis {
            let a = axis < 0 ? axis + rank : axis
            try require(a >= 0 && a < rank, mean ? "mean" : "sum", "axis \(axis) out of range for shape \(shape)")
            outer = shape[..<a].reduce(1, *); n = shape[a]; inner = shape[(a + 1)...].reduce(1, *)
            outShape = shape
            if keepDims { outShape[a] = 1 } else { outShape.remove(at: a) }
        } else if keepDims {
            outShape = shape.map { _ in 1 }
        }
        let scale: Float = mean ? 1 / Float(max(n, 1)) : 1
        let out = Tensor.empty(outShape)
        reduceSumForward(out.pointer, x.pointer, outer: outer, n: n, inner: inner, scale: scale)
        if Autograd.shouldRecord(x) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                reduceSumBackward(x.gradBuffer().pointer, gy.pointer, outer: outer, n: n, inner: inner, scale: scale)
            }
        }
        return out
    }

    /// Sum of all elements (shape []), or along `axis` (removed unless keepDims).
    public func sum(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor { try reduce(axis: axis, mean: false, keepDims: keepDims) }
    /// Mean of all elements (shape []), or along `axis`.
    public func mean(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor { try reduce(axis: axis, mean: true, keepDims: keepDims) }
}
