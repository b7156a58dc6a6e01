import Foundation

/// Fused log-softmax + cross-entropy over logits [N, C] with PyTorch semantics:
///
///     loss_i = (1 - eps) * (-logp[i, y_i]) + eps * mean_c(-logp[i, c])
///     loss   = sum over rows with y_i != ignoreIndex of loss_i, divided by that row count
///
/// Forward keeps only logsumexp per row; backward rebuilds softmax from it in one pass:
///     dlogits[i, c] = (p[i, c] - q[i, c]) * dloss / valid,  q = (1 - eps) onehot(y_i) + eps / C
/// Example: logits [[0, 0]], target [1], eps 0 -> loss log 2 = 0.6931, dlogits [[0.5, -0.5]].

/// Returns (sum of row losses, number of counted rows); writes logsumexp per row.
func crossEntropyForward(lse: UnsafeMutablePointer<Float>, _ logits: UnsafePointer<Float>, _ targets: UnsafePointer<Int32>,
                         rows: Int, cols: Int, ignoreIndex: Int32, smoothing: Float) -> (Double, Int) {
    let parts = Parallel.threads
    var partial = [(Double, Int)](repeating: (0, 0), count: parts)
    let chunk = (rows + parts - 1) / parts
    partial.withUnsafeMutableBufferPointer { acc in
        Parallel.forEach(parts, costPerItem: chunk * cols * 8) { pr in
            for p in pr {
                var total = 0.0, valid = 0
                for i in (p * chunk)..<min(rows, (p + 1) * chunk) {
                    let x = logits + i * cols
                    var maxv = -Float.infinity
                    for j in 0..<cols { maxv = max(maxv, x[j]) }
                    var s: Float = 0, sumx: Float = 0
                    for j in 0..<cols { s += exp(x[j] - maxv); sumx += x[j] }
                    let l = maxv + log(s)
                    lse[i] = l
                    let y = targets[i]
                    if y == ignoreIndex { continue }
                    let nll = l - x[Int(y)]
                    let smooth = l - sumx / Float(cols)
                    total += Double((1 - smoothing) * nll + smoothing * smooth)
                    valid += 1
                }
                acc[p] = (total, valid)
            }
        }
    }
    return partial.reduce((0.0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
}

/// dlogits += (softmax - q) * scale for counted rows; scale = dloss / valid.
func crossEntropyBackward(_ dlogits: UnsafeMutablePointer<Float>, _ logits: UnsafePointer<Float>, lse: UnsafePointer<Float>,
                          _ targets: UnsafePointer<Int32>, rows: Int, cols: Int, ignoreIndex: Int32, smoothing: Float, scale: Float) {
    let uniform = smoothing / Float(cols)
    Parallel.forEach(rows, costPerItem: cols * 8) { r in
        for i in r {
            let y = targets[i]
            if y == ignoreIndex { continue }
            let x = logits + i * cols, d = dlogits + i * cols, l = lse[i]
            for j in 0..<cols { d[j] += (exp(x[j] - l) - uniform) * scale }
            d[Int(y)] -= (1 - smoothing) * scale
        }
    }
}
