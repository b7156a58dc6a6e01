import ArgumentParser
import NLPTokenizers
#if canImport(Glibc)
import Glibc
#endif

/// `word` is Keras's word-level tokenizer (written as Keras's JSON); the rest are tokenizer.json.
enum VocabAlgorithm: String, ExpressibleByArgument, CaseIterable {
    case bpe, bytelevel, wordpiece, wordlevel, word
}

struct VocabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "Train vocabularies.",
        subcommands: [VocabTrainCommand.self])
}

struct VocabTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a vocabulary on text files and write a complete tokenizer.json.",
        discussion: """
            bpe: BERT-style cleaning and splitting, BPE with "</w>" word ends. bytelevel: GPT-2 style \
            byte-level BPE. wordpiece: the BERT pipeline with [CLS]/[SEP]. wordlevel: whole words \
            (HF WordLevel). word: a Keras Tokenizer (fit_on_texts; --size is num_words; the first \
            --special-tokens value, if any, is the oov_token), written as Keras's to_json. \
            The output is written atomically: it is never left half-written.
            """)

    @Option(help: "bpe, bytelevel, wordpiece, wordlevel or word (Keras JSON).")
    var algorithm: VocabAlgorithm

    @Option(help: "Vocabulary size (special tokens and alphabet included).")
    var size: Int

    @Option(help: "Where to write tokenizer.json.")
    var output: String

    @Option(help: "Pairs seen fewer times are not merged.")
    var minFrequency = 2

    @Option(parsing: .upToNextOption, help: "Special tokens, given the first ids (default depends on the algorithm).")
    var specialTokens: [String] = []

    @Option(help: "Worker threads.")
    var threads = 2

    @Argument(help: "Training text files.")
    var files: [String] = []

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one training FILE") }
        guard size > 0 else { throw ValidationError("--size must be positive") }
        guard minFrequency >= 0 else { throw ValidationError("--min-frequency must not be negative") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        try runReportingErrors {
            for file in files { try LineReader.checkReadable(file) }
            if algorithm == .word {
                let keras = try KerasTokenizer.train(files: files, numWords: size, oovToken: specialTokens.first)
                try AtomicFile.write(Array(keras.toJSON().utf8), to: output)
                return
            }
            let training = TokenizerTraining(algorithm: TokenizerTraining.Algorithm(rawValue: algorithm.rawValue)!, vocabSize: size, minFrequency: minFrequency,
                                             specialTokens: specialTokens.isEmpty ? nil : specialTokens, threads: threads)
            let showProgress = isatty(2) == 1
            let tokenizer: Tokenizer
            do {
                tokenizer = try training.train(files: files, progress: showProgress ? Self.report : nil)
            } catch let error as TokenizerError {
                if case .invalidFile = error { throw error }
                throw TokenizerError.invalidFile(path: files.count == 1 ? files[0] : "\(files[0]) (+\(files.count - 1) more)",
                                                 reason: error.description)
            }
            if showProgress { printError("") }
            try tokenizer.write(to: output)
        }
    }

    @Sendable static func report(_ phase: TrainingPhase) {
        let text: String
        switch phase {
        case .countingWords(let read, let total): text = "counting words: \(read >> 20) / \(total >> 20) MB"
        case .countingPairs(let words): text = "counting pairs in \(words) distinct words"
        case .merging(let done, let total): text = "merges: \(done) / \(total)"
        }
        let bytes = Array("\r\u{1B}[K\(text)".utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress!, $0.count) }
    }
}
