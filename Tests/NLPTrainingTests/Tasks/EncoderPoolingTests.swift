import Foundation
import Testing
@testable import NLPTraining
import NLPModels
import NLPTensor

/// LSTM pooling over time (max, mean, max+mean) and the text CNN's kernel widths.
@Suite(.serialized) struct EncoderPoolingTests {
    static func lstm(_ pooling: LSTMTextEncoder.Pooling) throws -> LSTMTextEncoder {
        LSTMTextEncoder(lstm: try LSTMEncoder(LSTMConfig(vocabSize: 20, embeddingSize: 8, hiddenSize: 6, numLayers: 1, dropout: 0), seed: 3),
                        pooling: pooling)
    }

    /// Row 0 = tokens 3 4 5; batched, it is padded to 5 next to a 5-token row.
    static let alone = PaddedBatch(ids: [3, 4, 5], lengths: [3], batch: 1, length: 3)
    static let batched = PaddedBatch(ids: [3, 4, 5, 0, 0, 6, 7, 8, 9, 10], lengths: [3, 5], batch: 2, length: 5)

    @Test(arguments: LSTMTextEncoder.Pooling.allCases)
    func pooledRowsIgnoreBatchPadding(pooling: LSTMTextEncoder.Pooling) throws {
        let encoder = try Self.lstm(pooling)
        let a = try noGrad { try encoder.pooled(Self.alone, training: false) }
        let b = try noGrad { try encoder.pooled(Self.batched, training: false) }
        #expect(a.shape == [1, encoder.outputSize] && b.shape == [2, encoder.outputSize])
        #expect(encoder.outputSize == (pooling == .maxmean ? 24 : 12))
        let row = Array(b.scalars.prefix(encoder.outputSize))
        for (x, y) in zip(a.scalars, row) { #expect(abs(x - y) < 1e-6) }
    }

    @Test func maxAndMeanAreTakenOverTheRealStepsOnly() throws {
        let encoder = try Self.lstm(.maxmean)
        let states = try noGrad { try encoder.lstm(Self.batched.modelBatch(), training: false).output }  // [2, 5, 12]
        let pooled = try noGrad { try encoder.pooled(Self.batched, training: false) }.scalars
        let h = states.scalars
        for (b, n) in [(0, 3), (1, 5)] {
            for c in 0..<12 {
                let column = (0..<n).map { h[(b * 5 + $0) * 12 + c] }
                #expect(abs(pooled[b * 24 + c] - column.max()!) < 1e-6)
                #expect(abs(pooled[b * 24 + 12 + c] - column.reduce(0, +) / Float(n)) < 1e-6)
            }
        }
        // Gradients reach the LSTM weights through both poolings.
        let loss = try encoder.pooled(Self.batched, training: true).sum()
        try loss.backward()
        #expect(encoder.lstm.parameters.allSatisfy { $0.grad != nil })
    }

    /// Trains on the toy intent set with each pooling, then reloads: the pooling comes back from
    /// config.json and the reloaded model gives the same probabilities.
    @Test(arguments: [LSTMTextEncoder.Pooling.max, .mean, .maxmean])
    func lstmPoolingLearnsToySetAndRoundTrips(pooling: LSTMTextEncoder.Pooling) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lstm-pool-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let train = try Fixtures.temporaryFile("train.csv", ClassifierTrainingTests.csv(ClassifierTrainingTests.toyRows(240, seed: 11)))
        var job = FinetuneJob(options: Self.quickOptions(), trainPath: train, output: dir)
        job.architecture = "lstm"
        job.size.hidden = 16
        job.size.embedding = 16
        job.size.layers = 1
        job.size.dropout = 0
        job.size.lstmPooling = pooling
        job.scratchVocabularySize = 200
        job.log = { _ in }
        let summary = try job.run()
        #expect(summary.devReport.accuracy >= 0.95, "\(pooling): \(summary.devReport.accuracy)")
        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/config.json"))) as? [String: Any]
        #expect(config?["pooling"] as? String == pooling.rawValue && config?["hidden_size"] as? Int == 16)
        let model = try TaskModel.load(from: dir)
        let encoder = try #require(model.classifier.encoder as? LSTMTextEncoder)
        #expect(encoder.pooling == pooling)
        let texts = ["my atm card", "flight please", "invoice"]
        let p = try model.predict(texts)
        #expect(p.map(\.label) == ["cards", "travel", "billing"])
        let reloaded = try TaskModel.load(from: dir).predict(texts)
        #expect(reloaded == p)
    }

    @Test func lstmConfigWithoutPoolingReadsAsLastState() throws {
        let config = try JSONEncoder().encode(LSTMConfig(vocabSize: 20, hiddenSize: 6, numLayers: 1))
        let encoder = try LSTMTextEncoder.fromConfig(config)
        #expect(encoder.pooling == .last && encoder.outputSize == 12)
    }

    /// `ScratchEncoderSize.kernelSizes` reaches the CNN, is saved, and comes back.
    @Test func cnnKernelWidthsAreSavedAndReloaded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cnn-widths-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let train = try Fixtures.temporaryFile("train.csv", ClassifierTrainingTests.csv(ClassifierTrainingTests.toyRows(240, seed: 11)))
        var job = FinetuneJob(options: Self.quickOptions(), trainPath: train, output: dir)
        job.architecture = "cnn"
        job.size.hidden = 8
        job.size.embedding = 16
        job.size.kernelSizes = [1, 2]
        job.scratchVocabularySize = 200
        job.log = { _ in }
        let summary = try job.run()
        #expect(summary.devReport.accuracy >= 0.95)
        let model = try TaskModel.load(from: dir)
        let cnn = try #require(model.classifier.encoder as? TextCNNTextEncoder)
        #expect(cnn.cnn.config.kernelSizes == [1, 2] && cnn.cnn.config.maskPadding && cnn.outputSize == 16)
        #expect(try model.predict(["my atm card"])[0].label == "cards")
    }

    static func quickOptions() -> FinetuneOptions {
        var options = FinetuneOptions(task: .sentiment)
        options.epochs = 20
        options.dropout = 0
        options.learningRate = 3e-3
        options.batchSize = 16
        options.patience = 20
        options.sequenceLength = 16
        options.devFraction = 0.25
        return options
    }
}
