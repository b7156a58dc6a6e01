import Foundation
import Testing
@testable import NLPTraining
import NLPTensor
import NLPTokenizers

@Suite(.serialized) struct ClassifierTrainingTests {
    /// A separable toy set: the class is decided by which cue word the sentence holds, the other
    /// words are shared noise. Written here (seeded), never read from ../shared.
    static func toyRows(_ count: Int, seed: UInt64) -> [(String, String)] {
        let cues = ["billing": ["invoice", "charge", "payment"], "cards": ["card", "pin", "atm"],
                    "travel": ["flight", "hotel", "trip"]]
        let noise = ["please", "help", "me", "with", "my", "the", "today", "urgent", "again", "thanks", "hi", "über", "naïve", "😀"]
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let classes = cues.keys.sorted()
        return (0..<count).map { i in
            let label = classes[i % classes.count]
            var words = (0..<(2 + next(5))).map { _ in noise[next(noise.count)] }
            words.insert(cues[label]![next(3)], at: next(words.count + 1))
            return (words.joined(separator: " "), label)
        }
    }

    static func csv(_ rows: [(String, String)]) -> String {
        "text,label\n" + rows.map { "\"\($0.0)\",\($0.1)\n" }.joined()
    }

    @Test func tinyClassifierFromScratchReaches100Percent() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ft-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let train = try Fixtures.temporaryFile("train.csv", Self.csv(Self.toyRows(300, seed: 1)))
        let test = try Fixtures.temporaryFile("test.csv", Self.csv(Self.toyRows(60, seed: 2)))
        var options = FinetuneOptions(task: .classify)
        options.epochs = 8
        options.learningRate = 0.01
        options.batchSize = 16
        options.patience = 8
        options.seed = 3
        options.dropout = 0
        var job = FinetuneJob(options: options, trainPath: train, output: dir + "/model")
        job.architecture = "bow"
        job.size.hidden = 32
        job.scratchVocabularySize = 200
        job.log = { _ in }
        let summary = try job.run()
        #expect(summary.devReport.accuracy == 1.0)

        // Reloaded from its directory, the model predicts the held-out set perfectly.
        let model = try TaskModel.load(from: dir + "/model")
        #expect(model.labels == ["billing", "cards", "travel"])
        let (examples, _) = try ClassificationData.load(path: test)
        let evaluation = try ClassifierEvaluation.evaluate(model: model, examples: examples)
        #expect(evaluation.report.accuracy == 1.0 && evaluation.report.macroF1 == 1.0)
        for file in ["config.json", "model.safetensors", "tokenizer.json", "task.json", "metrics.jsonl", "confusion.svg", "eval.txt"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/model/" + file), "\(file)")
        }
        let p = try model.predict(["my atm card please"])[0]
        #expect(p.label == "cards" && p.ranked.count == 3 && p.ranked[0].probability > 0.5)

        // Same seed, same data: the same weights (reproducible).
        var again = FinetuneJob(options: options, trainPath: train, output: dir + "/again")
        again.architecture = "bow"
        again.size.hidden = 32
        again.scratchVocabularySize = 200
        again.log = { _ in }
        _ = try again.run()
        let reloaded = try TaskModel.load(from: dir + "/again")
        #expect(reloaded.classifier.parameters.map(\.scalars) == model.classifier.parameters.map(\.scalars))

