import Foundation
import NLPModels
import NLPTensor
@testable import NLPTraining

/// A small masked LM built from tensor ops only (so trainer tests do not depend on an encoder):
/// embeddings + positions -> linear + GELU -> dropout -> mix with the sequence mean -> tied
/// decoder at the masked positions. Dropout makes resume tests cover the dropout generator.
final class ToyMaskedLM: MaskedLanguageModel {
    let words: Tensor, positions: Tensor, dense: Tensor, denseBias: Tensor, mix: Tensor, bias: Tensor, norm: Tensor, normBias: Tensor
    let vocabularySize: Int
    let dim: Int

    init(vocabularySize: Int, dim: Int = 16, length: Int, seed: UInt64) {
        self.vocabularySize = vocabularySize
        self.dim = dim
        words = .parameter("embeddings.word_embeddings.weight", .randn([vocabularySize, dim], std: 0.1, seed: seed))
        positions = .parameter("embeddings.position_embeddings.weight", .randn([length, dim], std: 0.1, seed: seed + 1))
        dense = .parameter("dense.weight", .randn([dim, dim], std: 0.2, seed: seed + 2))
        denseBias = .parameter("dense.bias", .zeros([dim]))
        mix = .parameter("mix.weight", .randn([dim, dim], std: 0.2, seed: seed + 3))
        norm = .parameter("LayerNorm.weight", .ones([dim]))
        normBias = .parameter("LayerNorm.bias", .zeros([dim]))
        bias = .parameter("cls.predictions.bias", .zeros([vocabularySize]))
    }

    var architecture: String { "toy" }
    var trainableParameters: [Tensor] { [words, positions, dense, denseBias, mix, norm, normBias, bias] }
    var stateTensors: [Tensor] { trainableParameters }
    func configJSON() throws -> Data { Data("{\"model_type\": \"toy\", \"vocab_size\": \(vocabularySize), \"dim\": \(dim)}".utf8) }

    func maskedLogits(_ batch: MaskedBatch, training: Bool) throws -> Tensor {
        let (b, t) = (batch.batchSize, batch.length)
        let x = try words.embedding(IntTensor(batch.inputIDs, shape: [b, t])).adding(positions.rows(0..<t))
        let h = try x.linear(dense).biasActivation(denseBias, .geluExact).dropout(0.1, training: training)
        let context = try h.mean(axis: 1, keepDims: true).linear(mix)           // [b, 1, dim]
        let y = try h.adding(context).layerNorm(weight: norm, bias: normBias)   // [b, t, dim]
        let flat = try y.reshaped([b * t, dim])
        let selected = try flat.embedding(IntTensor(batch.positions, shape: [batch.positions.count]))
        return try selected.linear(words, bias)
    }

    func saveModel(to directory: String) throws {
        try Checkpoint.save(stateTensors, to: directory + "/model.safetensors")
        try configJSON().write(to: URL(fileURLWithPath: directory + "/config.json"))
    }
}
