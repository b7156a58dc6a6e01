import Foundation
import NLPModels
import Testing
@testable import NLPChat

/// The committed tiny BERT (random weights, 32 dims, its own tokenizer.json): enough to prove the
/// plumbing (embed once, cosine, threshold, selection by YAML or flag) without the peers.
enum TinyEmbeddingModel {
    static let directory = Bundled.repository + "/Tests/NLPModelsTests/Fixtures/tiny_bert_st"
    static let items: [(question: String, answer: String)] = [
        ("What are your opening hours?", "24/7 in the app."),
        ("Is my money protected?", "Yes, up to £85,000."),
        ("Can I use my card abroad?", "Yes, wherever Visa is accepted."),
    ]

    /// A bot directory whose faq.embedding_model names the tiny model by a path relative to the YAML.
    static func bot(threshold: Float) throws -> String {
        let faq = items.map { "    - q: \"\($0.question)\"\n      a: \"\($0.answer)\"" }.joined(separator: "\n")
        let dir = try temporaryBot(minimalBot + "\nfaq:\n  threshold: \(threshold)\n  embedding_model: models/tiny\n  items:\n" + faq + "\n")
        try FileManager.default.createDirectory(atPath: dir + "/models", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/models/tiny", withDestinationPath: directory)
        return dir
    }
}

@Suite struct EmbeddingFAQTests {
    @Test func similaritiesAreTheCosinesOfTheEmbedderVectors() throws {
        let retriever = try EmbeddingFAQRetriever(items: TinyEmbeddingModel.items, modelDirectory: TinyEmbeddingModel.directory)
        let message = "are my savings safe?"
        let embedder = try TextEmbedder(directory: TinyEmbeddingModel.directory)
        let vectors = try embedder.embed([message] + TinyEmbeddingModel.items.map(\.question))
        let expected = vectors.dropFirst().map { v in zip(v, vectors[0]).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
        let got = try #require(retriever.similarities(message))
        #expect(got.count == 3)
        for (g, e) in zip(got, expected) { #expect(abs(g - e) < 1e-5) }
        let best = try #require(retriever.best(message))
        #expect(best.index == expected.indices.max { expected[$0] < expected[$1] })
        #expect(best.answer == TinyEmbeddingModel.items[best.index].answer)
    }

    @Test func aQuestionVerbatimMatchesItselfAtCosineOne() throws {
        let retriever = try EmbeddingFAQRetriever(items: TinyEmbeddingModel.items, modelDirectory: TinyEmbeddingModel.directory)
        for (i, item) in TinyEmbeddingModel.items.enumerated() {
            let match = try #require(retriever.best(item.question))
            #expect(match.index == i)
            #expect(match.similarity > 0.9999)
        }
        #expect(retriever.best("   ") == nil)
    }

    @Test func embeddingModelInTheDefinitionSelectsTheRetrieverAndItsThresholdApplies() throws {
        let dir = try TinyEmbeddingModel.bot(threshold: 0.999)
        let bot = try ChatBot.open(dir)
        #expect(bot.definition.faq?.embeddingModel == dir + "/models/tiny")
        let retriever = try #require(bot.faq as? EmbeddingFAQRetriever)
        let engine = try bot.engine(seed: 1)
        let hit = engine.respond(to: "Is my money protected?")
        #expect(hit.action == .faq && hit.reply == "Yes, up to £85,000.")
        let far = "please send money to my landlord"
        #expect(try #require(retriever.best(far)).similarity < 0.999)
        #expect(engine.respond(to: far).action != .faq)
    }

    @Test func withoutAModelTheFAQStaysTFIDF() throws {
        let dir = try temporaryBot(minimalBot + "\nfaq:\n  items:\n    - q: \"Is my money protected?\"\n      a: \"Yes.\"\n")
        #expect(try ChatBot.open(dir).faq is TFIDFRetriever)
    }

    @Test func theOpenArgumentOverridesTheDefinition() throws {
        let dir = try temporaryBot(minimalBot + "\nfaq:\n  items:\n    - q: \"Is my money protected?\"\n      a: \"Yes.\"\n")
        #expect(try ChatBot.open(dir, faqModel: TinyEmbeddingModel.directory).faq is EmbeddingFAQRetriever)
    }

    @Test func aMissingModelDirectoryIsAOneLineError() throws {
        let message = definitionError(minimalBot + "\nfaq:\n  embedding_model: nowhere\n  items:\n    - q: \"a\"\n      a: \"b\"\n")
        #expect(message.contains("faq.embedding_model") || message.contains("no such model directory"))
        #expect(message.contains("no such model directory") && !message.contains("\n"))
    }
}
