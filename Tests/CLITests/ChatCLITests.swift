import Foundation
import Testing

/// A private copy of the bundled bot (definition + both intent sets, same relative layout), so
/// tests can train, save and break it without touching the repository.
enum ChatBotCopy {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func make() throws -> String {
        let root = try CLI.temporaryDirectory()
        let fm = FileManager.default
        for dir in ["bot", "intents", "intents-zh"] {
            try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        try fm.copyItem(atPath: repository + "/corpora/bot/bank-bot.yaml", toPath: root + "/bot/bank-bot.yaml")
        for file in ["intents/train.csv", "intents/test.csv", "intents-zh/train.csv", "intents-zh/test.csv"] {
            try fm.copyItem(atPath: repository + "/corpora/" + file, toPath: root + "/" + file)
        }
        return root + "/bot"
    }

    /// One trained copy shared by the tests that only talk to the bot.
    static let trained: String = {
        let bot = try! make()
        _ = try! CLI.run(["chat", "--bot", bot, "--train"])
        return bot
    }()

    static func chat(_ input: String, _ extra: [String] = []) throws -> CLIResult {
        try CLI.run(["chat", "--bot", trained] + extra, stdin: Data(input.utf8))
    }
}

@Suite struct ChatCLITests {
    @Test func pipedLineGetsTheReply() throws {
        let r = try ChatBotCopy.chat("I lost my card\n")
        #expect(r.status == 0)
        #expect(r.stdout == "What are the last four digits of the card?\n")
        #expect(r.stderr.isEmpty)  // trained model on disk: no training note
    }

    @Test func firstUseTrainsAndSaysSoOnStandardError() throws {
        let bot = try ChatBotCopy.make()
        let r = try CLI.run(["chat", "--bot", bot], stdin: Data("hello\n".utf8))
        #expect(r.status == 0 && r.stdout.hasPrefix("H"))
        #expect(r.stderr.contains("no trained intent model in \(bot); training the built-in classifier on 1338 utterances"))
        #expect(!FileManager.default.fileExists(atPath: bot + "/intent-model.bin"))  // only --train writes
    }

    @Test func trainSavesTheModelAtomically() throws {
        let bot = try ChatBotCopy.make()
        let r = try CLI.run(["chat", "--bot", bot, "--train"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("saved \(bot)/intent-model.bin"))
        let files = try FileManager.default.contentsOfDirectory(atPath: bot).sorted()
        #expect(files == ["bank-bot.yaml", "intent-model.bin"])
    }

    @Test func conversationFillsASlotAcrossTurns() throws {
        let r = try ChatBotCopy.chat("I lost my card\n4821\nyes\n")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(lines[0] == "What are the last four digits of the card?")
        #expect(lines[1].hasPrefix("I'll freeze the card ending 4821 now."))
        #expect(lines[2].contains("4821") && lines[2] != lines[1])
    }

    @Test func fallbackResetChineseAndEmptyLine() throws {
        let input = "what's the weather like in Paris tomorrow\nI lost my card\n/reset\n4821\n\n我的卡丢了\n"
        let lines = try ChatBotCopy.chat(input).stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("Sorry, I can only help with banking questions. I can help with "))
        #expect(lines[1] == "What are the last four digits of the card?")
        #expect(lines[2] == "OK, let's start over.")
        #expect(!lines[3].contains("freeze"))  // the question was forgotten: 4821 is no longer an answer
        #expect(lines[4] == "Please type a message, or /help for the commands.")
        #expect(lines[5] == "请提供卡号后四位。")
    }

    @Test func megabyteLine() throws {
        let big = "I lost my card " + String(repeating: "x", count: 1 << 20) + "\n4821\n"
        let r = try ChatBotCopy.chat(big)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(r.status == 0 && lines.count == 2)
        #expect(lines[0].hasPrefix("(That message was very long; I read its first 4096 bytes.)"))
    }

    @Test func invalidUTF8LineThenTheConversationGoesOn() throws {
        var input = Data("I lost my card\n".utf8)
        input.append(contentsOf: [0x34, 0x38, 0xFF, 0x0A])
        input.append(Data("4821\n".utf8))
        let r = try CLI.run(["chat", "--bot", ChatBotCopy.trained], stdin: input)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(r.status == 0 && lines.count == 3)
        #expect(lines[1] == "Sorry, I couldn't read that message: invalid UTF-8 at byte 3 (0xFF). Please type it again.")
        #expect(lines[2].hasPrefix("I'll freeze the card ending 4821"))
    }

    @Test func endOfInputWithoutNewlineAndQuit() throws {
        let r = try ChatBotCopy.chat("I lost my card")
        #expect(r.status == 0 && r.stdout == "What are the last four digits of the card?\n")
        let q = try ChatBotCopy.chat("/quit\nI lost my card\n")
        #expect(q.status == 0 && q.stdout == "Goodbye!\n")
        let empty = try ChatBotCopy.chat("")
        #expect(empty.status == 0 && empty.stdout.isEmpty)
    }

    @Test func transcriptAppendsOneObjectPerTurn() throws {
        let path = try CLI.temporaryDirectory() + "/t.jsonl"
        _ = try ChatBotCopy.chat("I lost my card\n4821\n", ["--transcript", path])
        _ = try ChatBotCopy.chat("hello\n", ["--transcript", path])
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.map { $0["user"] as? String } == ["I lost my card", "4821", "hello"])
        #expect(objects[0]["reply"] as? String == "What are the last four digits of the card?")
        #expect(((objects[0]["ranking"] as? [[String: Any]])?.first?["intent"] as? String) == "card_lost")
        #expect((objects[1]["slots"] as? [String: String]) == ["card_last4": "4821"])
    }

    @Test func debugPrintsJSONAfterEachReply() throws {
        let lines = try ChatBotCopy.chat("/debug\nsend £5 to Dan\n").stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let object = try JSONSerialization.jsonObject(with: Data(lines[3].utf8)) as! [String: Any]
        #expect(object["intent"] as? String == "transfer_money")
        #expect((object["slots"] as? [String: String]) == ["amount": "£5", "payee": "Dan"])
    }

    @Test func sameSeedSameReplies() throws {
        let input = "hello\nthanks\nhi\nthank you\nbye\n"
        #expect(try ChatBotCopy.chat(input, ["--seed", "7"]).stdout == ChatBotCopy.chat(input, ["--seed", "7"]).stdout)
    }

    @Test func badDefinitionIsAOneLineError() throws {
        let bot = try ChatBotCopy.make()
        let path = bot + "/bank-bot.yaml"
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "Done! {amount} is on its way to {payee}.", with: "Done! {amount} is on its way to {payeee}.")
        try CLI.write(yaml, path)
        let r = try CLI.run(["chat", "--bot", bot], stdin: Data("hi\n".utf8))
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("nlp: \(path):"))
        #expect(r.stderr.hasSuffix(": intents.transfer_money.responses[0]: {payeee} is not a slot of the bot\n"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        let missing = try CLI.run(["chat", "--bot", "/no/such/bot"])
        #expect(missing.status == 1 && missing.stderr == "nlp: /no/such/bot: no such file or directory\n")
    }
}
