import Foundation
import Testing
@testable import NLPModels
import NLPTensor

@Suite struct RecurrentModelDirectoryTests {
    @Test func lstmDirectoryRoundTripsWithPyTorchNames() throws {
        let dir = temporaryDirectory("lstm")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try LSTMEncoder(LSTMConfig(vocabSize: 30, embeddingSize: 6, hiddenSize: 5, numLayers: 2, bidirectional: true, dropout: 0.2), seed: 3)
        try ModelDirectory.save(model, to: dir)
        #expect(try ModelDirectory.modelType(of: dir) == "lstm")
        let names = Set(try SafeTensors.read(dir + "/model.safetensors").names)
        #expect(names.isSuperset(of: ["embedding.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l1_reverse", "lstm.bias_ih_l1"]))
        let loaded = try ModelDirectory.loadLSTM(from: dir)
        #expect(loaded.config == model.config)
        let batch = try TokenBatch.padding([[1, 2, 3, 4], [5, 6]])
        let (a, b) = try noGrad { (try model(batch, training: false).output.scalars, try loaded(batch, training: false).output.scalars) }
        #expect(a == b)
        #expect(throws: ModelError.invalidConfig("\(dir) holds a 'lstm' model, not 'textcnn'")) { _ = try ModelDirectory.loadTextCNN(from: dir) }
    }

    @Test func textCNNDirectoryRoundTripsAndStoresConv1dLayout() throws {
        let dir = temporaryDirectory("textcnn")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The PyTorch reference model (its conv weights in our [filters, width, embedding] order).
        let ref = try Fixture.file("textcnn_reference.safetensors")
        let model = try TextCNN(TextCNNConfig(vocabSize: 20, embeddingSize: 6, kernelSizes: [2, 3], filters: 4, numClasses: 3, dropout: 0), seed: 2)
        try ref.load(into: model.parameters)
        try ModelDirectory.save(model, to: dir)
        #expect(try ModelDirectory.modelType(of: dir) == "textcnn")
        let saved = try SafeTensors.read(dir + "/model.safetensors")
        for (i, k) in [2, 3].enumerated() {
            // nn.Conv1d's weight is [filters, embedding, width]: ours transposed.
            #expect(try saved.info("convs.\(i).weight").shape == [4, 6, k])
            let ours = try ref.floats("convs.\(i).weight"), torch = try saved.floats("convs.\(i).weight")
            for f in 0..<4 { for e in 0..<6 { for w in 0..<k { #expect(torch[(f * 6 + e) * k + w] == ours[(f * k + w) * 6 + e]) } } }
        }
        let loaded = try ModelDirectory.loadTextCNN(from: dir)
        #expect(loaded.config == model.config)
        let ids = try ref.ints("input_ids")
        let logits = try noGrad { try loaded(ids, training: false) }
        #expect(maxAbsDiff(logits, try ref.tensor("logits")) < 1e-5)
    }

    @Test func missingOrBrokenDirectoriesAreOneLineErrors() throws {
        let dir = temporaryDirectory("broken")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: ModelError.io("\(dir) has no config.json (not a model directory)")) { _ = try ModelDirectory.loadLSTM(from: dir) }
        try Data(#"{"model_type": "lstm", "vocab_size": 10}"#.utf8).write(to: URL(fileURLWithPath: dir + "/config.json"))
        #expect(throws: ModelError.invalidConfig("\(dir)/config.json: missing field embedding_size")) { _ = try ModelDirectory.loadLSTM(from: dir) }
    }
}
