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
            config.json, task.json (task, labels, settings) and tokenizer; an intent model's \
            out-of-scope threshold is calibrated per run, so intent models average only when \
            their thresholds agree. Score the result with nlp eval.
            """)

    @Argument(help: "Model directories (nlp finetune outputs), at least two.") var models: [String]
    @Option(help: "Output model directory (must not hold a model).") var output: String
    @Flag(help: "Greedy soup: keep a model only if it does not lower the average's accuracy on --dev.") var greedy = false
    @Option(help: "Labelled data that --greedy scores on (CSV with header, TSV or JSONL).") var dev: String?
    @OptionGroup var data: DatasetArguments

    func validate() throws {
        if greedy && dev == nil { throw ValidationError("--greedy needs --dev FILE to score the models on") }
        if dev != nil && !greedy { throw ValidationError("--dev is for --greedy") }
        let columns = [data.textColumn, data.labelColumn, data.documentColumn, data.summaryColumn, data.dataFormat, data.labelMap]
        if !greedy && (columns.contains { $0 != nil } || data.noHeader) { throw ValidationError("the dataset options are for --greedy --dev") }
    }

    func run() throws {
        try runReportingErrors {
            guard greedy, let dev else {
                try ModelAveraging.average(models, to: output)
                printError("nlp average: \(models.count) models -> \(output)")
                return
            }
            let options = try data.options()
            let steps = try ModelAveraging.greedy(models, to: output, score: { dir in
                try ClassifierEvaluation.evaluate(model: TaskModel.load(from: dir), path: dev, options: options).evaluation.report.accuracy
            }, log: { step in
                printError(String(format: "nlp average: %@ alone %.2f, soup with it %.2f: %@", step.model, step.score * 100,
                                  step.soupScore * 100, step.kept ? "kept" : "left out"))
            })
            printError("nlp average: \(steps.filter(\.kept).count) of \(models.count) models -> \(output)")
        }
    }
}
