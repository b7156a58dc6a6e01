import Foundation
import Testing
@testable import NLPTraining

@Suite(.serialized) struct ExtractiveSummarizerTests {
    /// Toy news: a headline, then filler sentences and, at random places, sentences that carry the
    /// story (they mention money or officials); the reference summary is those sentences. The
    /// extractive model must learn to find them where Lead-3 cannot.
    static func documents(_ count: Int, seed: UInt64) -> [(String, String)] {
        let key = ["The council approved a budget of four million pounds.", "Officials said the new bridge opens in May.",
                   "The minister promised two hundred extra nurses.", "Profits rose by ten percent to eight million."]
        let filler = ["Residents were asked about the weather.", "A local café changed its menu.", "Traffic was calm on Sunday.",
                      "Children played in the park after school.", "The library extended its hours.", "Birds returned to the lake."]
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { _ in
            var body = (0..<6).map { _ in filler[next(filler.count)] }
            var chosen: [String] = []
            for _ in 0..<2 {
                let s = key[next(key.count)]
                body.insert(s, at: 3 + next(body.count - 2))
                chosen.append(s)
            }
            let summary = body.filter { key.contains($0) }.joined()
            return ("Town news\n\n" + body.joined(separator: " "), summary)
        }
    }

    @Test func extractiveModelBeatsLead3OnToyNews() throws {
        func jsonl(_ docs: [(String, String)]) -> String {
            docs.map { d in
                let doc = d.0.replacingOccurrences(of: "\n", with: "\\n")
                return "{\"document\": \"\(doc)\", \"summary\": \"\(d.1)\"}\n"
            }.joined()
        }
        let train = try Fixtures.temporaryFile("train.jsonl", jsonl(Self.documents(120, seed: 1)))
        let test = try Fixtures.temporaryFile("test.jsonl", jsonl(Self.documents(30, seed: 2)))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sum-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = FinetuneOptions(task: .summarize)
        options.epochs = 6
        options.learningRate = 0.01
        options.batchSize = 32
        options.patience = 6
        options.dropout = 0
        var job = SummarizerJob(options: options, trainPath: train, output: dir)
        job.architecture = "bow"
        job.size.hidden = 32
        job.scratchVocabularySize = 300
        job.log = { _ in }
        _ = try job.run()

        let model = try SummarizerModel.load(from: dir, sentences: nil)
        let pairs = try SummarizationData.load(path: test).pairs
        let ours = try SummaryEvaluation.evaluate(pairs) { try model.summarize($0.document) }
        let lead = try LeadDocumentSummarizer(k: 3)
        let baseline = try SummaryEvaluation.evaluate(pairs) { try lead.summarize($0.document) }
        #expect(ours.rouge1 > 0.95 && ours.rouge2 > 0.95 && ours.rougeL > 0.95)
        #expect(ours.rouge1 > baseline.rouge1 && ours.rouge2 > baseline.rouge2 && ours.rougeL > baseline.rougeL)
        #expect(SummarizerModel.isSummarizer(dir))
        #expect(throws: TrainingError.self) { try SummarizerModel.load(from: dir + "/nowhere", sentences: nil) }
    }
}
