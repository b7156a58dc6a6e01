import Foundation
import NLPModels
import NLPTensor

/// `nlp-bench embed-text --model DIR --sentences FILE [--threads N]`
///
/// What a user of `nlp embed` gets: sentences/s from text to normalised vectors through
/// `TextEmbedder` (the directory's tokenizer included, as sentence-transformers' `encode` times
/// it), at batch 1 (one `embed([s])` per sentence) and batch 32 (one `embed(all, batchSize: 32)`,
/// length-grouped as sentence-transformers does), plus the tokeniser's share. FILE: one sentence
/// per line (scripts/bench/embed_bench.sh writes the 1000 corpus sentences that
/// ../shared/peers/bench_minilm.py times).
enum EmbedTextBench {
    static func run(_ args: [String]) throws {
        func value(_ flag: String) -> String? {
            guard let i = args.firstIndex(of: flag), i + 1 < args.count else { return nil }
            return args[i + 1]
        }
        guard let model = value("--model"), let file = value("--sentences") else {
            print("usage: nlp-bench embed-text --model DIR --sentences FILE [--threads N]"); return
        }
        let threads = Int(value("--threads") ?? "2") ?? 2
        Parallel.threads = threads
        GEMM.maxThreads = threads
        let sentences = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
        let embedder = try TextEmbedder(directory: model)
        let ids = try embedder.encode(sentences, threads: threads)
        print(String(format: "embed-text: %d sentences (%.1f tokens on average), %@, %d thread(s)", sentences.count,
                     Double(ids.reduce(0) { $0 + $1.count }) / Double(sentences.count), model as NSString, threads))
        func seconds(_ body: () throws -> Void) rethrows -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        }
        let tokenize = try seconds { _ = try embedder.encode(sentences, threads: threads) }
        print(String(format: "  tokenise only: %.1f ms for all (%.0f sentences/s)", tokenize * 1e3, Double(sentences.count) / tokenize))
        for batch in [1, 32] {
            _ = try embedder.embed(Array(sentences.prefix(64)), batchSize: batch, threads: threads)  // warm-up
            let t = try seconds {
                if batch == 1 {
                    for s in sentences { _ = try embedder.embed([s], batchSize: 1, threads: 1) }
                } else {
                    _ = try embedder.embed(sentences, batchSize: batch, threads: threads)
                }
            }
            print(String(format: "  text -> vector, batch %2d: %7.1f sentences/s (%.2f ms/sentence)", batch,
                         Double(sentences.count) / t, t * 1e3 / Double(sentences.count)))
        }
    }
}
