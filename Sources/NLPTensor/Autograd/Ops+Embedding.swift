extension Tensor {
    /// Rows of this [V, D] table for each id: ids of shape S give [S..., D]. Throws on an id outside 0..<V.
    public func embedding(_ ids: IntTensor) throws -> Tensor {
        let table = contiguous()
        try require(rank == 2, "embedding", "table must be [vocab, dim], got \(shape)")
        let v = shape[0], d = shape[1]
        for id in ids.values where id < 0 || Int(id) >= v {
            throw TensorError.invalidArgument(op: "embedding", reason: "id \(id) out of range for vocabulary of \(v)")
        }
        let out = Tensor.empty(ids.shape + [d])
        if ids.count == 0 { return out }
        ids.values.withUnsafeBufferPointer { embeddingForward(out.pointer, table.pointer, $0.baseAddress!, count: ids.count, dim: d) }
        if Autograd.shouldRecord(table) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                ids.values.withUnsafeBufferPointer { embeddingBackward(table.gradBuffer().pointer, gy.pointer, $0.baseAddress!, count: ids.count, dim: d) }
            }
        }
        return out
    }
}
