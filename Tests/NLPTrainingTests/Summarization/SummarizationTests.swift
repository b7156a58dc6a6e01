import Testing
@testable import NLPTraining

@Suite struct SummarizationTests {
    @Test func headlineAndSentences() throws {
        let doc = try DocumentSentences("Storm hits coast\n\nWinds reached 100 mph. Homes lost power!\n\nRepairs start Monday")
        #expect(doc.headline == "Storm hits coast")
        #expect(doc.sentences == ["Winds reached 100 mph.", "Homes lost power!", "Repairs start Monday"])
        let plain = try DocumentSentences("No headline here. Just two sentences.")
        #expect(plain.headline == nil && plain.sentences.count == 2)
        let titled = try DocumentSentences("A question?\n\nBody text.")
        #expect(titled.headline == nil && titled.sentences == ["A question?", "Body text."])
        #expect(try DocumentSentences("").sentences.isEmpty)
    }

    @Test func leadK() throws {
        let doc = try DocumentSentences("Title\n\nOne. Two. Three. Four.")
        #expect(LeadSummarizer(k: 3).summarize(doc) == ["One.", "Two.", "Three."])
        #expect(LeadSummarizer(k: 9).summarize(doc).count == 4)
    }

    @Test func greedyOracleCoversTheReference() {
        let sentences = ["A storm hit the coast on Monday.", "Fans cheered at the match.", "Power was lost in ten towns.",
                         "The storm hit hard."]
        let oracle = OracleLabeler()
        #expect(oracle.select(sentences: sentences, reference: "A storm hit the coast and power was lost in ten towns.") == [0, 2])
        #expect(oracle.labels(sentences: sentences, reference: "Fans cheered.") == [0, 1, 0, 0])
        #expect(oracle.select(sentences: sentences, reference: "") == [])
        #expect(OracleLabeler(maxSentences: 1).select(sentences: sentences, reference: "storm coast power lost towns").count == 1)
    }
}
