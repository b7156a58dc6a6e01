// nlp-bench BENCHMARK [options]: each benchmark lives in its own file and prints numbers; none asserts.
#if canImport(Glibc)
import Glibc
#endif

let benchmarks: [(name: String, run: ([String]) throws -> Void)] = [
    ("unicode", { _ in try runUnicodeBench() }),
    ("wordpiece", { _ in try runWordPieceBench() }),
    ("wordpiece-ids", { _ in try runWordPieceIDs() }),
    ("bytelevel", ByteLevelBench.run),
    ("bytelevel-ids", ByteLevelBench.writeIDs),
    ("chat", ChatBench.run),
    ("train-bpe", { _ in try runTrainBench() }),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first, let bench = benchmarks.first(where: { $0.name == name }) {
    try bench.run(Array(arguments.dropFirst()))
} else {
    print("usage: nlp-bench <\(benchmarks.map(\.name).joined(separator: "|"))>")
}
