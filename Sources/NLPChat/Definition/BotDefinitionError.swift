/// A problem in a bot definition, pointing at the file, line and key path, in one line:
///
///     corpora/bot/bank-bot.yaml:57: slots.card_last4.pattern: invalid regular expression: missing ')'
///     corpora/intents/train.csv:12: label "card_lst" is not an intent of the bot
public struct BotDefinitionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem has no single line (a missing key).
    public var line: Int
    /// Dotted key path inside the definition ("intents.card_lost.responses[1]"); empty for CSV rows.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        var text = file
        if line > 0 { text += ":\(line)" }
        text += ": "
        if !keyPath.isEmpty { text += keyPath + ": " }
        return text + message
    }
}
