import ArgumentParser
import NLPTokenizers
import NLPUnicode

extension NormalizationForm: ExpressibleByArgument {}

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Normalise text line by line (Unicode form, lowercase, accents).")

    @Option(help: "Unicode normalisation form: nfc, nfd, nfkc or nfkd.")
    var form: NormalizationForm = .nfc

    @Flag(help: "Lowercase (full Unicode lowercasing).")
    var lowercase = false

    @Flag(help: "Remove accents (decompose, drop nonspacing marks, recompose).")
    var stripAccents = false

    @Flag(help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
    var lossy = false

    @Option(help: "Worker threads.")
    var threads = 2

    @Argument(help: "Input files (standard input when none).")
    var files: [String] = []

    func validate() throws {
        guard form != .nfkcCasefold else { throw ValidationError("--form must be nfc, nfd, nfkc or nfkd") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let normalizer = TextNormalizer(form: form, lowercase: lowercase, stripAccents: stripAccents)
        try runReportingErrors {
            try LineStream.run(paths: files, lossy: lossy, threads: threads, output: OutputBuffer()) { line, out in
                out.append(contentsOf: normalizer.normalize(String(decoding: line, as: UTF8.self)).utf8)
            }
        }
    }
}
