import Testing
@testable import NLPTensor

/// The one gradient checker every op goes through (tinygrad style).
///
/// loss = sum_k sum(out_k * R_k) with fixed weights R_k, so every output element matters with a
/// different weight. The analytic gradient (our backward) is compared with central finite
/// differences of the same loss, evaluated in float32 under `noGrad` but summed in Double:
///     dL/dx_i ~ (L(x_i + h) - L(x_i - h)) / 2h,  h = 1e-2 * max(1, |x_i|)... clamped small
/// and accepted when |analytic - numeric| <= atol + rtol * |numeric|.
func checkGradients(_ args: OpArguments, atol: Double = 3e-3, rtol: Double = 3e-2, step: Float = 2e-3,
                    sourceLocation: SourceLocation = #_sourceLocation,
                    _ op: (OpArguments) throws -> [Tensor]) throws {
    for t in args.floats.values { t.requiresGrad = true; t.clearGrad() }
    let outs = try op(args)
    let weights = outs.enumerated().map { Tensor.uniform($0.element.shape, low: -1, high: 1, seed: UInt64(100 + $0.offset)) }
    var loss: Tensor? = nil
    for (o, w) in zip(outs, weights) {
        let term = try (o * w).sum()
        loss = try loss.map { try $0 + term } ?? term
    }
    try loss!.backward()

    func lossValue() throws -> Double {
        try noGrad {
            let outs = try op(args)
            var s = 0.0
            for (o, w) in zip(outs, weights) {
                let ov = o.scalars, wv = w.scalars
                for i in 0..<ov.count { s += Double(ov[i]) * Double(wv[i]) }
            }
            return s
        }
    }

    for (name, t) in args.floats.sorted(by: { $0.key < $1.key }) {
        let analytic = t.grad?.scalars ?? [Float](repeating: 0, count: t.count)
        var worst = 0.0
        for i in 0..<t.count {
            let original = t.pointer[i]
            t.pointer[i] = original + step
            let up = try lossValue()
            t.pointer[i] = original - step
            let down = try lossValue()
            t.pointer[i] = original
            let numeric = (up - down) / Double(2 * step)
            let err = abs(Double(analytic[i]) - numeric) - rtol * abs(numeric)
            worst = max(worst, err)
            if err > atol {
                Issue.record("gradient of \(name)[\(i)]: analytic \(analytic[i]) vs numeric \(numeric)", sourceLocation: sourceLocation)
                return
            }
        }
    }
}

/// Max |a - b| check with a readable failure.
func expectClose(_ actual: [Float], _ expected: [Double], atol: Double, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
    for i in 0..<min(actual.count, expected.count) where abs(Double(actual[i]) - expected[i]) > atol * max(1, abs(expected[i])) {
        Issue.record("\(what)[\(i)] = \(actual[i]), PyTorch \(expected[i])", sourceLocation: sourceLocation)
        return
    }
}
