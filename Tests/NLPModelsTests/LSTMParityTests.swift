import Testing
@testable import NLPModels
import NLPTensor

/// LSTMEncoder against nn.Embedding + nn.LSTM over a packed (pack_padded_sequence) batch of
/// lengths 7, 4, 1: outputs (zero at padding), h_n, c_n and all gradients.
@Suite struct LSTMParityTests {
    func check(prefix: String, layers: Int, bidirectional: Bool) throws {
        let ref = try Fixture.file("lstm_reference.safetensors")
        let config = LSTMConfig(vocabSize: 20, embeddingSize: 6, hiddenSize: 5, numLayers: layers, bidirectional: bidirectional, dropout: 0)
        let encoder = try LSTMEncoder(config, seed: 3)
        try ref.load(into: encoder.parameters, prefix: prefix)
        let batch = try TokenBatch(ids: ref.ints(prefix + "input_ids"), attentionMask: ref.ints(prefix + "attention_mask"))
        let out = try encoder(batch, training: true)
        #expect(maxAbsDiff(out.output, try ref.tensor(prefix + "out")) < 1e-5)
        let (rh, rc) = (try ref.tensor(prefix + "r_h"), try ref.tensor(prefix + "r_c"))
        let states = layers * config.directions
        #expect(out.h.count == states)
        var loss = try out.output.multiplying(ref.tensor(prefix + "r_out")).sum()
        let hRef = try ref.tensor(prefix + "h_n"), cRef = try ref.tensor(prefix + "c_n")
        for i in 0..<states {
            let slice = { (t: Tensor) in try t.rows(i..<i + 1).reshaped([3, 5]) }
            #expect(maxAbsDiff(out.h[i], try slice(hRef)) < 1e-5)
            #expect(maxAbsDiff(out.c[i], try slice(cRef)) < 1e-5)
            loss = try loss.adding(out.h[i].multiplying(slice(rh)).sum()).adding(out.c[i].multiplying(slice(rc)).sum())
        }
        try loss.backward()
        for p in encoder.parameters {
            let diff = maxScaledDiff(try #require(p.grad), try ref.tensor(prefix + "grad." + p.name))
            #expect(diff < 1e-4, "\(p.name): \(diff)")
        }
    }

    @Test func bidirectionalTwoLayersMatchPyTorch() throws { try check(prefix: "bi.", layers: 2, bidirectional: true) }
    @Test func forwardOnlyOneLayerMatchesPyTorch() throws { try check(prefix: "uni.", layers: 1, bidirectional: false) }

    /// The fused layer op against the naive per-step reference path, on a batch big enough to
    /// take the multi-threaded paths (concurrent directions, split products): lengths 9, 6, 2,
    /// 9; values 1e-5, gradients of every parameter 1e-4.
    @Test(arguments: [false, true])
    func fusedLayersMatchPerStepReference(bidirectional: Bool) throws {
        let config = LSTMConfig(vocabSize: 50, embeddingSize: 24, hiddenSize: 32, numLayers: 2, bidirectional: bidirectional, dropout: 0)
        let lengths = [9, 6, 2, 9], t = 9
        let ids = lengths.flatMap { n in (0..<t).map { Int32($0 < n ? 1 + ($0 * 7 + n * 3) % 49 : 0) } }
        let mask = lengths.flatMap { n in (0..<t).map { Int32($0 < n ? 1 : 0) } }
        let batch = try TokenBatch(ids: IntTensor(ids, shape: [4, t]), attentionMask: IntTensor(mask, shape: [4, t]))
        let weights = Tensor.uniform([4 * t, config.outputSize], low: -1, high: 1, seed: 5)
        var results: [(output: Tensor, h: [Tensor], grads: [Tensor])] = []
        for reference in [true, false] {
            let encoder = try LSTMEncoder(config, seed: 7)
            let out = try encoder(batch, training: true, reference: reference)
            var loss = try out.output.reshaped([4 * t, config.outputSize]).multiplying(weights).sum()
            for (k, h) in out.h.enumerated() { loss = try loss.adding(h.sum() * Float(k + 1)) }
            try loss.backward()
            results.append((out.output, out.h, try encoder.parameters.map { try #require($0.grad) }))
        }
        #expect(maxAbsDiff(results[0].output, results[1].output) < 1e-5)
        for (a, b) in zip(results[0].h, results[1].h) { #expect(maxAbsDiff(a, b) < 1e-5) }
        for (k, (a, b)) in zip(results[0].grads, results[1].grads).enumerated() {
            #expect(maxScaledDiff(b, a) < 1e-4, "parameter \(k): \(maxScaledDiff(b, a))")
        }
    }

    @Test func pytorchParameterNames() throws {
        let encoder = try LSTMEncoder(LSTMConfig(vocabSize: 20, embeddingSize: 6, hiddenSize: 5, numLayers: 2), seed: 1)
        #expect(encoder.parameters.map(\.name).prefix(6) == ["embedding.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0",
                                                              "lstm.bias_ih_l0", "lstm.bias_hh_l0", "lstm.weight_ih_l0_reverse"])
        #expect(try encoder.parameters.first { $0.name == "lstm.weight_ih_l1" }!.shape == [20, 10])
    }

    @Test func leftPaddedBatchIsRefused() throws {
        let encoder = try LSTMEncoder(LSTMConfig(vocabSize: 20, embeddingSize: 6, hiddenSize: 5), seed: 1)
        let batch = try TokenBatch(ids: IntTensor([0, 3, 4], shape: [1, 3]), attentionMask: IntTensor([0, 1, 1], shape: [1, 3]))
        #expect(throws: ModelError.self) { try encoder(batch, training: false) }
    }
}
