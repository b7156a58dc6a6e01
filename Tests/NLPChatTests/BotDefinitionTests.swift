import Foundation
import Testing
@testable import NLPChat

@Suite struct BotDefinitionTests {
    @Test func bundledBotLoads() throws {
        let bot = Bundled.bot.definition
        #expect(bot.name == "Northwind Bank Assistant")
        #expect(bot.locales == ["en", "zh"])
        #expect(bot.intentOrder.count == 25)
        #expect(bot.slots.count == 11)
        #expect(bot.intents["card_lost"]?.requiredSlots == ["card_last4"])
        #expect(bot.intents["card_lost"]?.confirm?.value("zh").contains("冻结") == true)
        #expect(bot.handoffIntent == "human_handoff")
        #expect(bot.intents["goodbye"]?.reset == true)
        #expect(bot.faq?.items.count == 24)
        #expect(bot.title(of: "card_lost", locale: "zh") == "挂失银行卡")
        #expect(bot.title(of: "open_account", locale: "zh") == "open an account")  // falls back to English
        #expect(try bot.trainingUtterances().count == 1030 + 308)
    }

    @Test func minimalBotLoadsFromADirectoryOrAFile() throws {
        let dir = try temporaryBot(minimalBot)
        #expect(try BotDefinition.load(dir).intentOrder == ["transfer_money", "greeting"])
        #expect(try BotDefinition.load(dir + "/bot.yaml").confidenceThreshold == 0.4)
    }

    @Test func jsonDefinition() throws {
        let json = """
        {"bot": {"name": "J"}, "intents": {"hello": {"examples": ["hi"], "responses": ["Hi!"]}}}
        """
        let dir = try temporaryBot(json, name: "bot.json")
        let bot = try BotDefinition.load(dir)
        #expect(bot.name == "J" && bot.intents["hello"]?.responses.value("en") == ["Hi!"])
    }

    @Test func placeholderThatIsNoSlot() {
        let yaml = minimalBot.replacingOccurrences(of: "[\"Sent {amount}.\"]", with: "[\"Sent {amount}.\", \"Sent {amout}.\"]")
        let message = definitionError(yaml)
        #expect(message.hasSuffix("bot.yaml:12: intents.transfer_money.responses[1]: {amout} is not a slot of the bot"), "\(message)")
    }

    @Test func placeholderOfAnotherIntentsSlot() {
        let yaml = minimalBot.replacingOccurrences(of: "responses: [\"Hello!\"]", with: "responses: [\"Hello {amount}!\"]")
        #expect(definitionError(yaml).hasSuffix("bot.yaml:15: intents.greeting.responses[0]: {amount} is not in this intent's required_slots or optional_slots"))
    }

    @Test func unknownSlotInRequiredSlots() {
        let yaml = minimalBot.replacingOccurrences(of: "required_slots: [amount]", with: "required_slots: [amount, payee]")
        #expect(definitionError(yaml).hasSuffix("bot.yaml:10: intents.transfer_money.required_slots[1]: \"payee\" is not a slot (slots: amount)"))
    }

    @Test func badRegex() {
        let yaml = minimalBot.replacingOccurrences(of: "'(£\\d+)'", with: "'(£\\d+'")
        let message = definitionError(yaml)
        #expect(message.hasSuffix("bot.yaml:6: slots.amount.pattern: invalid regular expression \"(£\\\\d+\""), "\(message)")
    }

    @Test func unknownIntentInTitles() {
        let yaml = minimalBot.replacingOccurrences(of: "  greeting: \"say hello\"", with: "  greting: \"say hello\"")
        #expect(definitionError(yaml).hasSuffix("bot.yaml:17: titles.greting: \"greting\" is not an intent (intents: transfer_money, greeting)"))
    }

    @Test func unknownKeyIsATypo() {
        let yaml = minimalBot.replacingOccurrences(of: "    responses: [\"Hello!\"]", with: "    respones: [\"Hello!\"]")
        let message = definitionError(yaml)
        #expect(message.contains("bot.yaml:15: intents.greeting.respones: unknown key (expected one of: "), "\(message)")
    }

    @Test func fallbackOptionPlaceholders() {
        let yaml = minimalBot + "\nfallback:\n  low_confidence: [\"Did you mean {option1} or {option3}?\"]\n"
        #expect(definitionError(yaml).contains("fallback.low_confidence[0]: {option3} is not allowed in a fallback message"))
    }

    @Test func trainingCSVWithUnknownLabel() {
        let yaml = minimalBot.replacingOccurrences(of: "  confidence_threshold: 0.4", with: "  confidence_threshold: 0.4\n  training_data:\n    en: data.csv")
        let message = definitionError(yaml, files: ["data.csv": "text,label\nhey,greeting\n\"send, now\",transfer_money\nbye,goodbye\n"])
        #expect(message.hasSuffix("data.csv:4: label \"goodbye\" is not an intent of the bot"), "\(message)")
    }

    @Test func missingTrainingFile() {
        let yaml = minimalBot.replacingOccurrences(of: "  confidence_threshold: 0.4", with: "  confidence_threshold: 0.4\n  training_data:\n    en: nowhere.csv")
        #expect(definitionError(yaml).contains("bot.yaml:5: bot.training_data.en: no such file: "))
    }

    @Test func intentWithoutExamples() {
        let yaml = minimalBot.replacingOccurrences(of: "    examples: [\"hello\", \"hi there\", \"good morning\"]\n", with: "")
        #expect(definitionError(yaml).hasSuffix("bot.yaml: intents.greeting: no training utterances (add `examples:` or rows to a training_data CSV)"))
    }

    @Test func yamlSyntaxErrorIsOneLine() {
        let message = definitionError("bot:\n  name: [unclosed\nintents: {}\n")
        #expect(!message.contains("\n") && message.contains("bot.yaml: "), "\(message)")
    }

    @Test func thresholdOutOfRange() {
        let yaml = minimalBot.replacingOccurrences(of: "confidence_threshold: 0.4", with: "confidence_threshold: 1.5")
        #expect(definitionError(yaml).hasSuffix("bot.yaml:3: bot.confidence_threshold: expected a number in 0.0...1.0"))
    }

    @Test func directoryWithoutDefinition() throws {
        let dir = NSTemporaryDirectory() + "nlpchat-empty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(throws: BotDefinitionError.self) { try BotDefinition.load(dir) }
    }
}
