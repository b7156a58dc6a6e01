/// Global-norm gradient clipping with PyTorch `clip_grad_norm_(parameters, max_norm)` semantics:
/// the L2 norm is taken over all gradients together; when it exceeds `maxNorm` every gradient is
/// scaled by maxNorm / (norm + 1e-6). Returns the norm before clipping (log it: spikes show
/// instability before the loss does).
///
/// Example: gradients (3, 4) and (12), maxNorm 1: norm = sqrt(9 + 16 + 144) = 13, scale
/// 1 / (13 + 1e-6), giving ~(0.2308, 0.3077) and (0.9231).
///
/// One deliberate difference: a non-finite norm (inf or NaN gradients) is returned without
/// touching the gradients (PyTorch would multiply them by 0 or NaN); the trainer should skip
/// that step.
@discardableResult
public func clipGradientNorm(_ parameters: [any OptimizableParameter], maxNorm: Float) -> Float {
    var sumOfSquares: Double = 0
    for p in parameters {
        guard let g = p.gradient else { continue }
        // Per-parameter partial sums in Float with 8 lanes (vectorises), accumulated in Double.
        var lanes = SIMD8<Float>()
        let n = p.count
        var i = 0
        while i + 8 <= n {
            let v = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
            lanes += v * v
            i += 8
        }
        var partial = Double(lanes.sum())
        while i < n { partial += Double(g[i]) * Double(g[i]); i += 1 }
        sumOfSquares += partial
    }
    let norm = Float(sumOfSquares.squareRoot())
    guard norm.isFinite else { return norm }
    let coefficient = maxNorm / (norm + 1e-6)
    if coefficient < 1 {
        for p in parameters {
            guard let g = p.gradient else { continue }
            for i in 0..<p.count { g[i] *= coefficient }
        }
    }
    return norm
}
