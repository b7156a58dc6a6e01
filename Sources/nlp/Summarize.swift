import ArgumentParser
import Foundation
import NLPTokenizers
import NLPUnicode
import NLPTraining

struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Summarise documents: each FILE (or standard input) is one document, its summary one output line.",
        discussion: """
            --method lead takes the first sentences of the body (the headline, a first unterminated \
            paragraph, is skipped); extractive (the default with --model) picks the sentences the fine-tuned \
            model scores highest, in document order.
            """)

    @Option(help: "Fine-tuned summarisation model (nlp finetune --task summarize).") var model: String?
    @Option(help: "lead, extractive or abstractive.") var method: String?
    @Option(help: "Sentences per summary (Lead: 3; a model: those it scores >= 0.5).") var sentences: Int?
    @Argument(help: "Documents (standard input when none).") var files: [String] = []

    func validate() throws {
        let m = method ?? (model == nil ? "lead" : "extractive")
        guard ["lead", "extractive", "abstractive"].contains(m) else { throw ValidationError("--method must be lead, extractive or abstractive") }
        if m == "abstractive" { throw ValidationError("--method abstractive is not available in this build") }
        if m == "extractive" && model == nil { throw ValidationError("--method extractive needs --model DIR") }
        guard (sentences ?? 1) >= 1 else { throw ValidationError("--sentences must be at least 1") }
    }

    func run() throws {
        try runReportingErrors {
            let m = method ?? (model == nil ? "lead" : "extractive")
            let summarizer: DocumentSummarizer = m == "lead" ? try LeadDocumentSummarizer(k: sentences ?? 3)
                : try SummarizerModel.load(from: model!, sentences: sentences)
            let output = OutputBuffer()
            for path in files.isEmpty ? ["-"] : files {
                let bytes: [UInt8]
                if path == "-" {
                    bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
                } else {
                    try LineReader.checkReadable(path)
                    bytes = try NLPTokenizers.AtomicFile.read(path)
                }
                do { try UTF8Validator.validate(bytes) } catch { throw ValidationError("\(path == "-" ? "<stdin>" : path): \(error)") }
                let summary = try summarizer.summarize(String(decoding: bytes, as: UTF8.self))
                try output.write(summary.joined(separator: " ").replacingOccurrences(of: "\n", with: " ") + "\n")
            }
            try output.flush()
        }
    }
}
