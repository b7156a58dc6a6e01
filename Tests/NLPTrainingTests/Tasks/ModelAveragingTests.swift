import Foundation
import Testing
@testable import NLPTraining
import NLPTensor

@Suite(.serialized) struct ModelAveragingTests {
    /// A small bag-of-words sentiment model of the toy set; `lr` makes each run's weights differ
    /// while the split, tokenizer and labels stay the same.
    static func train(lr: Double, to dir: String, trainPath: String, task: FinetuneTask = .sentiment) throws {
        var options = FinetuneOptions(task: task)
        options.epochs = 3
        options.dropout = 0
        options.learningRate = lr
        options.batchSize = 16
        options.sequenceLength = 16
        options.devFraction = 0.25
        var job = FinetuneJob(options: options, trainPath: trainPath, output: dir)
        job.architecture = "bow"
        job.size.hidden = 16
        job.scratchVocabularySize = 200
        job.log = { _ in }
        _ = try job.run()
    }

    /// The toy sentiment training set every soup test trains its runs on.
    static func toyTrainFile() throws -> String {
        try Fixtures.temporaryFile("train.csv", ClassifierTrainingTests.csv(ClassifierTrainingTests.toyRows(120, seed: 7)))
    }

    static func floats(_ dir: String) throws -> [String: [Float]] {
        let file = try SafeTensors.read(dir + "/model.safetensors")
        return try Dictionary(uniqueKeysWithValues: file.names.map { ($0, try file.floats($0)) })
    }

