import Testing
@testable import NLPTensor

/// The fused whole-sequence LSTM op (`lstmLayer`): gradients against finite differences, and
/// values against a chain of `lstmCell` steps (the per-step reference), with and without padding.
@Suite struct LSTMSequenceTests {
    static let (batch, steps, input, hidden) = (3, 5, 4, 3)
    /// Lengths 5, 3, 1: the second and third rows are padded at the end.
    static let keep: [Bool] = [5, 3, 1].flatMap { n in (0..<steps).map { $0 < n } }

    static func arguments(directions: Int, hidden: Int = hidden) -> OpArguments {
        var floats = ["x": Tensor.uniform([batch, steps, input], low: -1, high: 1, seed: 1)]
        for d in 0..<directions {
            floats["wih\(d)"] = Tensor.uniform([4 * hidden, input], low: -0.6, high: 0.6, seed: UInt64(10 + d))
            floats["whh\(d)"] = Tensor.uniform([4 * hidden, hidden], low: -0.6, high: 0.6, seed: UInt64(20 + d))
            floats["bih\(d)"] = Tensor.uniform([4 * hidden], low: -0.5, high: 0.5, seed: UInt64(30 + d))
            floats["bhh\(d)"] = Tensor.uniform([4 * hidden], low: -0.5, high: 0.5, seed: UInt64(40 + d))
        }
        return OpArguments(floats: floats, ints: [:], params: [:])
    }

    static func layer(_ a: OpArguments, directions: Int, keep: [Bool]?) throws -> [Tensor] {
        let weights = (0..<directions).map {
            LSTMDirectionWeights(weightIH: a.f("wih\($0)"), weightHH: a.f("whh\($0)"), biasIH: a.f("bih\($0)"),
                                 biasHH: a.f("bhh\($0)"), reverse: $0 == 1)
        }
        let r = try lstmLayer(a.f("x"), directions: weights, keep: keep)
        return [r.output] + r.h + r.c
    }

    @Test(arguments: [1, 2], [false, true])
    func gradientsMatchFiniteDifferences(directions: Int, padded: Bool) throws {
        let keep = padded ? Self.keep : nil
        try checkGradients(Self.arguments(directions: directions)) { try Self.layer($0, directions: directions, keep: keep) }
    }

    /// Hidden 9: one 8-lane block of the SIMD cell kernels plus a scalar tail.
    @Test(arguments: [1, 2])
    func gradientsMatchFiniteDifferencesAtSIMDWidth(directions: Int) throws {
        try checkGradients(Self.arguments(directions: directions, hidden: 9)) { try Self.layer($0, directions: directions, keep: Self.keep) }
    }

    /// The same sequence stepped with `lstmCell` (per-step ops), padding as pack_padded_sequence:
    /// a row's state stops at its length (forward) or starts there (reverse).
    @Test(arguments: [1, 2])
    func valuesMatchPerStepCells(directions: Int) throws {
        let a = Self.arguments(directions: directions)
        let fused = try noGrad { try Self.layer(a, directions: directions, keep: Self.keep) }
        let (b, t, h) = (Self.batch, Self.steps, Self.hidden)
        let x = a.f("x").scalars
        for d in 0..<directions {
            for r in 0..<b {
                let length = Self.keep[(r * t)..<(r * t + t)].filter { $0 }.count
                var hs = Tensor.zeros([1, h]), cs = Tensor.zeros([1, h])
                for s in 0..<length {
                    let time = d == 1 ? length - 1 - s : s
                    let xt = try Tensor(Array(x[((r * t + time) * Self.input)..<((r * t + time + 1) * Self.input)]), shape: [1, Self.input])
                    (hs, cs) = try noGrad { try lstmCell(xt, h: hs, c: cs, weightIH: a.f("wih\(d)"), weightHH: a.f("whh\(d)"),
                                                         biasIH: a.f("bih\(d)"), biasHH: a.f("bhh\(d)")) }
                    let out = fused[0].scalars[((r * t + time) * directions + d) * h..<((r * t + time) * directions + d + 1) * h]
                    #expect(zip(out, hs.scalars).allSatisfy { abs($0 - $1) < 1e-6 }, "output d\(d) row \(r) t\(time)")
                }
                for time in length..<t {  // padding: zero output
                    #expect(fused[0].scalars[((r * t + time) * directions + d) * h..<((r * t + time) * directions + d + 1) * h].allSatisfy { $0 == 0 })
                }
                let hn = fused[1 + d].scalars[(r * h)..<(r * h + h)], cn = fused[1 + directions + d].scalars[(r * h)..<(r * h + h)]
                #expect(zip(hn, hs.scalars).allSatisfy { abs($0 - $1) < 1e-6 }, "h_n d\(d) row \(r)")
                #expect(zip(cn, cs.scalars).allSatisfy { abs($0 - $1) < 1e-6 }, "c_n d\(d) row \(r)")
            }
        }
    }

    /// Every batch row of every direction is in exactly one recurrence task (the tests above run
    /// the split path whenever Parallel.threads >= 2, as on the 2-core target).
    @Test(arguments: [1, 2], [1, 3, 64])
    func recurrenceTasksCoverEveryRowOnce(directions: Int, batch: Int) {
        let tasks = recurrenceTasks(directions: directions, batch: batch, steps: 5)
        for d in 0..<directions {
            let rows = tasks.filter { $0.direction == d }.flatMap { Array($0.rows) }
            #expect(rows == Array(0..<batch))
        }
        #expect(tasks.count <= directions * max(1, Parallel.threads / directions))
    }

    @Test func badShapesAreRefused() throws {
        let a = Self.arguments(directions: 1)
        let w = LSTMDirectionWeights(weightIH: a.f("wih0"), weightHH: a.f("whh0"), biasIH: a.f("bih0"), biasHH: a.f("bhh0"), reverse: false)
        #expect(throws: TensorError.self) { try lstmLayer(Tensor.zeros([2, 3, 5]), directions: [w], keep: nil) }
        #expect(throws: TensorError.self) { try lstmLayer(Tensor.zeros([2, 3, 4]), directions: [w], keep: [true]) }
        #expect(throws: TensorError.self) { try lstmLayer(Tensor.zeros([2, 3, 4]), directions: [], keep: nil) }
    }
}
