// Benchmarks print numbers; they never assert. Dispatch on the first argument.
#if canImport(Glibc)
import Glibc
#endif

let benchmarks: [(name: String, run: ([String]) -> Void)] = [
    ("bytelevel", ByteLevelBench.run),
    ("bytelevel-ids", ByteLevelBench.writeIDs),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first, let bench = benchmarks.first(where: { $0.name == name }) {
    bench.run(Array(arguments.dropFirst()))
} else {
    print("usage: nlp-bench <benchmark> [options]\nbenchmarks: " + benchmarks.map(\.name).joined(separator: ", "))
    exit(arguments.isEmpty || arguments.first == "--help" ? 0 : 2)
}
