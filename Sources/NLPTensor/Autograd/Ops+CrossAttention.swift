extension Tensor {
    /// Multi-head scaled dot-product attention with separate query [B, Tq, C], key [B, Tk, C] and
    /// value [B, Tk, C] (C = heads * headDim, head h in columns h*d ..< (h+1)*d) -> [B, Tq, C],
    /// heads concatenated. This is `F.scaled_dot_product_attention` on the [B, H, T, d] views.
    ///
    /// keyMask [B, Tk]: 0 marks padding keys. causal: query i sees keys j <= i + (Tk - Tq), so with
    /// a key/value cache the Tq new queries are the last positions (Tq == 1 sees every key).
    ///
    ///     // decoder cross-attention: 5 summary positions attend to 12 document tokens
    ///     let q = try decoderHidden.linear(wq)                // [2, 5, 64]
    ///     let k = try encoderOut.linear(wk), v = try encoderOut.linear(wv)   // [2, 12, 64]
    ///     let o = try Tensor.attention(query: q, key: k, value: v, heads: 4, keyMask: sourceMask)  // [2, 5, 64]
    public static func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int,
                                 keyMask: IntTensor? = nil, causal: Bool = false) throws -> Tensor {
        let q = query.contiguous(), k = key.contiguous(), v = value.contiguous()
        try require(q.rank == 3 && k.rank == 3 && heads > 0 && q.shape[2] % heads == 0, "attention",
                    "needs query [batch, time, heads * headDim] with \(heads) heads, got \(q.shape)")
        try require(k.shape == v.shape && k.shape[0] == q.shape[0] && k.shape[2] == q.shape[2], "attention",
                    "key \(k.shape) and value \(v.shape) must be [\(q.shape[0]), keys, \(q.shape[2])]")
        let (b, tq, tk) = (q.shape[0], q.shape[1], k.shape[1])
        if let keyMask { try check(keyMask.shape == [b, tk], "attention keyMask", [b, tk], keyMask.shape) }
        let s = CrossAttentionShape(batch: b, queries: tq, keys: tk, heads: heads, headDim: q.shape[2] / heads)
        let out = Tensor.empty([b, tq, s.channels])
        let probs = Tensor.empty([b, heads, tq, tk])
        let maskValues = keyMask?.values ?? []
        maskValues.withUnsafeBufferPointer { m in
            crossAttentionForward(out.pointer, probs: probs.pointer, q.pointer, k.pointer, v.pointer, s, causal: causal,
                                  keyMask: keyMask == nil ? nil : m.baseAddress)
        }
        if Autograd.shouldRecord(q, k, v) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                let scratch = Tensor.empty([Parallel.threads, tq, tk])
                crossAttentionBackward(dq: q.requiresGrad ? q.gradBuffer().pointer : nil, dk: k.requiresGrad ? k.gradBuffer().pointer : nil,
                                       dv: v.requiresGrad ? v.gradBuffer().pointer : nil, gy.pointer, probs: probs.pointer,
                                       scratch: scratch.pointer, q.pointer, k.pointer, v.pointer, s)
            }
        }
        return out
    }
}
