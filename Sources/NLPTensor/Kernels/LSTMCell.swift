import Foundation

/// The point-wise half of an LSTM cell (the two products x*W_ih^T + h*W_hh^T are sgemms).
/// Gates come in PyTorch's order i, f, g, o, each H wide, in one [B, 4H] pre-activation row:
///     i = sigmoid(a_i)  f = sigmoid(a_f)  g = tanh(a_g)  o = sigmoid(a_o)
///     c' = f * c + i * g           h' = o * tanh(c')
/// Forward saves the activated gates and tanh(c') for backward.
func lstmPointwiseForward(h: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>, acts: UnsafeMutablePointer<Float>,
                          tanhC: UnsafeMutablePointer<Float>, _ gates: UnsafePointer<Float>, _ cPrev: UnsafePointer<Float>, batch: Int, hidden: Int) {
    let hs = hidden
    for b in 0..<batch {
        let g = gates + b * 4 * hs, a = acts + b * 4 * hs
        for j in 0..<hs {
            let i = 1 / (1 + exp(-g[j])), f = 1 / (1 + exp(-g[hs + j]))
            let gg = Foundation.tanh(g[2 * hs + j]), o = 1 / (1 + exp(-g[3 * hs + j]))
            a[j] = i; a[hs + j] = f; a[2 * hs + j] = gg; a[3 * hs + j] = o
            let cn = f * cPrev[b * hs + j] + i * gg
            let tc = Foundation.tanh(cn)
            c[b * hs + j] = cn; tanhC[b * hs + j] = tc; h[b * hs + j] = o * tc
        }
    }
}

/// dgates = d(pre-activations); dcPrev += dc' * f. dh and dc may be nil (no gradient arrived).
func lstmPointwiseBackward(dgates: UnsafeMutablePointer<Float>, dcPrev: UnsafeMutablePointer<Float>?,
                           dh: UnsafePointer<Float>?, dc: UnsafePointer<Float>?, acts: UnsafePointer<Float>,
                           tanhC: UnsafePointer<Float>, _ cPrev: UnsafePointer<Float>, batch: Int, hidden: Int) {
    let hs = hidden
    for b in 0..<batch {
        let a = acts + b * 4 * hs, d = dgates + b * 4 * hs
        for j in 0..<hs {
            let k = b * hs + j
            let i = a[j], f = a[hs + j], g = a[2 * hs + j], o = a[3 * hs + j], tc = tanhC[k]
            let dhv = dh?[k] ?? 0
            let dct = (dc?[k] ?? 0) + dhv * o * (1 - tc * tc)
            d[j] += dct * g * i * (1 - i)
            d[hs + j] += dct * cPrev[k] * f * (1 - f)
            d[2 * hs + j] += dct * i * (1 - g * g)
            d[3 * hs + j] += dhv * tc * o * (1 - o)
            dcPrev?[k] += dct * f
        }
    }
}
