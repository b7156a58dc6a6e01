import ArgumentParser
import NLPTraining

struct AverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "average",
        abstract: "Average the weights of fine-tuned models of one task (a model soup).",
        discussion: """
            Every tensor of --output is the mean of that tensor over MODELS: models fine-tuned \
            from the same pretrained encoder (different seeds, schedules, or a second stage) \
            usually average to a model as good as or better than the best of them. The models \
            must share config.json, task.json (task, labels, settings) and tokenizer; an intent \
            model's out-of-scope threshold is calibrated per run, so intent models average only \
            when their thresholds agree. Score the result with nlp eval.
            """)

    @Argument(help: "Model directories (nlp finetune outputs), at least two.") var models: [String]
    @Option(help: "Output model directory (must not hold a model).") var output: String

    func run() throws {
        try runReportingErrors {
            try ModelAveraging.average(models, to: output)
            printError("nlp average: \(models.count) models -> \(output)")
        }
    }
}
