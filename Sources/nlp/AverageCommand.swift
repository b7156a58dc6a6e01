import ArgumentParser
import Foundation
import NLPTraining

struct AverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "average",
        abstract: "Average the weights of fine-tuned models of one task (a model soup).",
        discussion: """
            Every tensor of --output is the mean of that tensor over MODELS: models fine-tuned \
            from the same pretrained encoder (different seeds, schedules, or a second stage) \
            usually average to a model as good as or better than the best of them. With --greedy \
            --dev FILE (classifiers), the models are taken best first by dev accuracy and each \
            joins the average only if the average's dev accuracy does not drop (Wortsman et al.'s \
            greedy soup); average.json in --output records each step. The models must share \
            config.json, task.json (task, labels, settings) and tokenizer. An intent model's \
            out-of-scope threshold is calibrated per run, so for intent models --dev FILE \
            (with or without --greedy) calibrates the soup's own threshold on FILE, as nlp \
            finetune does; without it their thresholds must agree. Score the result with nlp eval.
            """)

    @Argument(help: "Model directories (nlp finetune outputs), at least two.") var models: [String]
    @Option(help: "Output model directory (must not hold a model).") var output: String
    @Flag(help: "Greedy soup: keep a model only if it does not lower the average's accuracy on --dev.") var greedy = false
    @Option(help: "Labelled dev data (CSV with header, TSV or JSONL): what --greedy scores on, and what intent soups calibrate their out-of-scope threshold on.") var dev: String?
    @OptionGroup var data: DatasetArguments

    func validate() throws {
        if greedy && dev == nil { throw ValidationError("--greedy needs --dev FILE to score the models on") }
        let columns = [data.textColumn, data.labelColumn, data.documentColumn, data.summaryColumn, data.dataFormat, data.labelMap]
        if dev == nil && (columns.contains { $0 != nil } || data.noHeader) { throw ValidationError("the dataset options are for --dev FILE") }
    }

    /// A model's task.json, or nil (anything the averaging itself refuses is left to it, with
    /// its own message).
    private func taskDescription(_ directory: String) -> TaskDescription? {
        guard let bytes = FileManager.default.contents(atPath: directory + "/task.json") else { return nil }
        return try? JSONDecoder().decode(TaskDescription.self, from: bytes)
    }

    func run() throws {
        try runReportingErrors {
            let options = try data.options()
            // Non-intent models with --dev (not --greedy) get the library's one-line refusal.
            let recalibrateOn = try dev.flatMap { dev -> [LabeledText]? in
                guard taskDescription(models[0])?.task == .intent || !greedy else { return nil }
                let (rows, report) = try ClassificationData.load(path: dev, options: options)
                if let note = report.skippedSummary { printError("nlp average: " + note) }
                return rows
            }
            func reportThreshold(_ threshold: Float?) {
                guard let threshold, let rows = recalibrateOn else { return }
                printError(String(format: "nlp average: out-of-scope threshold %.4f (calibrated on %d dev rows)", threshold, rows.count))
            }
            guard greedy, let dev else {
                reportThreshold(try ModelAveraging.average(models, to: output, recalibrateOn: recalibrateOn))
                printError("nlp average: \(models.count) models -> \(output)")
                return
            }
            let steps = try ModelAveraging.greedy(models, to: output, recalibrateOn: recalibrateOn, score: { dir in
                try ClassifierEvaluation.evaluate(model: TaskModel.load(from: dir), path: dev, options: options).evaluation.report.accuracy
            }, log: { step in
                printError(String(format: "nlp average: %@ alone %.2f, soup with it %.2f: %@", step.model, step.score * 100,
                                  step.soupScore * 100, step.kept ? "kept" : "left out"))
            })
            reportThreshold(taskDescription(output)?.outOfScopeThreshold)
            printError("nlp average: \(steps.filter(\.kept).count) of \(models.count) models -> \(output)")
        }
    }
}
