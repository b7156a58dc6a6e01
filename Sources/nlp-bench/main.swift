import Foundation

/// nlp-bench BENCHMARK [options]: each benchmark lives in its own file and prints numbers;
/// none asserts. When merging branches, keep the union of this table.
let benchmarks: [String: ([String]) throws -> Void] = [
    "unicode": { _ in try runUnicodeBench() },
    "wordpiece": { _ in try runWordPieceBench() },
    "wordpiece-ids": { _ in try runWordPieceIDs() },
    "bytelevel": ByteLevelBench.run,
    "bytelevel-ids": ByteLevelBench.writeIDs,
    "train-bpe": { _ in try runTrainBench() },
    "block": TensorBlockBench.run,
    "encoder": EncoderBench.run,
    "embed-parity": EmbedParity.run,
    "embed-text": EmbedTextBench.run,
    "gemm": { _ in try runGEMMBench() },
    "optim": { _ in try runOptimBench() },
    "chat": ChatBench.run,
    "pretrain-step": PretrainBench.run,
    "lstm-step": LSTMBench.run,
]

let args = Array(CommandLine.arguments.dropFirst())
guard let name = args.first, let bench = benchmarks[name] else {
    print("usage: nlp-bench <\(benchmarks.keys.sorted().joined(separator: "|"))> [options]")
    exit(args.isEmpty || args.first == "--help" ? 0 : 2)
}
do { try bench(Array(args.dropFirst())) } catch {
    FileHandle.standardError.write(Data("nlp-bench \(name): \(error)\n".utf8))
    exit(1)
}
