import Foundation
import Testing

/// `nlp chat --faq-model DIR` / `--intent-model DIR`: the optional model-backed parts of a bot.
extension ChatCLITests {
    static let tinyEmbeddingModel = ChatBotCopy.repository + "/Tests/NLPModelsTests/Fixtures/tiny_bert_st"

    @Test func faqModelFlagAnswersTheFAQByEmbeddings() throws {
        let r = try ChatBotCopy.chat("What are your opening hours?\n", ["--faq-model", Self.tinyEmbeddingModel])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("The app and this chat are available 24/7."))
        #expect(r.stderr.contains("embedded 24 FAQ questions with \(Self.tinyEmbeddingModel)"))
    }

    @Test func faqModelFlagWithNoModelIsAOneLineError() throws {
        let r = try ChatBotCopy.chat("hello\n", ["--faq-model", "/nonexistent/model"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("/nonexistent/model: no such model directory"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
