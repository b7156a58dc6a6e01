import ArgumentParser
import NLPChat
#if canImport(Glibc)
import Glibc
#endif

/// `nlp chat --bot DIR`: a REPL in front of a bot; the conversation logic is NLPChat's.
struct ChatSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk to a customer-service bot (a directory with a bot definition).",
        discussion: """
            On a terminal: line editing, history (Up/Down, Ctrl-R), /help /reset /debug /quit, Ctrl-D or \
            Ctrl-C to leave. With standard input from a pipe or file, one reply line per input line:
              printf 'I lost my card\\n' | nlp chat --bot corpora/bot
            """)

    @Option(help: "The bot: a directory with bot.yaml (or one .yaml/.json definition), or the file itself.")
    var bot: String

    @Flag(help: "Train the built-in intent classifier and save it in the bot directory (atomically) before chatting.")
    var train = false

    @Option(help: "Append one JSON object per turn to this file (JSONL).")
    var transcript: String?

    @Option(help: "Seed for choosing among a reply's alternatives.")
    var seed: UInt64 = 0

    func run() throws {
        try runReportingErrors {
            let chatBot = try ChatBot.open(bot, train: train ? .always : .ifMissing) { printError("nlp: " + $0) }
            let engine = try chatBot.engine(seed: seed)
            let writer = try transcript.map { try TranscriptWriter(path: $0) }
            defer { writer?.close() }
            installChatInterruptHandler()

            let interactive = isatty(0) == 1 && isatty(1) == 1
            var input: ChatInput = PlainInput()
            if interactive, let terminal = TerminalInput(prompt: "you> ") { input = terminal }
            defer { input.close() }
            let replyPrefix = interactive ? "bot> " : ""
            if interactive {
                say("\(chatBot.definition.name). Ask me anything about your account; /help for commands, Ctrl-D to leave.")
            }

            loop: while true {
                switch input.next() {
                case .end, .interrupted:
                    if interactive { say("") }
                    break loop
                case .line(let bytes):
                    let turn = engine.respond(toLine: bytes)
                    try writer?.append(turn)
                    guard say(replyPrefix + turn.reply) else { break loop }
                    if engine.debug { say(turn.debugJSON()) }
                    if turn.endsSession || chatInterrupted != 0 { break loop }
                }
            }
        }
    }

    /// Writes a line to standard output; false once the reader has gone (a closed pipe).
    @discardableResult
    private func say(_ text: String) -> Bool {
        let bytes = Array((text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }
}
