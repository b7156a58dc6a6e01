import ArgumentParser
import NLPTokenizers

extension EncodingFormat: ExpressibleByArgument {}

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Tokenise text line by line: ICU words, or the tokenizer in --vocab.",
        discussion: """
            --vocab takes a tokenizer.json, a BERT vocab.txt, a GPT-2 vocab.json (merges.txt beside it) \
            or a *.tiktoken file; the format is read from the file. Without --vocab the output is ICU \
            words (dictionary-based for Chinese, Japanese, Thai), which have no ids.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case word, bpe, wordpiece, bytelevel }

    @Option(help: "Expected tokenizer kind: word, bpe, wordpiece or bytelevel.")
    var tokenizer: Kind?

    @Option(help: "Vocabulary file (tokenizer.json, vocab.txt, vocab.json, *.tiktoken).")
    var vocab: String?

    @Option(help: "Output: tokens, ids or json (one JSON object per line, UTF-8 byte offsets).")
    var format: EncodingFormat = .tokens

    @Option(help: "ICU locale for word segmentation (e.g. zh, ja, th).")
    var locale = ""

    @Option(help: "Split pattern for tiktoken files: gpt2 (default), cl100k, o200k, or a regex.")
    var pattern: String?

    @Flag(help: "Do not add the post-processor's special tokens ([CLS], [SEP], ...).")
    var noSpecialTokens = false

    @Flag(help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
    var lossy = false

    @Option(help: "Worker threads.")
    var threads = 2

    @Argument(help: "Input files (standard input when none).")
    var files: [String] = []

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if vocab == nil, let tokenizer, tokenizer != .word {
            throw ValidationError("--tokenizer \(tokenizer.rawValue) needs --vocab PATH")
        }
        if vocab == nil && format == .ids {
            throw ValidationError("--format ids needs --vocab PATH (ICU words have no ids)")
        }
    }

    func run() throws {
        try runReportingErrors {
            let output = OutputBuffer()
            let format = self.format
            guard let vocab else {
                let words = try ICUWordPreTokenizer(locale: locale)
                try LineStream.run(paths: files, lossy: lossy, threads: threads, output: output) { line, out in
                    var pieces: [Range<Int>] = []
                    words.split(line, range: 0..<line.count, into: &pieces)
                    let tokens = pieces.map { String(decoding: UnsafeBufferPointer(rebasing: line[$0]), as: UTF8.self) }
                    format.write(ids: nil, tokens: tokens, offsets: pieces, into: &out)
                }
                return
            }
            var loaded = try Tokenizer.load(path: vocab, pattern: pattern)
            loaded.padding = nil  // one line in, one line out: pads would only be noise
            if let tokenizer, let actual = Self.kind(of: loaded), !Self.matches(tokenizer, actual) {
                throw TokenizerError.invalidFile(path: vocab, reason: "is a \(actual) tokenizer, not \(tokenizer.rawValue)")
            }
            let addSpecial = !noSpecialTokens
            let tokenizer = loaded
            try LineStream.run(paths: files, lossy: lossy, threads: threads, output: output) { line, out in
                let encoding = try tokenizer.encode(String(decoding: line, as: UTF8.self), addSpecialTokens: addSpecial)
                format.write(encoding, into: &out)
            }
        }
    }

    /// The model family of a loaded tokenizer, in the words of `--tokenizer`.
    static func kind(of tokenizer: Tokenizer) -> String? {
        switch String(describing: type(of: tokenizer.model)) {
        case "WordPieceModel": return "wordpiece"
        case "BPEModel": return "bpe"
        case "WordLevelModel": return "word"
        default: return nil
        }
    }

    static func matches(_ requested: Kind, _ actual: String) -> Bool {
        requested.rawValue == actual || (requested == .bytelevel && actual == "bpe")
    }
}
