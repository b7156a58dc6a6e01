import Foundation
import Testing
@testable import NLPModels
import NLPTensor

/// A random-weight 2-layer BertForPreTraining saved by transformers (with the `bert.` prefix
/// and tied decoder), against transformers' forward values and gradients.
@Suite struct TinyBertParityTests {
    let model: BertModel
    let ref: SafeTensorsFile
    let batch: TokenBatch

    init() throws {
        model = try ModelDirectory.loadBert(from: Fixture.path("tiny_bert"))
        ref = try Fixture.file("tiny_bert_reference.safetensors")
        batch = try TokenBatch(ids: ref.ints("input_ids"), attentionMask: ref.ints("attention_mask"), tokenTypeIds: ref.ints("token_type_ids"))
    }

    var maskedFlatPositions: [Int32] {
        get throws {
            let p = try ref.int32s("mlm_positions")
            return stride(from: 0, to: p.count, by: 2).map { p[$0] * Int32(batch.length) + p[$0 + 1] }
        }
    }

    @Test func loadsTransformersCheckpointWithHeadAndPooler() throws {
        #expect(model.mlmHead != nil)
        #expect(model.config.numHiddenLayers == 2 && model.config.hiddenSize == 32 && model.config.vocabSize == 99)
        // HF counts 24,005 parameters including cls.seq_relationship (2 x 32 + 2), which we do not build.
        #expect(model.summary(batch: 1, length: 8).totalParameters == 24_005 - 66)
    }

    @Test func forwardMatchesTransformers() throws {
        try noGrad {
            let hidden = try model(batch, training: false)
            #expect(maxAbsDiff(hidden, try ref.tensor("last_hidden_state")) < 1e-5)
            #expect(maxAbsDiff(try model.pooler(hidden), try ref.tensor("pooler_output")) < 1e-5)
            let logits = try model.mlmHead!(hidden, positions: maskedFlatPositions)
            #expect(maxAbsDiff(logits, try ref.tensor("mlm_logits")) < 1e-5)
        }
    }

    @Test func gradientsMatchTransformers() throws {
        model.zeroGradients()
        let hidden = try model(batch, training: false)  // eval mode (no dropout), gradients on
        let logits = try model.mlmHead!(hidden, positions: maskedFlatPositions)
        let loss = try hidden.multiplying(ref.tensor("r_hidden")).sum()
            .adding(model.pooler(hidden).multiplying(ref.tensor("r_pooler")).sum())
            .adding(logits.crossEntropy(ref.ints("mlm_labels")))
        #expect(abs(loss.item - (try ref.tensor("loss")).item) < 1e-3)
        try loss.backward()
        let tensors = Dictionary(uniqueKeysWithValues: model.checkpointTensors.map { ($0.name, $0) })
        var compared = 0
        for name in ref.names where name.hasPrefix("grad.") {
            var key = String(name.dropFirst(5))
            if key.hasPrefix("bert.") { key = String(key.dropFirst(5)) }
            let t = try #require(tensors[key], "no model tensor \(key)")
            let g = try #require(t.grad, "no gradient for \(key)")
            let diff = maxScaledDiff(g, try ref.tensor(name))
            #expect(diff < 1e-4, "\(key): \(diff)")
            compared += 1
        }
        #expect(compared == model.checkpointTensors.count)
    }

    @Test func sentenceEmbeddingsMatchTransformersPooling() throws {
        let mean = try SentenceEmbedder(model.encoder).embed(batch)
        #expect(maxAbsDiff(mean.flatMap { $0 }, try ref.floats("embedding_mean_normalized")) < 1e-5)
        let cls = try SentenceEmbedder(model.encoder, pooling: .cls, normalize: false).embed(batch)
        #expect(maxAbsDiff(cls.flatMap { $0 }, try ref.floats("embedding_cls")) < 1e-5)
    }

    @Test func paddingDoesNotLeakIntoRealTokens() throws {
        // The 2-token row alone gives the same vectors as inside the padded 9-token batch.
        let ids = batch.ids.values, t = batch.length
        let alone = try TokenBatch(ids: IntTensor(Array(ids[2 * t..<2 * t + 2]), shape: [1, 2]))
        try noGrad {
            let full = try model(batch, training: false).scalars
            let single = try model(alone, training: false).scalars
            let c = model.config.hiddenSize
            #expect(maxAbsDiff(Array(full[(2 * t) * c..<(2 * t + 2) * c]), single) < 1e-5)
        }
    }
}