        // Refuses to overwrite, and a pretrained-only directory is named for what it is.
        #expect(throws: TrainingError.self) { try job.run() }
        try FileManager.default.removeItem(atPath: dir + "/again/task.json")
        #expect(throws: TrainingError("\(dir)/again: a model directory without task.json (a pretrained encoder, not a fine-tuned model); fine-tune it first with nlp finetune --init \(dir)/again")) {
            try TaskModel.load(from: dir + "/again")
        }
    }

    @Test func oneClassOnlyIsRefused() throws {
        let train = try Fixtures.temporaryFile("one.csv", "text,label\na,x\nb,x\n")
        var job = FinetuneJob(options: FinetuneOptions(task: .classify), trainPath: train, output: "/tmp/never-written-\(UUID())")
        job.log = { _ in }
        #expect(throws: DatasetError.singleClass(path: train, label: "x")) { try job.run() }
    }

    @Test func outOfScopeThresholdCalibration() {
        // Dev with OOS (class 2): in-scope confident, OOS unsure; the best gate lies between.
        let top: [(predicted: Int, confidence: Float)] = [(0, 0.9), (1, 0.8), (0, 0.7), (1, 0.35), (0, 0.3), (1, 0.6)]
        let gold = [0, 1, 0, 2, 2, 1]
        let t = OutOfScopeThreshold.calibrate(top: top, gold: gold, oosClass: 2)
        #expect(t.threshold == 0.6)  // routes 0.35 and 0.3, keeps 0.6: all 6 right
        #expect(t.route(predicted: 1, confidence: 0.59, oosClass: 2) == 2)
        #expect(t.route(predicted: 1, confidence: 0.6, oosClass: 2) == 1)
        // Without OOS in dev: the 2% quantile of correct confidences (here the lowest of 10).
        let right: [(predicted: Int, confidence: Float)] = (1...10).map { (0, Float($0) / 10) }
        #expect(OutOfScopeThreshold.calibrate(top: right, gold: Array(repeating: 0, count: 10), oosClass: 5).threshold == 0.1)
        // Everything wrong and no OOS: no gate.
        #expect(OutOfScopeThreshold.calibrate(top: [(1, 0.9)], gold: [0], oosClass: 5).threshold == 0)
    }

    @Test func intentModelRoutesLowConfidenceToOutOfScope() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intent-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rows = Self.toyRows(240, seed: 5)
        // OOS examples: only noise words, no cue.
        rows += (0..<60).map { i in (["hi there", "thanks again", "über naïve", "what is today", "😀 please"][i % 5] + " \(["me", "my", "the"][i % 3])", "out_of_scope") }
        let train = try Fixtures.temporaryFile("intents.csv", Self.csv(rows))
        var options = FinetuneOptions(task: .intent)
        options.epochs = 8
        options.learningRate = 0.01
        options.batchSize = 16
        options.patience = 8
        options.devFraction = 0.2
        options.dropout = 0
        var job = FinetuneJob(options: options, trainPath: train, output: dir)
        job.architecture = "bow"
        job.size.hidden = 32
        job.scratchVocabularySize = 200
        job.log = { _ in }
        let summary = try job.run()
        let intent = try #require(summary.devIntent)
        #expect(intent.inScopeAccuracy == 1 && intent.outOfScopeRecall == 1 && intent.outOfScopePrecision == 1)
        let model = try TaskModel.load(from: dir)
        #expect(model.description.outOfScopeThreshold == summary.threshold)
        // The gate: a forced threshold of 1.01 routes everything.
        model.description.outOfScopeThreshold = 1.01
        let p = try model.predict(["my pin card"])[0]
        #expect(p.routedToOutOfScope && p.label == "out_of_scope" && p.ranked.count == 4)
        let json = try ClassifierEvaluation.evaluate(model: model, examples: [LabeledText(text: "card", label: "cards"),
                                                                             LabeledText(text: "hi", label: "smalltalk")]).json()
        #expect(json["accuracy"]?.doubleValue == 0 && json["oos_recall"] != nil && json["unknown_labels"]?["smalltalk"]?.intValue == 1)
    }

    @Test func weightedAndMultiLabelLossesMatchHandComputedValues() throws {
        let encoder = MeanEmbeddingEncoder(vocabularySize: 4, width: 2, seed: 1)
        let c = SequenceClassifier(encoder: encoder, classCount: 2, seed: 1)
        let logits = try NLPTensor.Tensor([0, 1, 2, 0], shape: [2, 2])
        // Row 0 gold 1: -log softmax = log(1+e^-1); row 1 gold 0: log(1+e^-2). Weights 1 and 3.
        let l0 = log(1 + exp(-1.0)), l1 = log(1 + exp(-2.0))
        let weighted = try c.loss(logits, targets: [1, 0], classWeights: [3, 1]).item
        #expect(abs(Double(weighted) - (1 * l0 + 3 * l1) / 4) < 1e-5)
        let multi = SequenceClassifier(encoder: encoder, classCount: 2, multiLabel: true, seed: 1)
        // BCE with logits: mean over the 4 decisions.
        let bce = try multi.loss(logits, targets: [0, 1, 1, 0]).item
        let expected = (log(1 + exp(0.0)) + log(1 + exp(-1.0)) + log(1 + exp(-2.0)) + log(1 + exp(0.0))) / 4
        #expect(abs(Double(bce) - expected) < 1e-5)
        #expect(balancedClassWeights([0, 0, 0, 1], classCount: 3) == [4.0 / 9, 4.0 / 3, 1])
    }
}

