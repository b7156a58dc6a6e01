import ArgumentParser
import NLPTokenizers
#if canImport(Glibc)
import Glibc
#endif

@main
struct NLP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nlp",
        abstract: "From raw text to a trained language model, in Swift, on the CPU.",
        subcommands: [NormalizeCommand.self, TokenizeCommand.self, VocabCommand.self, PretrainCommand.self,
                      FinetuneCommand.self, EvalCommand.self, PredictCommand.self, SummarizeCommand.self,
                      ImportCommand.self, EmbedCommand.self, AverageCommand.self,
                      ChatSubcommand.self]
    )
}

/// Bad input ends the command with one line on standard error and exit status 1:
///
///     nlp: notes.txt: invalid UTF-8 at line 3, byte 17 (0xC3 0x28)
///
/// A closed standard output (`nlp tokenize big.txt | head`) ends it quietly with status 0.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch OutputBuffer.Failure.closed {
        throw ExitCode.success
    } catch let error as ExitCode {
        throw error
    } catch {
        let message: String
        switch error {
        case OutputBuffer.Failure.failed(let why): message = "standard output: \(why)"
        default: message = "\(error)"
        }
        var line = Array("nlp: \(message)\n".utf8)
        _ = line.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress!, $0.count) }
        throw ExitCode.failure
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress!, $0.count) }
}
