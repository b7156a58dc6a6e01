import ArgumentParser
import Foundation
import NLPTokenizers
import NLPTraining

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a fine-tuned model (or the Lead-k baseline) on labelled data.",
        discussion: """
            Classification: accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix; \
            intent models add in-scope accuracy and out-of-scope recall/precision (Larson et al. 2019). \
            Summarisation: mean ROUGE-1/2/L F1 (rouge-score with stemming). A gold label the model does \
            not know counts as wrong and is listed (unknown_labels in --json). Rows with empty text or \
            an empty label are skipped and counted on standard error. Classification data is streamed \
            (read, predicted and counted 1,024 rows at a time), and summarisation data one document at a \
            time, so memory stays flat on any file size.
            """)

    @Option(help: "Fine-tuned model directory.") var model: String?
    @Option(help: "Labelled data (CSV, TSV or JSONL).") var data: String
    @Flag(help: "One JSON object on standard output.") var json = false
    @Option(help: "Summarisation without a model: lead (the Lead-k baseline).") var method: String?
    @Option(help: "Sentences per summary (Lead: 3; a model: those it scores >= 0.5).") var sentences: Int?
    @Option(help: "Summarisation: also write each summary as one line of this file, in data order (for another scorer).")
    var predictions: String?

    @OptionGroup var columns: DatasetArguments
    @OptionGroup var generation: GenerationArguments

    func validate() throws {
        if model == nil && method == nil { throw ValidationError("give --model DIR (or --method lead for the summarisation baseline)") }
        if let method, !["lead", "extractive", "abstractive"].contains(method) { throw ValidationError("--method must be lead, extractive or abstractive") }
        if let method, method != "lead" && model == nil { throw ValidationError("--method \(method) needs --model DIR") }
        if predictions != nil && method == nil && model.map(SummarizerModel.isSummarizer) == false {
            throw ValidationError("--predictions is for summarisation models (and --method lead)")
        }
    }

    func run() throws {
        try runReportingErrors {
            let options = try columns.options()
            let output = OutputBuffer()
            if method == "lead" || (model.map(SummarizerModel.isSummarizer) ?? false) {
                let resolved = method == "lead" || model == nil ? "lead"
                    : AbstractiveSummarizer.isAbstractive(model!) ? "abstractive" : (method ?? "extractive")
                let summarizer = try makeSummarizer(method: resolved, model: model, sentences: sentences, generation: generation)
                func score(_ written: AtomicFile.Sink?) throws -> (RougeAccumulator, DatasetReadReport) {
                    try SummaryEvaluation.evaluate(path: data, options: options) { pair in
                        let summary = try summarizer.summarize(pair.document)
                        let line = summary.joined(separator: " ").split(whereSeparator: \.isNewline).joined(separator: " ")
                        try written?.write(Array((line + "\n").utf8))
                        return summary
                    }
                }
                var result: (RougeAccumulator, DatasetReadReport)?
                if let predictions { try AtomicFile.write(to: predictions) { result = try score($0) } } else { result = try score(nil) }
                let (scores, report) = result!
                if let note = report.skippedSummary { printError(note) }
                if json {
                    let object = JSONValue.object([("rouge1", .double(scores.rouge1)), ("rouge2", .double(scores.rouge2)),
                                                   ("rougeL", .double(scores.rougeL)), ("documents", .int(scores.count))])
                    try output.write(object.serialized() + "\n")
                } else {
                    try output.write("documents \(scores.count)\nROUGE-1 F1 \(pct(scores.rouge1))\nROUGE-2 F1 \(pct(scores.rouge2))\nROUGE-L F1 \(pct(scores.rougeL))\n")
                }
                try output.flush()
                return
            }
            let taskModel = try TaskModel.load(from: model!)
            // Streams: read, predict and count a chunk of rows at a time (flat memory on any file size).
            let (evaluation, report) = try ClassifierEvaluation.evaluate(model: taskModel, path: data, options: options)
            if let note = report.skippedSummary { printError("nlp eval: " + note) }
            for u in evaluation.unknownLabels {
                printError("nlp eval: label \"\(u.label)\" is not one the model knows; its \(u.count) rows count as wrong")
            }
            try output.write(json ? evaluation.json().serialized() + "\n" : evaluation.text())
            try output.flush()
        }
    }

    func pct(_ x: Double) -> String { String(format: "%.2f", x * 100) }
}
