import ArgumentParser
import NLPTokenizers

extension EncodingFormat: ExpressibleByArgument {}

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Tokenise text line by line: ICU words, or the tokenizer in --vocab.",
        discussion: """
            --vocab takes a tokenizer.json, a BERT vocab.txt, a GPT-2 vocab.json (merges.txt beside it), \
            a *.tiktoken file or a Keras tokenizer JSON (Tokenizer.to_json); the format is read from the \
            file, and --tokenizer only checks it (word: WordLevel or Keras; bpe: any BPE; bytelevel: \
            byte-level BPE; wordpiece: WordPiece). Without --vocab the output is ICU words \
            (dictionary-based for Chinese, Japanese, Thai), which have no ids; --tokenizer word is then \
            allowed, and bpe, wordpiece and bytelevel need a --vocab.
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
    }

    func run() throws {
        try runReportingErrors {
            // Checked here, not in validate(): one line on stderr, like every other refusal.
            if vocab == nil, let tokenizer, tokenizer != .word {
                throw TokenizerError.invalidArgument("--tokenizer \(tokenizer.rawValue) needs --vocab PATH (only word has a default: ICU words)")
            }
            if vocab == nil && format == .ids {
                throw TokenizerError.invalidArgument("--format ids needs --vocab PATH (ICU words have no ids)")
            }
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
            if try Self.isKeras(vocab) {
                try runKeras(vocab, output: output)
                return
            }
            var loaded = try Tokenizer.load(path: vocab, pattern: pattern)
            loaded.padding = nil  // one line in, one line out: pads would only be noise
            if let tokenizer, let actual = Self.kind(of: loaded), !Self.matches(tokenizer, actual) {
                throw TokenizerError.invalidFile(path: vocab, reason: "is a \(actual) tokenizer, not \(tokenizer.rawValue)")
            }
            let addSpecial = !noSpecialTokens
            let tokenizer = loaded
            if format == .ids {
                // Ids only: the fastest path for this pipeline, no token strings.
                try IDEncoder.streamLines(paths: files, tokenizer: tokenizer, addSpecialTokens: addSpecial, lossy: lossy,
                                          threads: threads, output: output)
                return
            }
            try LineStream.run(paths: files, lossy: lossy, threads: threads, output: output) { line, out in
                let encoding = try tokenizer.encode(String(decoding: line, as: UTF8.self), addSpecialTokens: addSpecial)
                format.write(encoding, into: &out)
            }
        }
    }

    /// The model family of a loaded tokenizer, in the words of `--tokenizer`.
    static func kind(of tokenizer: Tokenizer) -> String? {
        switch tokenizer.model {
        case is WordPieceModel: return "wordpiece"
        case let bpe as BPEModel: return bpe.isByteLevel ? "bytelevel" : "bpe"
        case is WordLevelModel: return "word"
        default: return nil
        }
    }

    /// A byte-level BPE is also a BPE; the other kinds must match exactly.
    static func matches(_ requested: Kind, _ actual: String) -> Bool {
        requested.rawValue == actual || (requested == .bpe && actual == "bytelevel")
    }

    static func isKeras(_ path: String) throws -> Bool {
        guard path.hasSuffix(".json") else { return false }
        return KerasTokenizer.isKerasJSON(try AtomicFile.read(path))
    }

    /// A Keras word tokenizer: ids are `texts_to_sequences`, tokens the words they stand for.
    func runKeras(_ path: String, output: OutputBuffer) throws {
        if let tokenizer, tokenizer != .word {
            throw TokenizerError.invalidFile(path: path, reason: "is a word (Keras) tokenizer, not \(tokenizer.rawValue)")
        }
        guard format != .json else {
            throw TokenizerError.invalidArgument("--format json needs offsets, which a Keras tokenizer does not keep; use ids or tokens")
        }
        let encoder = KerasLineEncoder(try KerasTokenizer.load(path: path))
        let format = self.format
        try LineStream.run(paths: files, lossy: lossy, threads: threads, output: output) { line, out in
            let (ids, tokens) = encoder.encode(String(decoding: line, as: UTF8.self))
            format.write(ids: ids, tokens: tokens, offsets: [], into: &out)
        }
    }
}
