/// Element-wise binary ops with NumPy/PyTorch broadcasting.
///
/// Shapes are aligned from the right; a dimension of 1 (or a missing one) repeats. Two layouts
/// get tight loops because they are nearly all of a model's traffic: equal shapes, and one
/// operand equal to a suffix of the other (a bias [C] added to [N, C]). Anything else goes
/// through a general strided walk.
public enum BinaryOp: Sendable { case add, sub, mul, div }

struct BroadcastPlan {
    let outShape: [Int]
    /// Strides into a and b for each output axis (0 where that operand repeats).
    let aStrides: [Int], bStrides: [Int]
    let aCount: Int, bCount: Int

    init(_ a: [Int], _ b: [Int], op: String) throws {
        let r = max(a.count, b.count)
        let pa = Array(repeating: 1, count: r - a.count) + a
        let pb = Array(repeating: 1, count: r - b.count) + b
        var out = [Int](repeating: 1, count: r)
        for i in 0..<r {
            guard pa[i] == pb[i] || pa[i] == 1 || pb[i] == 1 else { throw TensorError.shapeMismatch(op: op, shapes: [a, b]) }
            out[i] = pa[i] == 1 ? pb[i] : pa[i]
        }
        func strides(_ s: [Int]) -> [Int] {
            var st = [Int](repeating: 0, count: r), acc = 1
            for i in stride(from: r - 1, through: 0, by: -1) { st[i] = s[i] == 1 ? 0 : acc; acc *= s[i] }
            return st
        }
        outShape = out; aStrides = strides(pa); bStrides = strides(pb)
        aCount = a.reduce(1, *); bCount = b.reduce(1, *)
    }

    /// Visits the output in order, calling `body(outIndex, aIndex, bIndex, runLength, aStep, bStep)` for
    /// each run along the last axis.
    func walk(_ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        let r = outShape.count
        let n = outShape.reduce(1, *)
        if n == 0 { return }
        if r == 0 { body(0, 0, 0, 1, 0, 0); return }
        let inner = outShape[r - 1]
        var idx = [Int](repeating: 0, count: r)
        var o = 0, ai = 0, bi = 0
        while o < n {
            body(o, ai, bi, inner, aStrides[r - 1], bStrides[r - 1])
            o += inner
            var d = r - 2
            while d >= 0 {
                idx[d] += 1; ai += aStrides[d]; bi += bStrides[d]
                if idx[d] < outShape[d] { break }
                ai -= aStrides[d] * outShape[d]; bi -= bStrides[d] * outShape[d]; idx[d] = 0
                d -= 1
            }
        }
    }
}

@inline(__always) func apply(_ op: BinaryOp, _ x: Float, _ y: Float) -> Float {
    switch op { case .add: return x + y; case .sub: return x - y; case .mul: return x * y; case .div: return x / y }
}

/// out = a (op) b with broadcasting.
func binaryForward(_ op: BinaryOp, _ out: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ plan: BroadcastPlan) {
    let n = plan.outShape.reduce(1, *)
    if plan.aCount == n && plan.bCount == n {
        Parallel.forEach(n) { r in
            switch op {
            case .add: for i in r { out[i] = a[i] + b[i] }
            case .sub: for i in r { out[i] = a[i] - b[i] }
            case .mul: for i in r { out[i] = a[i] * b[i] }
            case .div: for i in r { out[i] = a[i] / b[i] }
            }
        }
        return
    }
    if plan.aCount == n && plan.bCount > 0 && isSuffix(plan) {  // [N, C] (op) [C]
        let c = plan.bCount
        Parallel.forEach(n / c, costPerItem: c) { rows in
            for row in rows {
                let o = out + row * c, x = a + row * c
                switch op {
                case .add: for j in 0..<c { o[j] = x[j] + b[j] }
                case .sub: for j in 0..<c { o[j] = x[j] - b[j] }
                case .mul: for j in 0..<c { o[j] = x[j] * b[j] }
                case .div: for j in 0..<c { o[j] = x[j] / b[j] }
                }
            }
        }
        return
    }
    plan.walk { o, ai, bi, len, sa, sb in
        for j in 0..<len { out[o + j] = apply(op, a[ai + j * sa], b[bi + j * sb]) }
    }
}

/// da += d(out)/da * dout, db += d(out)/db * dout, each reduced over the axes it was broadcast along.
func binaryBackward(_ op: BinaryOp, da: UnsafeMutablePointer<Float>?, db: UnsafeMutablePointer<Float>?,
                    _ dout: UnsafePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ plan: BroadcastPlan) {
    let n = plan.outShape.reduce(1, *)
    if plan.aCount == n && plan.bCount == n {
        Parallel.forEach(n) { r in
            switch op {
            case .add:
                if let da { for i in r { da[i] += dout[i] } }
                if let db { for i in r { db[i] += dout[i] } }
            case .sub:
                if let da { for i in r { da[i] += dout[i] } }
                if let db { for i in r { db[i] -= dout[i] } }
            case .mul:
                if let da { for i in r { da[i] += dout[i] * b[i] } }
                if let db { for i in r { db[i] += dout[i] * a[i] } }
            case .div:
                if let da { for i in r { da[i] += dout[i] / b[i] } }
                if let db { for i in r { db[i] -= dout[i] * a[i] / (b[i] * b[i]) } }
            }
        }
        return
    }
    plan.walk { o, ai, bi, len, sa, sb in
        for j in 0..<len {
            let g = dout[o + j], x = a[ai + j * sa], y = b[bi + j * sb]
            switch op {
            case .add: da?[ai + j * sa] += g; db?[bi + j * sb] += g
            case .sub: da?[ai + j * sa] += g; db?[bi + j * sb] -= g
            case .mul: da?[ai + j * sa] += g * y; db?[bi + j * sb] += g * x
            case .div: da?[ai + j * sa] += g / y; db?[bi + j * sb] -= g * x / (y * y)
            }
        }
    }
}

/// True when b's index is simply (output index mod b's count): b is a trailing block of the
/// output shape repeated over the leading axes (a bias [C] on [N, C], a row [T, C] on [B, T, C]).
private func isSuffix(_ plan: BroadcastPlan) -> Bool {
    let out = plan.outShape, st = plan.bStrides
    var product = 1, k = out.count
    while k > 0 && product < plan.bCount { k -= 1; product *= out[k] }
    guard product == plan.bCount else { return false }
    var expected = 1
    for i in stride(from: out.count - 1, through: k, by: -1) {
        if out[i] != 1 && st[i] != expected { return false }
        expected *= out[i]
    }
    for i in 0..<k where st[i] != 0 && out[i] != 1 { return false }
    return true
}
