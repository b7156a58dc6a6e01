// nlp-bench SUBCOMMAND: each benchmark lives in its own file and prints numbers; none asserts.
let benchmarks: [String: () throws -> Void] = [
    "gemm": runGEMMBench,
    "optim": runOptimBench,
    "unicode": runUnicodeBench,
]

let name = CommandLine.arguments.dropFirst().first ?? ""
if let run = benchmarks[name] {
    try run()
} else {
    print("usage: nlp-bench <\(benchmarks.keys.sorted().joined(separator: "|"))>")
}
