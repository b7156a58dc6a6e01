import Foundation
import Testing
@testable import NLPModels
@testable import NLPTraining

/// The abstractive job end to end on the toy news of ExtractiveSummarizerTests: a tiny
/// encoder-decoder trained from scratch with teacher forcing must learn to write the two key
/// sentences of each document, which only cross-attention to the source can tell; with and
/// without the pointer-generator copy head.
@Suite(.serialized) struct AbstractiveSummarizerTests {
    @Test(arguments: [false, true]) func learnsToyNewsSummaries(pointerGenerator: Bool) throws {
        func jsonl(_ docs: [(String, String)]) -> String {
            docs.map { d in "{\"document\": \"\(d.0.replacingOccurrences(of: "\n", with: "\\n"))\", \"summary\": \"\(d.1)\"}\n" }.joined()
        }
        let train = try Fixtures.temporaryFile("abs-train.jsonl", jsonl(ExtractiveSummarizerTests.documents(160, seed: 1)))
        let test = try Fixtures.temporaryFile("abs-test.jsonl", jsonl(ExtractiveSummarizerTests.documents(20, seed: 2)))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("abs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = FinetuneOptions(task: .summarize)
        options.epochs = 40
        options.learningRate = 3e-3
        options.batchSize = 16
        options.patience = 40
        options.evalEvery = 50
        options.sequenceLength = 96
        var job = AbstractiveSummarizerJob(options: options, trainPath: train, output: dir)
        job.size.hidden = 32
        job.size.layers = 1
        job.size.heads = 2
        job.size.dropout = 0
        job.targetLength = 40
        job.labelSmoothing = 0
        job.scratchVocabularySize = 300
        job.pointerGenerator = pointerGenerator
        job.log = { _ in }
        let result = try job.run()
        #expect(result.bestDevLoss < 0.3, "dev loss \(result.bestDevLoss)")

        let summarizer = try AbstractiveSummarizer.load(from: dir)
        #expect(AbstractiveSummarizer.isAbstractive(dir) && SummarizerModel.isSummarizer(dir))
        let pairs = try SummarizationData.load(path: test).pairs
        #expect(summarizer.model.config.pointerGenerator == pointerGenerator)
        // The decoding defaults travel with the model (task.json "generation").
        #expect(summarizer.generation == GenerationOptions(beams: 4, noRepeatNgram: 3, maxLength: 40))
        summarizer.generation = GenerationOptions(maxLength: 40)
        let greedy = try SummaryEvaluation.evaluate(pairs) { try summarizer.summarize($0.document) }
        // `nlp eval` streams the file; same scores as the pairs in memory.
        let streamed = try SummaryEvaluation.evaluate(path: test) { try summarizer.summarize($0.document) }.scores
        #expect(streamed.count == pairs.count && streamed.rouge2 == greedy.rouge2 && streamed.rougeL == greedy.rougeL)
        summarizer.generation = GenerationOptions(beams: 3, noRepeatNgram: 4, maxLength: 40)
        let beam = try SummaryEvaluation.evaluate(pairs) { try summarizer.summarize($0.document) }
        #expect(greedy.rouge2 > 0.8, "greedy ROUGE-2 \(greedy.rouge2)")
        #expect(beam.rouge2 > 0.8, "beam ROUGE-2 \(beam.rouge2)")
        // The in-memory model of the job is the saved best checkpoint.
        let doc = pairs[0].document
        summarizer.generation = result.summarizer.generation
        #expect(try result.summarizer.summaryIDs(doc) == summarizer.summaryIDs(doc))
        #expect(throws: TrainingError.self) { try SummarizerModel.load(from: dir, sentences: nil) }
    }
}
