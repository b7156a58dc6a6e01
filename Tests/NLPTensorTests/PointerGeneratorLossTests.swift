import Foundation
import Testing
@testable import NLPTensor

/// `Tensor.pointerGeneratorLoss` against the textbook mixture written with PyTorch autograd
/// (Fixtures/pointer_generator.json, scripts/reference/make_pointer_generator_reference.py),
/// against finite differences, and against plain cross-entropy when the gate always generates.
@Suite struct PointerGeneratorLossTests {
    static let file = ReferenceFile.load("pointer_generator")
    static var names: [String] { file.cases.map(\.name) }

    static func run(_ a: OpArguments) throws -> [Tensor] {
        [try Tensor.pointerGeneratorLoss(vocabularyLogits: a.f("x"), copyScores: a.f("z"), gateLogits: a.f("u"), targets: a.i("targets"),
                                         sourceIds: a.i("ids"), sourceMask: a.i("keep"), labelSmoothing: a.p("smoothing"))]
    }

    static func arguments(_ name: String) throws -> (ReferenceFile.Case, OpArguments) { try file.arguments(name) }

    @Test(arguments: names) func matchesPyTorch(_ name: String) throws {
        let (c, args) = try Self.arguments(name)
        let out = try Self.run(args)[0]
        expectClose(out.scalars, c.outputs[0].data, atol: 2e-5, "\(name) loss")
        try (out * c.weights[0].tensor()).sum().backward()
        for (key, expected) in c.grads { expectClose(args.f(key).grad!.scalars, expected.data, atol: 2e-5, "\(name) grad \(key)") }
    }

    @Test(arguments: names) func gradientsMatchFiniteDifferences(_ name: String) throws {
        try checkGradients(try Self.arguments(name).1, Self.run)
    }

    /// With the gate saturated at "generate" the copy part vanishes and the loss is the ordinary
    /// label-smoothed cross-entropy of the logits.
    @Test func alwaysGeneratingIsCrossEntropy() throws {
        let x = Tensor.uniform([2, 3, 7], low: -2, high: 2, seed: 3)
        let z = Tensor.uniform([2, 3, 4], low: -1, high: 1, seed: 4)
        let u = try Tensor([Float](repeating: 60, count: 6), shape: [2, 3, 1])
        let targets = try IntTensor([1, 6, -100, 0, 2, 2], shape: [2, 3])
        let ids = try IntTensor([1, 2, 3, 4, 6, 6, 0, 0], shape: [2, 4])
        let mixed = try Tensor.pointerGeneratorLoss(vocabularyLogits: x, copyScores: z, gateLogits: u, targets: targets,
                                                    sourceIds: ids, sourceMask: nil, labelSmoothing: 0.1)
        let plain = try x.crossEntropy(targets, labelSmoothing: 0.1)
        #expect(abs(mixed.item - plain.item) < 1e-5)
    }

    /// A target the vocabulary gives almost no mass but the source holds is cheap when the gate
    /// copies: the loss is -log(copy mass), not -log(softmax).
    @Test func copyingAnAbsentWordIsCheap() throws {
        var logits = [Float](repeating: 0, count: 10)
        logits[9] = -30  // token 9: nearly impossible to generate
        let x = try Tensor(logits, shape: [1, 1, 10])
        let z = try Tensor([0, 0, 0, 0], shape: [1, 1, 4])  // uniform copy attention
        let ids = try IntTensor([9, 9, 1, 2], shape: [1, 4])  // token 9 twice in the source
        let copying = try Tensor([-60], shape: [1, 1, 1])
        let loss = try Tensor.pointerGeneratorLoss(vocabularyLogits: x, copyScores: z, gateLogits: copying,
                                                   targets: IntTensor([9], shape: [1, 1]), sourceIds: ids, sourceMask: nil)
        #expect(abs(loss.item - log(2)) < 1e-4)  // p = 2/4
        let padded = try Tensor.pointerGeneratorLoss(vocabularyLogits: x, copyScores: z, gateLogits: copying,
                                                     targets: IntTensor([9], shape: [1, 1]), sourceIds: ids,
                                                     sourceMask: IntTensor([1, 0, 1, 1], shape: [1, 4]))
        #expect(abs(padded.item - log(3)) < 1e-4)  // one of the two 9s is padding: p = 1/3
    }

    @Test func rejectsMismatchedShapesAndTargets() throws {
        let x = Tensor.uniform([1, 2, 5], low: -1, high: 1, seed: 1), z = Tensor.uniform([1, 2, 3], low: -1, high: 1, seed: 2)
        let u = Tensor.uniform([1, 2, 1], low: -1, high: 1, seed: 3), ids = try IntTensor([0, 1, 2], shape: [1, 3])
        #expect(throws: TensorError.self) {
            try Tensor.pointerGeneratorLoss(vocabularyLogits: x, copyScores: z, gateLogits: u, targets: IntTensor([0, 5], shape: [1, 2]),
                                            sourceIds: ids, sourceMask: nil)
        }
        #expect(throws: TensorError.self) {
            try Tensor.pointerGeneratorLoss(vocabularyLogits: x, copyScores: z, gateLogits: u, targets: IntTensor([0, 1], shape: [1, 2]),
                                            sourceIds: IntTensor([0, 1], shape: [1, 2]), sourceMask: nil)
        }
    }
}
