import Foundation
import Testing
@testable import NLPChat

@Suite struct ClassifierTests {
    @Test func ranksEveryLabelWithConfidencesSummingToOne() {
        let ranking = Bundled.bot.classifier.rank("I lost my card")
        #expect(ranking.count == 25)
        #expect(ranking[0].intent == "card_lost")
        #expect(abs(ranking.reduce(0) { $0 + $1.confidence } - 1) < 1e-4)
        #expect(zip(ranking, ranking.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
    }

    @Test func englishAndChineseIntents() {
        let c = Bundled.bot.classifier
        #expect(c.rank("my card got declined at the supermarket")[0].intent == "card_declined")
        #expect(c.rank("how do I reset my online banking password")[0].intent == "reset_password")
        #expect(c.rank("what's the capital of Peru")[0].intent == "out_of_scope")
        #expect(c.rank("我的银行卡丢了")[0].intent == "card_lost")
        #expect(c.rank("今天美元汇率是多少")[0].intent == "exchange_rate")
        #expect(c.rank("转人工")[0].intent == "human_handoff")
    }

    /// The held-out test sets (never seen in training): the numbers the README reports.
    @Test func heldOutAccuracy() throws {
        let bot = Bundled.bot
        let en = try LabeledUtterance.readCSV(Bundled.repository + "/corpora/intents/test.csv")
        let zh = try LabeledUtterance.readCSV(Bundled.repository + "/corpora/intents-zh/test.csv")
        let enScore = IntentEvaluation(bot.classifier, on: en, threshold: bot.definition.confidenceThreshold)
        let zhScore = IntentEvaluation(bot.classifier, on: zh, threshold: bot.definition.confidenceThreshold)
        #expect(enScore.rawAccuracy >= 0.92, "\(enScore)")
        #expect(enScore.accuracy >= 0.90, "\(enScore)")
        #expect(zhScore.rawAccuracy >= 0.82, "\(zhScore)")
    }

    @Test func trainingIsSeededAndTheFileRoundTrips() throws {
        let utterances = try Bundled.bot.definition.trainingUtterances()
        let labels = ChatBot.labelOrder(Bundled.bot.definition, utterances)
        let trainer = FastTextTrainer(epochs: 5, seed: 3)
        let a = trainer.train(utterances, labels: labels), b = trainer.train(utterances, labels: labels)
        #expect(a.serialized() == b.serialized())
        let other = FastTextTrainer(epochs: 5, seed: 4).train(utterances, labels: labels)
        #expect(other.serialized() != a.serialized())

        let path = NSTemporaryDirectory() + "model-\(UUID().uuidString).bin"
        try a.save(path)
        let loaded = try FastTextIntentClassifier.load(path)
        #expect(loaded.fingerprint == a.fingerprint && loaded.labels == a.labels)
        for text in ["send £40 to Bob", "我想查余额", "🙂", ""] {
            #expect(loaded.probabilities(text) == a.probabilities(text))
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp-\(getpid())"))
    }

    @Test func corruptModelFileIsAClearError() throws {
        let path = NSTemporaryDirectory() + "bad-\(UUID().uuidString).bin"
        try Data("NLPFT001 and then nothing useful".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try FastTextIntentClassifier.load(path)
        } throws: { error in
            "\(error)".hasPrefix(path + ": not a swift-nlp intent model: ") && "\(error)".hasSuffix("(retrain with --train)")
        }
    }

    @Test func chineseGoesThroughWordSegmentation() {
        let hasher = FeatureHasher()
        // 北京 is one ICU dictionary word: its word feature equals the feature of the bare word.
        #expect(hasher.features("我爱北京").contains(hasher.hash(.word, Array("北京".utf8))))
        #expect(hasher.features("我爱北京").contains(hasher.hash(.hanChar, Array("京".utf8))))
        // Case, width and accents do not change features.
        #expect(hasher.features("CAFÉ Ｃard") == hasher.features("cafe card"))
    }
}
