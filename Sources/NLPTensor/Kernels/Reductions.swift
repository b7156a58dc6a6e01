/// Sum over the middle axis of a tensor viewed as [outer, n, inner]:
///     out[o, i] = sum_k x[o, k, i]          backward: dx[o, k, i] += dout[o, i] * scale
/// "Sum of everything" is outer = inner = 1; mean passes scale = 1/n.
/// Accumulates in Double so sums of millions of floats stay accurate.
func reduceSumForward(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, outer: Int, n: Int, inner: Int, scale: Float) {
    if inner == 1 {
        Parallel.forEach(outer, costPerItem: n) { r in
            for o in r {
                var s = 0.0
                let xo = x + o * n
                for k in 0..<n { s += Double(xo[k]) }
                out[o] = Float(s) * scale
            }
        }
        return
    }
    let acc = UnsafeMutablePointer<Double>.allocate(capacity: inner)
    defer { acc.deallocate() }
    for o in 0..<outer {
        acc.update(repeating: 0, count: inner)
        for k in 0..<n {
            let row = x + (o * n + k) * inner
            for i in 0..<inner { acc[i] += Double(row[i]) }
        }
        for i in 0..<inner { out[o * inner + i] = Float(acc[i]) * scale }
    }
}

func reduceSumBackward(_ dx: UnsafeMutablePointer<Float>, _ dout: UnsafePointer<Float>, outer: Int, n: Int, inner: Int, scale: Float) {
    Parallel.forEach(outer * n, costPerItem: inner) { r in
        for row in r {
            let o = row / n
            let d = dx + row * inner, g = dout + o * inner
            for i in 0..<inner { d[i] += g[i] * scale }
        }
    }
}
