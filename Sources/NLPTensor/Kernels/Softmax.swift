import Foundation

/// Row-wise softmax and log-softmax over the last axis, with an optional scale and key mask
/// (the attention form: softmax(scale * x) with masked positions excluded).
///
/// A fully masked row yields all zeros (PyTorch yields NaN there), so padding rows stay finite.

/// out = softmax(scale * x) over `cols`, positions with keep[j] == 0 excluded (probability 0).
@inline(__always)
func softmaxRow(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, cols: Int, scale: Float,
                keep: UnsafePointer<Int32>?, validCount: Int? = nil) {
    let n = validCount ?? cols
    var maxv = -Float.infinity
    for j in 0..<n where keep == nil || keep![j] != 0 { maxv = max(maxv, x[j] * scale) }
    if maxv == -Float.infinity {
        out.update(repeating: 0, count: cols)
        return
    }
    var sum: Float = 0
    if let keep {
        for j in 0..<n {
            let e: Float = keep[j] != 0 ? fastExp(x[j] * scale - maxv) : 0
            out[j] = e
            sum += e
        }
    } else {
        for j in 0..<n { let e = fastExp(x[j] * scale - maxv); out[j] = e; sum += e }
    }
    let inv = 1 / sum
    for j in 0..<n { out[j] *= inv }
    for j in n..<cols { out[j] = 0 }
}

/// dx += scale * y * (dy - sum(dy * y)) for one row.
@inline(__always)
func softmaxRowBackward(_ dx: UnsafeMutablePointer<Float>, _ dy: UnsafePointer<Float>, _ y: UnsafePointer<Float>, cols: Int, scale: Float) {
    var dot: Float = 0
    for j in 0..<cols { dot += dy[j] * y[j] }
    for j in 0..<cols { dx[j] += scale * y[j] * (dy[j] - dot) }
}

/// Softmax over rows; `keep` (when given) is a [maskRows, cols] mask repeated every maskRows rows.
func softmaxForward(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, rows: Int, cols: Int,
                    scale: Float = 1, keep: UnsafePointer<Int32>? = nil, maskRows: Int = 1) {
    Parallel.forEach(rows, costPerItem: cols * 8) { r in
        for i in r {
            softmaxRow(out + i * cols, x + i * cols, cols: cols, scale: scale, keep: keep.map { $0 + (i % maskRows) * cols })
        }
    }
}

func softmaxBackward(_ dx: UnsafeMutablePointer<Float>, _ dy: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                     rows: Int, cols: Int, scale: Float = 1) {
    Parallel.forEach(rows, costPerItem: cols * 4) { r in
        for i in r { softmaxRowBackward(dx + i * cols, dy + i * cols, y + i * cols, cols: cols, scale: scale) }
    }
}

/// out = x - logsumexp(x) per row.
func logSoftmaxForward(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, rows: Int, cols: Int) {
    Parallel.forEach(rows, costPerItem: cols * 8) { r in
        for i in r {
            let xi = x + i * cols, o = out + i * cols
            var maxv = -Float.infinity
            for j in 0..<cols { maxv = max(maxv, xi[j]) }
            var sum: Float = 0
            for j in 0..<cols { sum += exp(xi[j] - maxv) }
            let lse = maxv + log(sum)
            for j in 0..<cols { o[j] = xi[j] - lse }
        }
    }
}

/// dx += dy - softmax(x) * sum(dy), with softmax(x) = exp(y).
func logSoftmaxBackward(_ dx: UnsafeMutablePointer<Float>, _ dy: UnsafePointer<Float>, _ y: UnsafePointer<Float>, rows: Int, cols: Int) {
    Parallel.forEach(rows, costPerItem: cols * 8) { r in
        for i in r {
            let g = dy + i * cols, yi = y + i * cols, d = dx + i * cols
            var sum: Float = 0
            for j in 0..<cols { sum += g[j] }
            for j in 0..<cols { d[j] += g[j] - exp(yi[j]) * sum }
        }
    }
}
