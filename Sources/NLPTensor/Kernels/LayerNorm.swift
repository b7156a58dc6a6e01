/// Layer norm over the last axis (llm.c `layernorm_forward/backward`), and the fused
/// residual-add + layer norm of a post-LN Transformer block.
///
/// Forward saves the per-row mean and 1/std so backward needs no second reduction of x:
///     xhat = (x - mean) * rstd;   y = xhat * weight + bias
///     dx   = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)),  dxhat = dy * weight

func layerNormForward(_ out: UnsafeMutablePointer<Float>, mean: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>,
                      _ x: UnsafePointer<Float>, weight: UnsafePointer<Float>?, bias: UnsafePointer<Float>?,
                      rows: Int, cols: Int, eps: Float) {
    Parallel.forEach(rows, costPerItem: cols * 4) { r in
        for i in r { layerNormRow(out + i * cols, &mean[i], &rstd[i], x + i * cols, weight, bias, cols, eps) }
    }
}

@inline(__always)
func layerNormRow(_ o: UnsafeMutablePointer<Float>, _ mean: inout Float, _ rstd: inout Float, _ x: UnsafePointer<Float>,
                  _ weight: UnsafePointer<Float>?, _ bias: UnsafePointer<Float>?, _ cols: Int, _ eps: Float) {
    var m: Float = 0
    for j in 0..<cols { m += x[j] }
    m /= Float(cols)
    var v: Float = 0
    for j in 0..<cols { let d = x[j] - m; v += d * d }
    v /= Float(cols)
    let s = 1 / (v + eps).squareRoot()
    if let weight, let bias { for j in 0..<cols { o[j] = (x[j] - m) * s * weight[j] + bias[j] } }
    else if let weight { for j in 0..<cols { o[j] = (x[j] - m) * s * weight[j] } }
    else { for j in 0..<cols { o[j] = (x[j] - m) * s } }
    mean = m
    rstd = s
}

/// dx += ..., dweight += sum(dy * xhat), dbias += sum(dy). Weight/bias gradients are reduced per
/// thread in a scratch row and added at the end, so threads never write the same float.
func layerNormBackward(dx: UnsafeMutablePointer<Float>?, dweight: UnsafeMutablePointer<Float>?, dbias: UnsafeMutablePointer<Float>?,
                       _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, weight: UnsafePointer<Float>?,
                       mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>, rows: Int, cols: Int) {
    let parts = min(Parallel.threads, max(1, rows * cols / Parallel.minimumElementsPerThread))
    let scratch = Tensor.zeros([parts, 2 * cols])
    let sp = scratch.pointer
    let chunk = (rows + parts - 1) / parts
    let ones = Tensor.ones([cols])
    let w = weight ?? UnsafePointer(ones.pointer)
    Parallel.forEachAlways(parts) { pr in
        for p in pr {
            let dw = sp + p * 2 * cols, db = dw + cols
            for i in (p * chunk)..<min(rows, (p + 1) * chunk) {
                let g = dy + i * cols, xi = x + i * cols, m = mean[i], s = rstd[i]
                var meanD: Float = 0, meanDX: Float = 0
                for j in 0..<cols {
                    let xhat = (xi[j] - m) * s
                    let d = g[j] * w[j]
                    meanD += d
                    meanDX += d * xhat
                    dw[j] += g[j] * xhat
                    db[j] += g[j]
                }
                meanD /= Float(cols); meanDX /= Float(cols)
                if let dx {
                    let d = dx + i * cols
                    for j in 0..<cols {
                        let xhat = (xi[j] - m) * s
                        d[j] += s * (g[j] * w[j] - meanD - xhat * meanDX)
                    }
                }
            }
        }
    }
    for p in 0..<parts {
        if let dweight { for j in 0..<cols { dweight[j] += sp[p * 2 * cols + j] } }
        if let dbias { for j in 0..<cols { dbias[j] += sp[p * 2 * cols + cols + j] } }
    }
}

/// Fused: sum = a + b; out = layerNorm(sum). One pass reads a and b and writes both (the
/// residual stream is needed by the next block's residual connection).
func residualLayerNormForward(_ out: UnsafeMutablePointer<Float>, sum: UnsafeMutablePointer<Float>,
                              mean: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>,
                              _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                              weight: UnsafePointer<Float>?, bias: UnsafePointer<Float>?, rows: Int, cols: Int, eps: Float) {
    Parallel.forEach(rows, costPerItem: cols * 4) { r in
        for i in r {
            let s = sum + i * cols, ai = a + i * cols, bi = b + i * cols
            for j in 0..<cols { s[j] = ai[j] + bi[j] }
            layerNormRow(out + i * cols, &mean[i], &rstd[i], s, weight, bias, cols, eps)
        }
    }
}
