import Foundation
import NLPTokenizers

/// `nlp-bench train-bpe`: time and peak memory of BPE training (word counting included, as the
/// peers' `bench_train_bpe.py` times `tokenizer.train([file])`).
///
///     nlp-bench train-bpe                       # en + zh, 8k + 32k, 1 + 2 threads (child per run)
///     nlp-bench train-bpe --corpus F --vocab 32000 --threads 2 [--byte-level | --gpt2-split] [--dump merges.txt]
///
/// Settings as the peers' hf_whitespace_bpe: Whitespace pre-tokenizer, min_frequency 2, [UNK].
func runTrainBench() throws { try TrainBench.run(Array(CommandLine.arguments.dropFirst(2))) }

enum TrainBench {
    static let dataDirectory = "/root/.cache/nlp-peers/data"

    static func run(_ arguments: [String]) throws {
        var corpus: String?
        var vocab = 32000
        var threads = 2
        var byteLevel = false
        var gpt2Split = false
        var dump: String?
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--corpus": corpus = arguments[i + 1]; i += 1
            case "--vocab": vocab = Int(arguments[i + 1])!; i += 1
            case "--threads": threads = Int(arguments[i + 1])!; i += 1
            case "--byte-level": byteLevel = true
            case "--gpt2-split": byteLevel = true; gpt2Split = true
            case "--dump": dump = arguments[i + 1]; i += 1
            default: throw BenchError("unknown argument \(arguments[i])")
            }
            i += 1
        }
        guard let corpus else { return try runAll(byteLevel: byteLevel) }
        try runOne(corpus: corpus, vocab: vocab, threads: threads, byteLevel: byteLevel, gpt2Split: gpt2Split, dump: dump)
    }

    static func runAll(byteLevel: Bool) throws {
        for name in ["corpus-en.txt", "corpus-zh.txt"] {
            for threads in [1, 2] {
                for vocab in [8000, 32000] {
                    let child = Process()
                    child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
                    child.arguments = ["train-bpe", "--corpus", "\(dataDirectory)/\(name)", "--vocab", "\(vocab)",
                                       "--threads", "\(threads)"] + (byteLevel ? ["--byte-level"] : [])
                    try child.run()
                    child.waitUntilExit()
                }
            }
        }
    }

    /// `dump`: write the merges ("left right" per line, rank order) for comparison with HF.
    /// `gpt2Split`: words from the ByteLevel pre-tokenizer (GPT-2 regex, no prefix space), the
    /// peers' hf_bytelevel_bpe setting; otherwise Whitespace pieces (as bytes with `byteLevel`).
    static func runOne(corpus: String, vocab: Int, threads: Int, byteLevel: Bool, gpt2Split: Bool = false,
                       dump: String? = nil) throws {
        let start = Date()
        let pre: any PreTokenizer = gpt2Split ? ByteLevelPreTokenizer(addPrefixSpace: false) : WhitespacePreTokenizer()
        let counter = WordCounter(preTokenizer: pre, threads: threads)
        let words = try counter.count(files: [corpus])
        let counted = Date()
        var options = BPETrainerOptions(vocabSize: vocab, minFrequency: 2, specialTokens: byteLevel ? ["<|endoftext|>"] : ["[UNK]"])
        options.byteLevel = byteLevel
        let result = try BPETrainer(options).train(words)
        let end = Date()
        let size = (try? FileManager.default.attributesOfItem(atPath: corpus)[.size] as? Int) ?? 0
        let json: [String: Any] = [
            "bench": "train_bpe", "corpus": (corpus as NSString).lastPathComponent, "corpus_mb": Double(size) / 1e6,
            "vocab": vocab, "threads": threads, "byte_level": byteLevel, "gpt2_split": gpt2Split,
            "seconds": round((end.timeIntervalSince(start)) * 100) / 100,
            "count_seconds": round(counted.timeIntervalSince(start) * 100) / 100,
            "merge_seconds": round(end.timeIntervalSince(counted) * 100) / 100,
            "distinct_words": words.count, "vocab_out": result.vocab.count, "merges": result.merges.count,
            "peak_rss_mb": peakRSSMegabytes(),
        ]
        if let dump {
            try result.merges.map { "\($0.0) \($0.1)\n" }.joined().write(toFile: dump, atomically: true, encoding: .utf8)
        }
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// VmHWM from /proc/self/status.
    static func peakRSSMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return (kb / 1024 * 10).rounded() / 10
        }
        return 0
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
