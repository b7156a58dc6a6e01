// nlp-bench SUBCOMMAND: each benchmark lives in its own file and prints numbers; none asserts.
let benchmarkArguments = Array(CommandLine.arguments.dropFirst(2))
let benchmarks: [String: () throws -> Void] = [
    "unicode": runUnicodeBench,
    "wordpiece": runWordPieceBench,
    "wordpiece-ids": runWordPieceIDs,
    "bytelevel": { ByteLevelBench.run(benchmarkArguments) },
    "bytelevel-ids": { ByteLevelBench.writeIDs(benchmarkArguments) },
    "train-bpe": runTrainBench,
]

let name = CommandLine.arguments.dropFirst().first ?? ""
if let run = benchmarks[name] {
    try run()
} else {
    print("usage: nlp-bench <\(benchmarks.keys.sorted().joined(separator: "|"))>")
}
