import ArgumentParser
import Foundation
import NLPTokenizers
import NLPTraining

struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify text: one line in, LABEL<TAB>CONFIDENCE out.",
        discussion: """
            --top K adds the next K-1 labels as more LABEL<TAB>CONFIDENCE pairs on the same line. An \
            intent model routes inputs whose top probability is below its calibrated threshold to its \
            out-of-scope label (printed with that top probability).
            """)

    @Option(help: "Fine-tuned model directory.") var model: String
    @Option(help: "Labels per line.") var top = 1
    @Option(help: "Lines per batch.") var batchSize = 32
    @Flag(help: "Replace invalid UTF-8 with U+FFFD instead of failing.") var lossy = false
    @Argument(help: "Input files (standard input when none).") var files: [String] = []

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() throws {
        try runReportingErrors {
            let taskModel = try TaskModel.load(from: model)
            if taskModel.description.task == .summarize {
                throw ValidationError("\(model) is a summarisation model; use nlp summarize")
            }
            let output = OutputBuffer()
            for path in files where path != "-" { try LineReader.checkReadable(path) }
            for source in files.isEmpty ? [nil] : files.map(Optional.some) {
                let reader = try LineReader(path: source, lossy: lossy, batchBytes: 1 << 16)
                while let batch = try reader.nextBatch() {
                    let texts = batch.lines.map { String(decoding: batch.bytes[$0], as: UTF8.self) }
                    var start = 0
                    while start < texts.count {
                        let chunk = Array(texts[start..<min(texts.count, start + batchSize)])
                        for p in try taskModel.predict(chunk, batchSize: batchSize) {
                            let pairs = p.ranked.prefix(top).map { "\($0.label)\t\(String(format: "%.4f", $0.probability))" }
                            try output.write(pairs.joined(separator: "\t") + "\n")
                        }
                        start += batchSize
                    }
                }
            }
            try output.flush()
        }
    }
}
