import Foundation
import Testing
@testable import NLPTensor

/// `Tensor.attention(query:key:value:)` against PyTorch's F.scaled_dot_product_attention
/// (Fixtures/cross_attention.json, scripts/reference/make_cross_attention_reference.py), the
/// plain-loop reference, and finite differences.
@Suite struct CrossAttentionTests {
    static let file = ReferenceFile.load("cross_attention")
    static var names: [String] { file.cases.map(\.name) }

    static func run(_ a: OpArguments) throws -> [Tensor] {
        [try Tensor.attention(query: a.f("q"), key: a.f("k"), value: a.f("v"), heads: Int(a.p("heads")),
                              keyMask: a.ints["key_mask"], causal: a.p("causal") != 0)]
    }

    static func arguments(_ name: String) throws -> (ReferenceFile.Case, OpArguments) { try file.arguments(name) }

    @Test(arguments: names) func matchesPyTorch(_ name: String) throws {
        let (c, args) = try Self.arguments(name)
        let out = try Self.run(args)[0]
        #expect(out.shape == c.outputs[0].shape)
        expectClose(out.scalars, c.outputs[0].data, atol: 2e-5, "\(name) output")
        try (out * c.weights[0].tensor()).sum().backward()
        for (key, expected) in c.grads { expectClose(args.f(key).grad!.scalars, expected.data, atol: 5e-5, "\(name) grad \(key)") }
    }

    @Test(arguments: names) func matchesNaiveReference(_ name: String) throws {
        let (_, args) = try Self.arguments(name)
        let q = args.f("q"), heads = Int(args.p("heads"))
        let s = CrossAttentionShape(batch: q.shape[0], queries: q.shape[1], keys: args.f("k").shape[1], heads: heads,
                                    headDim: q.shape[2] / heads)
        let expected = crossAttentionReference(q.scalars, args.f("k").scalars, args.f("v").scalars, s,
                                               causal: args.p("causal") != 0, keyMask: args.ints["key_mask"]?.values)
        let out = try noGrad { try Self.run(args)[0] }
        expectClose(out.scalars, expected.map(Double.init), atol: 1e-5, "\(name) vs loops")
    }

    @Test(arguments: names) func finiteDifferences(_ name: String) throws {
        try checkGradients(try Self.arguments(name).1, Self.run)
    }

    /// Self-attention on packed qkv and the general op on its three slices agree (the decoder
    /// trains with the first and decodes with the second).
    @Test func agreesWithPackedSelfAttention() throws {
        let qkv = Tensor.uniform([2, 6, 36], low: -1, high: 1, seed: 9)
        let mask = try IntTensor([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0], shape: [2, 6])
        let packed = try qkv.selfAttention(heads: 3, causal: true, keyMask: mask)
        let v = qkv.scalars
        func slice(_ part: Int) throws -> Tensor {
            var out: [Float] = []
            for row in 0..<12 { out += v[(row * 36 + part * 12)..<(row * 36 + part * 12 + 12)] }
            return try Tensor(out, shape: [2, 6, 12])
        }
        let general = try Tensor.attention(query: slice(0), key: slice(1), value: slice(2), heads: 3, keyMask: mask, causal: true)
        expectClose(general.scalars, packed.scalars.map(Double.init), atol: 1e-5, "general vs packed")
    }

    @Test func rejectsMismatchedShapes() {
        let q = Tensor.zeros([1, 2, 8]), k = Tensor.zeros([1, 3, 8]), v = Tensor.zeros([1, 4, 8])
        #expect(throws: TensorError.self) { try Tensor.attention(query: q, key: k, value: v, heads: 2) }
        #expect(throws: TensorError.self) { try Tensor.attention(query: q, key: k, value: k, heads: 3) }
        #expect(throws: TensorError.self) { try Tensor.attention(query: q, key: k, value: k, heads: 2, keyMask: try IntTensor([1, 1], shape: [1, 2])) }
    }
}
