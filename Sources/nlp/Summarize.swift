import ArgumentParser
import Foundation
import NLPModels
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
            model scores highest, in document order; abstractive (the default with an encoder-decoder --model) \
            generates the summary token by token (greedy, or beam search with --beam).
            """)

    @Option(help: "Fine-tuned summarisation model (nlp finetune --task summarize).") var model: String?
    @Option(help: "lead, extractive or abstractive.") var method: String?
    @Option(help: "Sentences per summary (Lead: 3; a model: those it scores >= 0.5).") var sentences: Int?
    @OptionGroup var generation: GenerationArguments
    @Argument(help: "Documents (standard input when none).") var files: [String] = []

    func validate() throws {
        let m = resolvedMethod
        guard ["lead", "extractive", "abstractive"].contains(m) else { throw ValidationError("--method must be lead, extractive or abstractive") }
        if m == "abstractive" && model == nil { throw ValidationError("--method abstractive needs --model DIR") }
        if m == "extractive" && model == nil { throw ValidationError("--method extractive needs --model DIR") }
        guard (sentences ?? 1) >= 1 else { throw ValidationError("--sentences must be at least 1") }
    }

    var resolvedMethod: String {
        method ?? (model == nil ? "lead" : AbstractiveSummarizer.isAbstractive(model!) ? "abstractive" : "extractive")
    }

    func run() throws {
        try runReportingErrors {
            let summarizer = try makeSummarizer(method: resolvedMethod, model: model, sentences: sentences, generation: generation)
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

/// Lead-k, the extractive model or the abstractive model, as `method` says.
func makeSummarizer(method: String, model: String?, sentences: Int?, generation: GenerationArguments) throws -> DocumentSummarizer {
    switch method {
    case "lead": return try LeadDocumentSummarizer(k: sentences ?? 3)
    case "abstractive":
        guard AbstractiveSummarizer.isAbstractive(model!) else {
            throw TrainingError("\(model!) is not an abstractive summariser (train one with nlp finetune --task summarize --method abstractive)")
        }
        let s = try AbstractiveSummarizer.load(from: model!)
        s.generation = generation.options(defaults: s.task.defaultGeneration)
        try s.generation.validate()
        return s
    default:
        if AbstractiveSummarizer.isAbstractive(model!) {
            throw TrainingError("\(model!) is an abstractive summariser; use --method abstractive (or no --method)")
        }
        return try SummarizerModel.load(from: model!, sentences: sentences)
    }
}
