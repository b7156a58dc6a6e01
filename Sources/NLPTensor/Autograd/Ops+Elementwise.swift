/// Broadcasting arithmetic and scaling.
extension Tensor {
    func binary(_ op: BinaryOp, _ other: Tensor, name: String) throws -> Tensor {
        let a = contiguous(), b = other.contiguous()
        let plan = try BroadcastPlan(a.shape, b.shape, op: name)
        let out = Tensor.empty(plan.outShape)
        binaryForward(op, out.pointer, a.pointer, b.pointer, plan)
        if Autograd.shouldRecord(a, b) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                binaryBackward(op, da: a.requiresGrad ? a.gradBuffer().pointer : nil, db: b.requiresGrad ? b.gradBuffer().pointer : nil,
                               gy.pointer, a.pointer, b.pointer, plan)
            }
        }
        return out
    }

    /// Element-wise sum with broadcasting (`[N, C] + [C]`, `[B, T, C] + [T, C]`, ...).
    public func adding(_ other: Tensor) throws -> Tensor { try binary(.add, other, name: "add") }
    public func subtracting(_ other: Tensor) throws -> Tensor { try binary(.sub, other, name: "sub") }
    public func multiplying(_ other: Tensor) throws -> Tensor { try binary(.mul, other, name: "mul") }
    public func dividing(_ other: Tensor) throws -> Tensor { try binary(.div, other, name: "div") }

    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try a.adding(b) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try a.subtracting(b) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try a.multiplying(b) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try a.dividing(b) }

    /// x * s + shift.
    public func scaled(_ s: Float, shift: Float = 0) -> Tensor {
        let x = contiguous()
        let out = Tensor.empty(shape)
        let (px, po, n) = (x.pointer, out.pointer, count)
        Parallel.forEach(n) { r in for i in r { po[i] = px[i] * s + shift } }
        if Autograd.shouldRecord(x) {
            Autograd.record(out) {
                guard let gy = out.grad else { return }
                let (dx, g) = (x.gradBuffer().pointer, gy.pointer)
                Parallel.forEach(n) { r in for i in r { dx[i] += s * g[i] } }
            }
        }
        return out
    }

    public static func * (a: Tensor, s: Float) -> Tensor { a.scaled(s) }
    public static prefix func - (a: Tensor) -> Tensor { a.scaled(-1) }
}
