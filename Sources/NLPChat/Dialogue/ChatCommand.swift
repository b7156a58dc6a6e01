/// The REPL's slash commands; anything else starting with "/" is an ordinary message.
enum ChatCommand {
    case help, reset, debug, quit

    init?(_ text: String) {
        switch text.lowercased() {
        case "/help", "/?": self = .help
        case "/reset": self = .reset
        case "/debug": self = .debug
        case "/quit", "/exit", "/bye": self = .quit
        default: return nil
        }
    }

    static func help(_ bot: BotDefinition, locale: String) -> String {
        let topics = bot.intentOrder.filter { $0 != bot.outOfScopeLabel }.prefix(8).map { bot.title(of: $0, locale: locale) }
        return "I'm \(bot.name). Ask me in your own words, for example about: \(topics.joined(separator: ", ")). "
            + "Commands: /help this text, /reset start over, /debug show intents, confidences, slots and state as JSON, /quit leave (or Ctrl-D)."
    }
}
