import Foundation
import Testing
@testable import NLPTraining

/// `nlp eval` streams its data; the streamed scores must be exactly those of the data loaded whole,
/// whatever the chunk size (chunks that split the file mid-class, an unknown label, skipped rows).
@Suite(.serialized) struct StreamingEvaluationTests {
    @Test func streamedEvaluationEqualsTheWholeFileEvaluation() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stream-eval-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let train = try Fixtures.temporaryFile("train.csv", ClassifierTrainingTests.csv(ClassifierTrainingTests.toyRows(120, seed: 1)))
        var options = FinetuneOptions(task: .classify)
        options.epochs = 2
        options.learningRate = 0.01
        options.dropout = 0
        var job = FinetuneJob(options: options, trainPath: train, output: dir + "/model")
        job.architecture = "bow"
        job.size.hidden = 16
        job.scratchVocabularySize = 200
        job.log = { _ in }
        _ = try job.run()
        let model = try TaskModel.load(from: dir + "/model")

        // Two epochs leave some errors, so the matrices have off-diagonal counts to compare.
        var rows = ClassifierTrainingTests.toyRows(50, seed: 9)
        rows.insert(("my invoice again", "refunds"), at: 17)  // a label the model never saw
        let text = ClassifierTrainingTests.csv(rows) + "\"  \",cards\n"
        let test = try Fixtures.temporaryFile("test.csv", text)
        let (examples, wholeReport) = try ClassificationData.load(path: test)
        let whole = try ClassifierEvaluation.evaluate(model: model, examples: examples)
        for chunk in [1, 7, 32, 1024] {
            let (streamed, report) = try ClassifierEvaluation.evaluate(model: model, path: test, chunkSize: chunk, batchSize: 5)
            #expect(streamed.report == whole.report, "chunk \(chunk)")
            #expect(streamed.unknownLabels.map(\.label) == ["refunds"] && streamed.unknownLabels[0].count == 1)
            #expect(report == wholeReport && report.skippedEmptyText == 1 && report.kept == 51)
        }
        #expect(whole.report.confusion.total == 51)
        #expect(throws: DatasetError.empty(path: test + ".blank.csv")) {
            let blank = test + ".blank.csv"
            try Data("text,label\n,cards\n".utf8).write(to: URL(fileURLWithPath: blank))
            _ = try ClassifierEvaluation.evaluate(model: model, path: blank)
        }
    }
}
