import Foundation
@testable import NLPChat

/// The bundled bank bot (corpora/bot), trained once in memory for all tests (never written).
enum Bundled {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let botPath = repository + "/corpora/bot"
    static let bot: ChatBot = try! ChatBot.open(botPath, train: .ifMissing)

    static func engine(seed: UInt64 = 1) -> DialogueEngine { try! bot.engine(seed: seed) }
}

/// Writes a definition (and optional files beside it) to a fresh temporary directory.
func temporaryBot(_ yaml: String, name: String = "bot.yaml", files: [String: String] = [:]) throws -> String {
    let dir = NSTemporaryDirectory() + "nlpchat-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try yaml.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    for (file, text) in files { try text.write(toFile: dir + "/" + file, atomically: true, encoding: .utf8) }
    return dir
}

/// A small valid definition; tests break one thing in it at a time.
let minimalBot = """
bot:
  name: Test Bot
  confidence_threshold: 0.4
slots:
  amount:
    pattern: '(£\\d+)'
    prompt: "How much?"
intents:
  transfer_money:
    required_slots: [amount]
    examples: ["send money", "transfer cash", "pay someone"]
    responses: ["Sent {amount}."]
  greeting:
    examples: ["hello", "hi there", "good morning"]
    responses: ["Hello!"]
titles:
  greeting: "say hello"
"""

func definitionError(_ yaml: String, files: [String: String] = [:]) -> String {
    do {
        let dir = try temporaryBot(yaml, files: files)
        let definition = try BotDefinition.load(dir)
        _ = try definition.trainingUtterances()
        return "no error"
    } catch {
        return "\(error)"
    }
}
