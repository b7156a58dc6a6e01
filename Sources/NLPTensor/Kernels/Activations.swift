import Foundation

/// Point-wise activations, forward and backward (backward accumulates: dx += f'(x) * dy).
public enum Activation: Sendable {
    case relu, tanh, sigmoid
    /// 0.5 x (1 + erf(x / sqrt 2)), PyTorch `gelu(approximate="none")`, BERT.
    case geluExact
    /// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), PyTorch `gelu(approximate="tanh")`, GPT-2.
    case geluTanh
}

private let invSqrt2: Float = 0.70710678118654752
private let invSqrt2Pi: Float = 0.39894228040143267
private let sqrt2OverPi: Float = 0.79788456080286536

@inline(__always) func activate(_ a: Activation, _ x: Float) -> Float {
    switch a {
    case .relu: return x > 0 ? x : 0
    case .tanh: return Foundation.tanh(x)
    case .sigmoid: return 1 / (1 + exp(-x))
    case .geluExact: return 0.5 * x * (1 + erf(x * invSqrt2))
    case .geluTanh: return 0.5 * x * (1 + Foundation.tanh(sqrt2OverPi * (x + 0.044715 * x * x * x)))
    }
}

/// f'(x).
@inline(__always) func activateDerivative(_ a: Activation, _ x: Float) -> Float {
    switch a {
    case .relu: return x > 0 ? 1 : 0
    case .tanh: let t = Foundation.tanh(x); return 1 - t * t
    case .sigmoid: let s = 1 / (1 + exp(-x)); return s * (1 - s)
    case .geluExact: return 0.5 * (1 + erf(x * invSqrt2)) + x * invSqrt2Pi * exp(-0.5 * x * x)
    case .geluTanh:
        let u = sqrt2OverPi * (x + 0.044715 * x * x * x)
        let t = Foundation.tanh(u)
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * sqrt2OverPi * (1 + 3 * 0.044715 * x * x)
    }
}

/// out = f(x + bias) where bias ([C], may be nil) repeats over rows of length C.
func activationForward(_ a: Activation, _ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>,
                       bias: UnsafePointer<Float>?, rows: Int, cols: Int) {
    Parallel.forEach(rows, costPerItem: cols * 4) { r in
        for i in r {
            let o = out + i * cols, xi = x + i * cols
            if let bias { for j in 0..<cols { o[j] = activate(a, xi[j] + bias[j]) } }
            else { for j in 0..<cols { o[j] = activate(a, xi[j]) } }
        }
    }
}

/// dx += f'(x + bias) * dy; dbias += column sums of the same (fused bias backward).
func activationBackward(_ a: Activation, dx: UnsafeMutablePointer<Float>?, dbias: UnsafeMutablePointer<Float>?,
                        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, bias: UnsafePointer<Float>?, rows: Int, cols: Int) {
    if let dbias {
        // Serial over rows (dbias is shared), but each row is one tight loop.
        let parts = Parallel.threads
        let scratch = Tensor.zeros([parts, cols])
        let sp = scratch.pointer
        let chunk = (rows + parts - 1) / parts
        Parallel.forEach(parts, costPerItem: (rows / parts) * cols * 4) { pr in
            for p in pr {
                let acc = sp + p * cols
                for i in (p * chunk)..<min(rows, (p + 1) * chunk) {
                    let g = dy + i * cols, xi = x + i * cols
                    for j in 0..<cols {
                        let d = activateDerivative(a, xi[j] + (bias?[j] ?? 0)) * g[j]
                        dx?[i * cols + j] += d
                        acc[j] += d
                    }
                }
            }
        }
        for p in 0..<parts { for j in 0..<cols { dbias[j] += sp[p * cols + j] } }
        return
    }
    guard let dx else { return }
    Parallel.forEach(rows, costPerItem: cols * 4) { r in
        for i in r {
            let g = dy + i * cols, xi = x + i * cols, d = dx + i * cols
            if let bias { for j in 0..<cols { d[j] += activateDerivative(a, xi[j] + bias[j]) * g[j] } }
            else { for j in 0..<cols { d[j] += activateDerivative(a, xi[j]) * g[j] } }
        }
    }
}
