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
    case .sigmoid: return 1 / (1 + fastExp(-x))
    case .geluExact: return 0.5 * x * (1 + fastErf(x * invSqrt2, expMinusSquare: fastExp(-0.5 * x * x)))
    case .geluTanh: return 0.5 * x * (1 + Foundation.tanh(sqrt2OverPi * (x + 0.044715 * x * x * x)))
    }
}

/// f'(x).
@inline(__always) func activateDerivative(_ a: Activation, _ x: Float) -> Float {
    switch a {
    case .relu: return x > 0 ? 1 : 0
    case .tanh: let t = Foundation.tanh(x); return 1 - t * t
    case .sigmoid: let s = 1 / (1 + fastExp(-x)); return s * (1 - s)
    case .geluExact:
        let e = fastExp(-0.5 * x * x)  // serves both erf(x / sqrt 2) and the Gaussian density
        return 0.5 * (1 + fastErf(x * invSqrt2, expMinusSquare: e)) + x * invSqrt2Pi * e
    case .geluTanh:
        let u = sqrt2OverPi * (x + 0.044715 * x * x * x)
        let t = Foundation.tanh(u)
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * sqrt2OverPi * (1 + 3 * 0.044715 * x * x)
    }
}

/// erf(z) by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7, float32 rounding level), given
/// exp(-z^2) — which GELU's derivative needs anyway, so GELU costs one exp instead of erf + exp.
@inline(__always) func fastErf(_ z: Float, expMinusSquare e: Float) -> Float {
    let a = abs(z)
    let t = 1 / (1 + 0.3275911 * a)
    let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    let r = 1 - poly * e
    return z < 0 ? -r : r
}

/// Each activation as a type, so the loops below are specialised per activation at compile
/// time: no branch and no call in the inner loop, which then vectorises.
protocol PointwiseFunction { static func f(_ x: Float) -> Float; static func df(_ x: Float) -> Float }
enum ReLUFunction: PointwiseFunction {
    @inline(__always) static func f(_ x: Float) -> Float { activate(.relu, x) }
    @inline(__always) static func df(_ x: Float) -> Float { activateDerivative(.relu, x) }
}
enum TanhFunction: PointwiseFunction {
    @inline(__always) static func f(_ x: Float) -> Float { activate(.tanh, x) }
    @inline(__always) static func df(_ x: Float) -> Float { activateDerivative(.tanh, x) }
}
enum SigmoidFunction: PointwiseFunction {
    @inline(__always) static func f(_ x: Float) -> Float { activate(.sigmoid, x) }
    @inline(__always) static func df(_ x: Float) -> Float { activateDerivative(.sigmoid, x) }
}
enum GELUExactFunction: PointwiseFunction {
    @inline(__always) static func f(_ x: Float) -> Float { activate(.geluExact, x) }
    @inline(__always) static func df(_ x: Float) -> Float { activateDerivative(.geluExact, x) }
}
enum GELUTanhFunction: PointwiseFunction {
    @inline(__always) static func f(_ x: Float) -> Float { activate(.geluTanh, x) }
    @inline(__always) static func df(_ x: Float) -> Float { activateDerivative(.geluTanh, x) }
}

/// out = f(x + bias) where bias ([C], may be nil) repeats over rows of length C.
func activationForward(_ a: Activation, _ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>,
                       bias: UnsafePointer<Float>?, rows: Int, cols: Int) {
    switch a {
    case .relu: forwardLoop(ReLUFunction.self, out, x, bias, rows, cols)
    case .tanh: forwardLoop(TanhFunction.self, out, x, bias, rows, cols)
    case .sigmoid: forwardLoop(SigmoidFunction.self, out, x, bias, rows, cols)
    case .geluExact: forwardLoop(GELUExactFunction.self, out, x, bias, rows, cols)
    case .geluTanh: forwardLoop(GELUTanhFunction.self, out, x, bias, rows, cols)
    }
}

/// dx += f'(x + bias) * dy; dbias += column sums of the same (fused bias backward).
func activationBackward(_ a: Activation, dx: UnsafeMutablePointer<Float>?, dbias: UnsafeMutablePointer<Float>?,
                        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, bias: UnsafePointer<Float>?, rows: Int, cols: Int) {
    switch a {
    case .relu: backwardLoop(ReLUFunction.self, dx, dbias, dy, x, bias, rows, cols)
    case .tanh: backwardLoop(TanhFunction.self, dx, dbias, dy, x, bias, rows, cols)
    case .sigmoid: backwardLoop(SigmoidFunction.self, dx, dbias, dy, x, bias, rows, cols)
    case .geluExact: backwardLoop(GELUExactFunction.self, dx, dbias, dy, x, bias, rows, cols)
    case .geluTanh: backwardLoop(GELUTanhFunction.self, dx, dbias, dy, x, bias, rows, cols)
    }
}

private func forwardLoop<F: PointwiseFunction>(_: F.Type, _ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>,
                                               _ bias: UnsafePointer<Float>?, _ rows: Int, _ cols: Int) {
    Parallel.forEach(rows, costPerItem: cols * 4) { r in
        for i in r {
            let o = out + i * cols, xi = x + i * cols
            if let bias { for j in 0..<cols { o[j] = F.f(xi[j] + bias[j]) } }
            else { for j in 0..<cols { o[j] = F.f(xi[j]) } }
        }
    }
}

private func backwardLoop<F: PointwiseFunction>(_: F.Type, _ dx: UnsafeMutablePointer<Float>?, _ dbias: UnsafeMutablePointer<Float>?,
                                                _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ bias: UnsafePointer<Float>?,
                                                _ rows: Int, _ cols: Int) {
    // dbias is shared: each thread sums its rows into its own scratch row, added at the end.
    let parts = min(Parallel.threads, max(1, rows * cols * 4 / Parallel.minimumElementsPerThread))
    let scratch = Tensor.zeros([parts, cols])
    let sp = scratch.pointer
    let chunk = (rows + parts - 1) / parts
    let zeros = Tensor.zeros([cols])
    let b = bias ?? UnsafePointer(zeros.pointer)
    Parallel.forParts(parts) { p, _ in
        let acc = sp + p * cols
        for i in (p * chunk)..<min(rows, (p + 1) * chunk) {
            let g = dy + i * cols, xi = x + i * cols
            if let dx {
                let d = dx + i * cols
                for j in 0..<cols { let v = F.df(xi[j] + b[j]) * g[j]; d[j] += v; acc[j] += v }
            } else {
                for j in 0..<cols { acc[j] += F.df(xi[j] + b[j]) * g[j] }
            }
        }
    }
    if let dbias { for p in 0..<parts { for j in 0..<cols { dbias[j] += sp[p * cols + j] } } }
}
