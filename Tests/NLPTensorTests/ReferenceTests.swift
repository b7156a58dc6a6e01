import Testing
@testable import NLPTensor

/// Forward values and gradients of every op against PyTorch (Fixtures/tensor_ops.json).
@Suite struct ReferenceTests {
    static func arguments(_ c: ReferenceFile.Case, requiresGrad: Bool) throws -> OpArguments {
        OpArguments(floats: try c.inputs.mapValues { try $0.tensor(requiresGrad: requiresGrad) },
                    ints: c.ints.mapValues(\.intTensor), params: c.params)
    }

    @Test func everyFixtureCaseHasAnOp() {
        let missing = ReferenceFile.names.filter { opTable[$0] == nil }
        #expect(missing.isEmpty, "no op for \(missing)")
    }

    @Test(arguments: ReferenceFile.names)
    func matchesPyTorch(_ name: String) throws {
        let c = ReferenceFile.named(name)
        let op = try #require(opTable[name])
        let args = try Self.arguments(c, requiresGrad: true)
        let outs = try op(args)
        try #require(outs.count == c.outputs.count)
        var loss: Tensor? = nil
        for (k, o) in outs.enumerated() {
            #expect(o.shape == c.outputs[k].shape, "\(name) output \(k) shape")
            expectClose(o.scalars, c.outputs[k].data, atol: 2e-5, "\(name) output \(k)")
            let term = try (o * c.weights[k].tensor()).sum()
            loss = try loss.map { try $0 + term } ?? term
        }
        try loss!.backward()
        for (key, expected) in c.grads {
            let g = args.f(key).grad?.scalars ?? [Float](repeating: 0, count: args.f(key).count)
            expectClose(g, expected.data, atol: 5e-5, "\(name) grad \(key)")
        }
    }
}

/// Every op's backward against central finite differences, through the one shared helper.
@Suite struct GradientTests {
    @Test(arguments: ReferenceFile.names)
    func finiteDifferences(_ name: String) throws {
        let c = ReferenceFile.named(name)
        let op = try #require(opTable[name])
        try checkGradients(try ReferenceTests.arguments(c, requiresGrad: true), op)
    }

    @Test func dropoutGradientMatchesItsMask() throws {
        let x = Tensor.uniform([64, 32], low: -1, high: 1, seed: 3, requiresGrad: true)
        try checkGradients(OpArguments(floats: ["x": x], ints: [:], params: [:])) { a in
            [try a.f("x").dropout(0.3, seed: 42)]
        }
    }
}
