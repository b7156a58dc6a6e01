import Foundation
import NLPTraining
import Testing
@testable import NLPChat

/// A tiny intent model for `minimalBot`, fine-tuned once here with the finetune API (bag-of-words
/// encoder, a few epochs on a toy set written below, well under a second).
enum TinyIntentModel {
    static let directory: String = {
        let dir = NSTemporaryDirectory() + "nlpchat-intent-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cues = ["transfer_money": ["send money", "transfer cash", "pay someone", "wire funds"],
                    "greeting": ["hello", "hi there", "good morning", "hey"],
                    "out_of_scope": ["what is the weather", "tell me a joke", "who won the match", "recipe for soup"]]
        let noise = ["please", "now", "today", "thanks", "ok", "again"]
        var rows = "text,label\n"
        var i = 0
        for round in 0..<20 {
            for label in cues.keys.sorted() {
                let cue = cues[label]![round % 4]
                rows += "\"\(round % 2 == 0 ? cue + " " + noise[i % noise.count] : noise[i % noise.count] + " " + cue)\",\(label)\n"
                i += 1
            }
        }
        try! rows.write(toFile: dir + "/train.csv", atomically: true, encoding: .utf8)
        var options = FinetuneOptions(task: .intent)
        options.epochs = 40
        options.learningRate = 0.05
        options.batchSize = 8
        options.patience = 40
        options.dropout = 0
        options.devFraction = 0.2
        var job = FinetuneJob(options: options, trainPath: dir + "/train.csv", output: dir + "/model")
        job.architecture = "bow"
        job.size.hidden = 32
        job.scratchVocabularySize = 120
        job.log = { _ in }
        _ = try! job.run()
        return dir + "/model"
    }()
}

@Suite(.serialized) struct TransformerIntentTests {
    @Test func rankingIsTheModelsProbabilitiesBestFirst() throws {
        let classifier = try TransformerIntentClassifier(directory: TinyIntentModel.directory)
        #expect(Set(classifier.labels) == ["transfer_money", "greeting", "out_of_scope"])
        let ranking = classifier.rank("hello")
        #expect(ranking.map(\.intent).count == 3)
        #expect(abs(ranking.map(\.confidence).reduce(0, +) - 1) < 1e-4)
        let model = try TaskModel.load(from: TinyIntentModel.directory)
        let p = try model.predict(["send money please"])[0]
        let r = classifier.rank("send money please")
        #expect(r.map(\.intent) == p.ranked.map(\.label))
        #expect(r.first?.intent == "transfer_money")
    }

    @Test func theOutOfScopeGateMovesOutOfScopeFirst() throws {
        let classifier = try TransformerIntentClassifier(directory: TinyIntentModel.directory)
        classifier.model.description.outOfScopeThreshold = 1.01
        let ranking = classifier.rank("send money")
        #expect(ranking.first?.intent == "out_of_scope" && ranking.count == 3)
        #expect(abs(ranking.map(\.confidence).reduce(0, +) - 1) < 1e-4)
    }

    @Test func intentModelInTheDefinitionDrivesTheDialogue() throws {
        let dir = try temporaryBot(minimalBot.replacingOccurrences(of: "  confidence_threshold: 0.4",
                                                                   with: "  confidence_threshold: 0.4\n  intent_model: \(TinyIntentModel.directory)"))
        let bot = try ChatBot.open(dir)
        #expect(bot.classifier is TransformerIntentClassifier)
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + ChatBot.modelFileName))
        let engine = try bot.engine(seed: 1)
        #expect(engine.respond(to: "hello").reply == "Hello!")
        #expect(engine.respond(to: "send money").reply == "How much?")
        #expect(engine.respond(to: "£40").reply == "Sent £40.")
    }

    @Test func theOpenArgumentOverridesTheBuiltInClassifier() throws {
        let dir = try temporaryBot(minimalBot)
        #expect(try ChatBot.open(dir, intentModel: TinyIntentModel.directory).classifier is TransformerIntentClassifier)
        #expect(try ChatBot.open(dir).classifier is FastTextIntentClassifier)
    }

    @Test func aModelForAnotherBotIsRefusedInOneLine() throws {
        let yaml = minimalBot.replacingOccurrences(of: "  greeting:\n    examples: [\"hello\", \"hi there\", \"good morning\"]\n    responses: [\"Hello!\"]\n", with: "")
            .replacingOccurrences(of: "titles:\n  greeting: \"say hello\"", with: "")
        let dir = try temporaryBot(yaml)
        do {
            _ = try ChatBot.open(dir, intentModel: TinyIntentModel.directory)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("bot.intent_model: \(TinyIntentModel.directory) predicts labels that are not intents of the bot: greeting"))
        }
        #expect(throws: (any Error).self) { try ChatBot.open(try temporaryBot(minimalBot), intentModel: "/nonexistent") }
    }
}
