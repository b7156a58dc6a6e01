// Benchmarks print numbers; they never assert. One file per benchmark, dispatched on argv[1].
import Foundation

let benchmarks: [String: ([String]) throws -> Void] = [
    "train-bpe": TrainBench.run,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let benchmark = benchmarks[name] else {
    print("usage: nlp-bench <benchmark> [options]\nbenchmarks: \(benchmarks.keys.sorted().joined(separator: ", "))")
    exit(arguments.isEmpty ? 0 : 2)
}
do {
    try benchmark(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("nlp-bench \(name): \(error)\n".utf8))
    exit(1)
}
