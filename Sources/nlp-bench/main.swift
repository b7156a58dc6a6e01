// nlp-bench BENCHMARK [options]: each benchmark lives in its own file and prints numbers; none asserts.
import Foundation

let benchmarks: [(name: String, run: ([String]) throws -> Void)] = [
    ("unicode", { _ in try runUnicodeBench() }),
    ("wordpiece", { _ in try runWordPieceBench() }),
    ("wordpiece-ids", { _ in try runWordPieceIDs() }),
    ("bytelevel", ByteLevelBench.run),
    ("bytelevel-ids", ByteLevelBench.writeIDs),
    ("train-bpe", { _ in try runTrainBench() }),
    ("block", TensorBlockBench.run),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let bench = benchmarks.first(where: { $0.name == name }) else {
    print("usage: nlp-bench <\(benchmarks.map(\.name).joined(separator: "|"))> [options]")
    exit(arguments.isEmpty ? 0 : 2)
}
do { try bench.run(Array(arguments.dropFirst())) } catch {
    FileHandle.standardError.write(Data("nlp-bench \(name): \(error)\n".utf8))
    exit(1)
}
