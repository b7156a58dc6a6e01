extension Tensor {
    /// Fused multi-head self-attention on a packed projection: self is qkv [B, T, 3C] (q | k | v
    /// along the last axis, each C = heads * d wide, head h at columns h*d ..< (h+1)*d).
    /// Returns [B, T, C] (heads concatenated), ready for the output projection.
    /// keyMask [B, T]: 0 marks padding keys. causal: position i attends to j <= i.
    /// dropout: on the attention probabilities, when training (seed: default from `DropoutSeeds`).
    public func selfAttention(heads: Int, causal: Bool = false, keyMask: IntTensor? = nil,
                              dropout p: Float = 0, training: Bool = true, seed: UInt64? = nil) throws -> Tensor {
        let x = contiguous()
        try require(rank == 3 && heads > 0 && shape[2] % (3 * heads) == 0, "selfAttention",
                    "needs qkv [batch, time, 3 * heads * headDim] with \(heads) heads, got \(shape)")
        let (b, t) = (shape[0], shape[1])
        let s = AttentionShape(batch: b, time: t, heads: heads, headDim: shape[2] / (3 * heads))
        if let keyMask { try check(keyMask.shape == [b, t], "selfAttention keyMask", [b, t], keyMask.shape) }
        try require(p >= 0 && p < 1, "selfAttention", "dropout \(p) outside [0, 1)")
        let pEff: Float = training ? p : 0
        let seed = pEff > 0 ? (seed ?? DropoutSeeds.next()) : 0
        let out = Tensor.empty([b, t, s.channels])
        let probs = Tensor.empty([b, heads, t, t])
        let dropped: Tensor? = pEff > 0 ? Tensor.empty([b, heads, t, t]) : nil
        let maskValues = keyMask?.values ?? []
        maskValues.withUnsafeBufferPointer { m in
            attentionForward(out.pointer, probs: probs.pointer, dropped: dropped?.pointer, x.pointer, s, causal: causal,
                             keyMask: keyMask == nil ? nil : m.baseAddress, dropout: pEff, seed: seed)
        }
        if Autograd.shouldRecord(x) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                let scratch = Tensor.empty([Parallel.threads, t, t])
                attentionBackward(x.gradBuffer().pointer, gy.pointer, probs: probs.pointer, dropped: dropped.map { UnsafePointer($0.pointer) },
                                  scratch: scratch.pointer, x.pointer, s, dropout: pEff)
            }
        }
        return out
    }
}
