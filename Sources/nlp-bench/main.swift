import Foundation

/// Benchmarks print numbers; they never assert. One file per benchmark, chosen by argv[1].
let benchmarks: [String: ([String]) throws -> Void] = [
    "unicode": { _ in try runUnicodeBench() },
    "wordpiece": { _ in try runWordPieceBench() },
    "wordpiece-ids": { _ in try runWordPieceIDs() },
    "block": TensorBlockBench.run,
]

let args = Array(CommandLine.arguments.dropFirst())
guard let name = args.first, let bench = benchmarks[name] else {
    print("usage: nlp-bench <\(benchmarks.keys.sorted().joined(separator: "|"))> [options]")
    exit(args.isEmpty ? 0 : 2)
}
do { try bench(Array(args.dropFirst())) } catch {
    FileHandle.standardError.write(Data("nlp-bench \(name): \(error)\n".utf8))
    exit(1)
}