    @Test func averageIsTheMeanOfEveryTensorAndLoads() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("soup-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let train = try Self.toyTrainFile()
        try Self.train(lr: 1e-2, to: root + "/a", trainPath: train)
        try Self.train(lr: 3e-3, to: root + "/b", trainPath: train)
        try ModelAveraging.average([root + "/a", root + "/b"], to: root + "/ab")

        let (a, b, ab) = (try Self.floats(root + "/a"), try Self.floats(root + "/b"), try Self.floats(root + "/ab"))
        #expect(Set(ab.keys) == Set(a.keys) && !ab.isEmpty)
        #expect(a != b)
        for (name, values) in ab {
            #expect(values == zip(a[name]!, b[name]!).map { ($0 + $1) / 2 }, "\(name)")
        }
        let model = try TaskModel.load(from: root + "/ab")
        #expect(try model.predict(["my card please", "flight today"]).count == 2)
        let provenance = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/ab/average.json"))) as? [String: [String]]
        #expect(provenance?["models"] == [root + "/a", root + "/b"])

        // A model averaged with itself is the same model: the same predictions to the bit.
        try ModelAveraging.average([root + "/a", root + "/a"], to: root + "/aa")
        let texts = ClassifierTrainingTests.toyRows(20, seed: 9).map(\.0)
        #expect(try TaskModel.load(from: root + "/aa").predict(texts) == TaskModel.load(from: root + "/a").predict(texts))

        #expect(throws: TrainingError("\(root)/ab already holds a model; choose another --output")) {
            try ModelAveraging.average([root + "/a", root + "/b"], to: root + "/ab")
        }
    }

    @Test func refusesModelsThatDifferInMoreThanWeights() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("soup-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let train = try Self.toyTrainFile()
        try Self.train(lr: 1e-2, to: root + "/a", trainPath: train)
        let fm = FileManager.default

        #expect(throws: TrainingError("average: give at least two model directories")) {
            try ModelAveraging.average([root + "/a"], to: root + "/out")
        }
        #expect(throws: TrainingError("\(root): not a model directory (no task.json)")) {
            try ModelAveraging.average([root + "/a", root], to: root + "/out")
        }
        // Labels in another order would swap the meaning of the head's rows.
        try fm.copyItem(atPath: root + "/a", toPath: root + "/labels")
        let taskPath = root + "/labels/task.json"
        var task = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: taskPath))) as! [String: Any]
        task["labels"] = (task["labels"] as! [String]).reversed() as [String]
        try JSONSerialization.data(withJSONObject: task).write(to: URL(fileURLWithPath: taskPath))
        #expect(throws: TrainingError("average: \(root)/labels/task.json differs from \(root)/a's in labels; "
                                      + "only models of one task, labels and architecture average")) {
            try ModelAveraging.average([root + "/a", root + "/labels"], to: root + "/out")
        }
        // Same JSON written in another key order and spacing is the same task.
        try fm.copyItem(atPath: root + "/a", toPath: root + "/respaced")
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/a/task.json")))
        try JSONSerialization.data(withJSONObject: original, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: root + "/respaced/task.json"))
        try ModelAveraging.average([root + "/a", root + "/respaced"], to: root + "/same")

        try fm.copyItem(atPath: root + "/a", toPath: root + "/tokenizer")
        let tokenizer = root + "/tokenizer/tokenizer.json"
        try (Data(contentsOf: URL(fileURLWithPath: tokenizer)) + Data(" ".utf8)).write(to: URL(fileURLWithPath: tokenizer))
        #expect(throws: TrainingError("average: \(root)/tokenizer/tokenizer.json differs from \(root)/a's; the models must share one tokenizer")) {
            try ModelAveraging.average([root + "/a", root + "/tokenizer"], to: root + "/out")
        }
        // Same config and task but a tensor of another shape (a file from elsewhere).
        try fm.copyItem(atPath: root + "/a", toPath: root + "/shape")
        var weights = try Self.floats(root + "/a").map { (name: $0.key, shape: [$0.value.count], values: $0.value) }
        weights[0].values.append(0)
        weights[0].shape = [weights[0].values.count]
        try fm.removeItem(atPath: root + "/shape/model.safetensors")
        try SafeTensors.write(floats: weights, to: root + "/shape/model.safetensors")
        #expect(throws: TrainingError.self) { try ModelAveraging.average([root + "/a", root + "/shape"], to: root + "/out") }
        #expect(!fm.fileExists(atPath: root + "/out"))  // nothing written by any refusal

        // An output holding weights but no task.json (a pretrained encoder) is never overwritten.
        try fm.createDirectory(atPath: root + "/encoder", withIntermediateDirectories: true)
        try fm.copyItem(atPath: root + "/a/model.safetensors", toPath: root + "/encoder/model.safetensors")
        #expect(throws: TrainingError("\(root)/encoder already holds a model; choose another --output")) {
            try ModelAveraging.average([root + "/a", root + "/a"], to: root + "/encoder")
        }
    }

    /// Greedy soup on models whose every weight is one number (1, 3, 10), scored by how close
    /// the weights are to 2: the order is by own score, 3 joins 1 (their mean, 2, is better),
    /// 10 would pull the mean to 4.67 and is left out.
    @Test func greedySoupKeepsOnlyModelsThatHelp() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("soup-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let train = try Self.toyTrainFile()
        try Self.train(lr: 1e-2, to: root + "/a", trainPath: train)
        let fm = FileManager.default
        let tensors = try Self.floats(root + "/a")
        for value: Float in [1, 3, 10] {
            let dir = root + "/m\(Int(value))"
            try fm.copyItem(atPath: root + "/a", toPath: dir)
            let file = try SafeTensors.read(root + "/a/model.safetensors")
            let constant = try tensors.keys.map { (name: $0, shape: try file.info($0).shape, values: [Float](repeating: value, count: tensors[$0]!.count)) }
            try fm.removeItem(atPath: dir + "/model.safetensors")
            try SafeTensors.write(floats: constant, to: dir + "/model.safetensors")
        }
        func score(_ dir: String) throws -> Double { -abs(Double(try Self.floats(dir).values.first![0]) - 2) }
        var logged: [ModelAveraging.GreedyStep] = []
        let steps = try ModelAveraging.greedy([root + "/m10", root + "/m1", root + "/m3"], to: root + "/soup", score: score, log: { logged.append($0) })
        #expect(steps == logged)
        #expect(steps.map(\.model) == [root + "/m1", root + "/m3", root + "/m10"])
        #expect(steps.map(\.kept) == [true, true, false])
        #expect(steps.map(\.score) == [-1, -1, -8])
        #expect(abs(steps[2].soupScore - (-(14.0 / 3 - 2))) < 1e-6)
        #expect(try Self.floats(root + "/soup").values.allSatisfy { $0.allSatisfy { $0 == 2 } })
        let provenance = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/soup/average.json"))) as? [String: Any]
        #expect(provenance?["models"] as? [String] == [root + "/m1", root + "/m3"])
        #expect((provenance?["greedy"] as? [Any])?.count == 3)
        #expect(try fm.contentsOfDirectory(atPath: root).allSatisfy { !$0.contains("greedy") })  // scratch soup removed
    }

    /// Intent soups: each run's out-of-scope threshold was calibrated on its own dev split, so
    /// runs whose thresholds differ are refused without dev rows; with them the soup gets its
    /// own threshold, and no other threshold (the runs', none, everything routed) scores higher
    /// on those rows.
    @Test func intentSoupsCalibrateTheirOwnThreshold() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("soup-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        func rows(_ count: Int, seed: UInt64) -> [(String, String)] {
            ClassifierTrainingTests.toyRows(count, seed: seed) + (0..<count / 4).map { i in
                (["hi there", "thanks again", "über naïve", "what is today", "😀 please"][i % 5] + " \(["me", "my", "the"][i % 3])", "out_of_scope")
            }
        }
        let train = try Fixtures.temporaryFile("intents.csv", ClassifierTrainingTests.csv(rows(180, seed: 5)))
        try Self.train(lr: 1e-2, to: root + "/a", trainPath: train, task: .intent)
        try Self.train(lr: 3e-3, to: root + "/b", trainPath: train, task: .intent)
        let (a, b) = (try TaskModel.load(from: root + "/a"), try TaskModel.load(from: root + "/b"))
        let ta = try #require(a.description.outOfScopeThreshold)
        if b.description.outOfScopeThreshold == ta {  // make sure they differ, as separate runs' do
            b.description.outOfScopeThreshold = ta / 2
            try b.saveDescription(to: root + "/b")
        }
        let tb = try #require(b.description.outOfScopeThreshold)
        #expect(throws: TrainingError("average: \(root)/b and \(root)/a have different out-of-scope thresholds (each calibrated on its own run's dev set); "
                                      + "give --dev FILE to calibrate the soup's own")) {
            try ModelAveraging.average([root + "/a", root + "/b"], to: root + "/refused")
        }

        let dev = rows(60, seed: 11).map { LabeledText(text: $0.0, label: $0.1) }
        let threshold = try #require(try ModelAveraging.average([root + "/a", root + "/b"], to: root + "/soup", recalibrateOn: dev))
        let soup = try TaskModel.load(from: root + "/soup")
        #expect(soup.description.outOfScopeThreshold == threshold)
        func accuracy(_ t: Float?) throws -> Double {
            soup.description.outOfScopeThreshold = t
            return try ClassifierEvaluation.evaluate(model: soup, examples: dev).report.accuracy
        }
        let own = try accuracy(threshold)
        for other: Float? in [ta, tb, nil, 0, 1.01] { #expect(try own >= accuracy(other), "threshold \(String(describing: other))") }

        // Dev rows are for intent models only.
        try Self.train(lr: 1e-2, to: root + "/s1", trainPath: train)
        try Self.train(lr: 3e-3, to: root + "/s2", trainPath: train)
        #expect(throws: TrainingError("average: --dev recalibrates intent models' out-of-scope threshold; these are sentiment models")) {
            try ModelAveraging.average([root + "/s1", root + "/s2"], to: root + "/s", recalibrateOn: dev)
        }
    }
}
