/// Views (no copy): reshape, transpose of the last two axes, rows along the first axis.
/// Their gradients alias the viewed tensor's gradient, so they record nothing on the tape.
extension Tensor {
    var root: Tensor { viewBase ?? self }

    func view(shape: [Int], offset extra: Int = 0, transposed: Bool = false) -> Tensor {
        Tensor(storage: storage, offset: offset + extra, shape: shape, transposed: transposed,
               viewBase: root, requiresGrad: requiresGrad)
    }

    /// Same elements, new shape; one dimension may be -1 (inferred). A transposed view is
    /// materialised first (that copy is recorded).
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        var s = newShape
        let known = s.filter { $0 != -1 }.reduce(1, *)
        let wild = s.filter { $0 == -1 }.count
        try require(wild <= 1 && s.allSatisfy { $0 >= -1 }, "reshape", "bad target shape \(newShape)")
        if wild == 1 {
            try require(known > 0 && count % known == 0, "reshape", "cannot infer -1 in \(newShape) from shape \(shape)")
            s[s.firstIndex(of: -1)!] = count / known
        }
        try check(s.reduce(1, *) == count, "reshape", shape, newShape)
        return (isTransposed ? contiguous() : self).view(shape: s)
    }

    /// Swaps the last two axes without copying.
    public func transposed() throws -> Tensor {
        try require(rank >= 2, "transposed", "needs rank >= 2, got shape \(shape)")
        var s = shape
        s.swapAt(rank - 1, rank - 2)
        return view(shape: s, transposed: !isTransposed)
    }

    /// Rows `range` along the first axis, without copying.
    public func rows(_ range: Range<Int>) throws -> Tensor {
        try require(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0], "rows",
                    "range \(range) out of bounds for shape \(shape)")
        let base = isTransposed ? contiguous() : self
        var s = shape
        s[0] = range.count
        let inner = count / max(shape[0], 1)
        return base.view(shape: s, offset: range.lowerBound * inner)
    }

    /// A contiguous tensor with the logical layout: self when already contiguous, else a copy
    /// (recorded; its backward transposes the gradient back).
    public func contiguous() -> Tensor {
        if !isTransposed { return self }
        let out = materialized()
        if Autograd.shouldRecord(self) {
            Autograd.record(out) { [self] in
                guard let gy = out.grad else { return }
                // self is transposed: its stored matrices are [rows, cols] with logical = stored^T.
                let g = gradBuffer()
                let (rows, cols) = storedMatrix
                let batch = count / max(rows * cols, 1)
                for b in 0..<batch {
                    transposeAccumulate(gy.pointer + b * rows * cols, rows: cols, cols: rows, into: g.pointer + b * rows * cols)
                }
            }
        }
        return out
    }

    /// A copy that does not require gradients and is not recorded.
    public func detached() -> Tensor { materialized() }
}
