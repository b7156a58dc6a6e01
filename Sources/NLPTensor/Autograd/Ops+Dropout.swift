extension Tensor {
    /// Inverted dropout: zeroes each element with probability p and scales the rest by 1/(1-p).
    /// Identity when p == 0 or `training` is false. `seed` defaults to the next value of the
    /// dropout seed stream (`DropoutSeeds`).
    public func dropout(_ p: Float, training: Bool = true, seed: UInt64? = nil) throws -> Tensor {
        try require(p >= 0 && p < 1, "dropout", "probability \(p) outside [0, 1)")
        if p == 0 || !training { return self }
        let x = contiguous()
        let s = seed ?? DropoutSeeds.next()
        let out = Tensor.empty(shape)
        dropoutApply(out.pointer, x.pointer, count: count, p: p, seed: s, accumulate: false)
        if Autograd.shouldRecord(x) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                dropoutApply(x.gradBuffer().pointer, gy.pointer, count: x.count, p: p, seed: s, accumulate: true)
            }
        }
        return out
    }

    /// Where `mask` is non-zero the result is `value`, elsewhere self. The mask has the shape of
    /// a trailing block of self's shape and repeats over leading axes ([T] over [B, T], ...).
    public func maskedFill(_ mask: IntTensor, _ value: Float) throws -> Tensor {
        let x = contiguous()
        try check(mask.shape.count <= rank && Array(shape.suffix(mask.shape.count)) == mask.shape && mask.count > 0,
                  "maskedFill", shape, mask.shape)
        let out = Tensor.empty(shape)
        let m = mask.count, n = count
        let (po, px) = (out.pointer, x.pointer)
        mask.values.withUnsafeBufferPointer { mp in
            let mk = mp.baseAddress!
            Parallel.forEach(n) { r in for i in r { po[i] = mk[i % m] != 0 ? value : px[i] } }
        }
        if Autograd.shouldRecord(x) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                let (d, g) = (x.gradBuffer().pointer, gy.pointer)
                mask.values.withUnsafeBufferPointer { mp in
                    let mk = mp.baseAddress!
                    Parallel.forEach(n) { r in for i in r where mk[i % m] == 0 { d[i] += g[i] } }
                }
            }
        }
        return out
    }
}