@Suite(.serialized) struct ModelEncoderTrainingTests {
    /// Each model-backed architecture learns the toy set from scratch and survives a save/load.
    @Test(arguments: ["transformer", "lstm", "cnn"])
    func learnsToySetAndReloads(architecture: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("arch-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let train = try Fixtures.temporaryFile("train.csv", ClassifierTrainingTests.csv(ClassifierTrainingTests.toyRows(240, seed: 11)))
        var options = FinetuneOptions(task: .sentiment)
        options.epochs = 20
        options.dropout = 0
        options.learningRate = 3e-3
        options.batchSize = 16
        options.patience = 20
        options.sequenceLength = 16
        options.devFraction = 0.25
        var job = FinetuneJob(options: options, trainPath: train, output: dir)
        job.architecture = architecture
        job.size.hidden = 32
        job.size.embedding = 32
        job.size.layers = 1
        job.size.heads = 2
        job.size.dropout = 0
        job.scratchVocabularySize = 200
        job.log = { _ in }
        let summary = try job.run()
        #expect(summary.devReport.accuracy >= 0.95, "\(architecture): \(summary.devReport.accuracy)")
        let model = try TaskModel.load(from: dir)
        #expect(model.classifier.encoder.architecture == architecture)
        let again = try ClassifierEvaluation.evaluate(model: model, examples: [LabeledText(text: "my atm card", label: "cards"),
                                                                              LabeledText(text: "flight please", label: "travel")])
        #expect(again.report.accuracy == 1)
    }
}

/// A two-group model (embeddings, projection) and a classifier head on `rows` toy examples, for
/// the tests of which parameters train and how fast.
struct ToyLayeredClassifier {
    let encoder = MeanEmbeddingEncoder(vocabularySize: 150, width: 8, seed: 2)
    let classifier: SequenceClassifier
    let batcher: TextBatcher
    let data: (sequences: [[Int32]], labels: [[Int32]])

    init(rows count: Int) throws {
        let tokenizerFile = try Fixtures.temporaryFile("t.txt", ClassifierTrainingTests.toyRows(100, seed: 4).map(\.0).joined(separator: "\n"))
        let tokenizer = try NLPTokenizers.TokenizerTraining(algorithm: .bpe, vocabSize: 150, specialTokens: ["[PAD]", "<unk>"]).train(files: [tokenizerFile])
        batcher = try TextBatcher(tokenizer: tokenizer, maxLength: 16, addClsSep: false)
        classifier = SequenceClassifier(encoder: encoder, classCount: 3, dropout: 0, seed: 3)
        let rows = ClassifierTrainingTests.toyRows(count, seed: 4)
        let names = ["billing", "cards", "travel"]
        data = (try batcher.encode(rows.map(\.0)), rows.map { [Int32(names.firstIndex(of: $0.1)!)] })
    }

    func train(_ options: FinetuneOptions) throws {
        let trainer = ClassifierTrainer(classifier: classifier, batcher: batcher, options: options)
        trainer.progress = ProgressLine(isTerminal: false)
        _ = try trainer.train(train: data, dev: data)
    }
}

@Suite struct LayerFreezingTests {
    @Test func frozenLayersKeepTheirWeights() throws {
        let toy = try ToyLayeredClassifier(rows: 60)
        let encoder = toy.encoder
        var options = FinetuneOptions(task: .classify)
        options.freezeLayers = 1
        options.dropout = 0
        options.epochs = 2
        options.learningRate = 0.05
        let before = encoder.parameters.map(\.scalars)
        try toy.train(options)
        let after = encoder.parameters.map(\.scalars)
        #expect(after[0] == before[0])  // embeddings frozen
        #expect(after[1] != before[1])  // projection trained
    }
}

@Suite struct LayerwiseLearningRateTests {
    /// Adam's first step moves every element with a non-zero gradient by the learning rate times
    /// the sign of its gradient, so after one step each layer's largest change is its own rate:
    /// the head's --lr, the projection below it x0.25, the embeddings x0.0625.
    @Test func eachLayerMovesAtItsDecayedRate() throws {
        let toy = try ToyLayeredClassifier(rows: 32)
        let (encoder, classifier) = (toy.encoder, toy.classifier)
        var options = FinetuneOptions(task: .classify)
        options.layerLearningRateDecay = 0.25
        options.weightDecay = 0
        options.dropout = 0
        options.warmupFraction = 0
        options.maxSteps = 1
        options.epochs = 1
        options.batchSize = 32
        options.learningRate = 0.01
        let encoderIDs = Set(encoder.parameters.map { ObjectIdentifier($0) })
        let head = classifier.parameters.filter { !encoderIDs.contains(ObjectIdentifier($0)) }
        let layers = [encoder.layerGroups[0], encoder.layerGroups[1], head]
        let before = layers.map { $0.map(\.scalars) }
        try toy.train(options)
        let moved = zip(layers, before).map { tensors, old in
            zip(tensors.map(\.scalars), old).map { new, old in zip(new, old).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
        }
        for (got, want) in zip(moved, [0.01 * 0.0625, 0.01 * 0.25, 0.01] as [Float]) {
            #expect(abs(got - want) < want * 1e-3, "largest change \(got), expected \(want)")
        }
    }
}
