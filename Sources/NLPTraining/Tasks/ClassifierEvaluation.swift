import Foundation
import NLPTokenizers

/// A classifier scored on labelled data: the classification report, the intent metrics for
/// intent models, and how many rows carried labels the model does not know.
///
/// Unknown gold labels (documented behaviour): each such row counts as wrong and its label
/// appears as an extra class with recall 0 (scikit-learn semantics); `unknownLabels` lists them
/// so the CLI can report them.
public struct ClassifierEvaluation {
    public var report: ClassificationReport
    public var intent: IntentMetrics?
    public var unknownLabels: [(label: String, count: Int)]

    public static func evaluate(model: TaskModel, examples: [LabeledText]) throws -> ClassifierEvaluation {
        var matrix = emptyMatrix(for: model)
        let predictions = try model.predict(examples.map(\.text))
        for (p, e) in zip(predictions, examples) { matrix.add(gold: e.label!, predicted: p.label) }
        return finish(matrix, model: model)
    }

    /// The matrix before any example: the classes the model can predict (its labels, plus the
    /// out-of-scope label its threshold can route to).
    static func emptyMatrix(for model: TaskModel) -> ConfusionMatrix {
        var labels = model.labels
        if let oos = model.description.outOfScopeLabel, model.description.outOfScopeThreshold != nil, !labels.contains(oos) {
            labels.append(oos)  // predictions can be routed to it
        }
        return ConfusionMatrix(labels: labels)
    }

    static func finish(_ matrix: ConfusionMatrix, model: TaskModel) -> ClassifierEvaluation {
        // Classes the model could predict come first; anything after them is an unknown gold label.
        let unknown = matrix.unknownGoldLabels
        var intent: IntentMetrics?
        if model.description.task == .intent, let oos = model.description.outOfScopeLabel {
            intent = IntentMetrics(matrix, outOfScopeLabel: oos)
        }
        return ClassifierEvaluation(report: ClassificationReport(matrix), intent: intent, unknownLabels: unknown)
    }

    /// The `eval --json` object: accuracy, macro_f1, per_class, confusion (+ intent keys).
    public func json() -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("accuracy", .double(report.accuracy)),
            ("macro_f1", .double(report.macroF1)),
            ("examples", .int(report.confusion.total)),
            ("per_class", .object(report.perClass.map { s in
                (s.label, .object([("precision", .double(s.precision)), ("recall", .double(s.recall)),
                                   ("f1", .double(s.f1)), ("support", .int(s.support))]))
            })),
            ("confusion", .object([
                ("labels", .array(report.confusion.labels.map { .string($0) })),
                ("matrix", .array((0..<report.confusion.classCount).map { r in
                    .array((0..<report.confusion.classCount).map { .int(report.confusion[r, $0]) })
                })),
            ])),
        ]
        if let intent {
            fields += [("in_scope_accuracy", .double(intent.inScopeAccuracy)), ("oos_recall", .double(intent.outOfScopeRecall)),
                       ("oos_precision", .double(intent.outOfScopePrecision))]
        }
        if !unknownLabels.isEmpty {
            fields.append(("unknown_labels", .object(unknownLabels.map { ($0.label, .int($0.count)) })))
        }
        return .object(fields)
    }

    /// Human-readable report: per-class table, intent metrics, confusion matrix.
    public func text() -> String {
        var s = report.textTable()
        if let intent {
            s += "\nin-scope accuracy  \(formatFixed(intent.inScopeAccuracy, 4))  (\(intent.inScopeCount) examples)\n"
            s += "out-of-scope recall \(formatFixed(intent.outOfScopeRecall, 4)), precision \(formatFixed(intent.outOfScopePrecision, 4))  (\(intent.outOfScopeCount) examples)\n"
        }
        for u in unknownLabels { s += "label \"\(u.label)\" is unknown to the model: \(u.count) rows counted as wrong\n" }
        s += "\n" + report.confusion.textTable()
        return s
    }

    /// `eval.txt` and `confusion.svg` in a model directory.
    public func writeArtifacts(to directory: String, title: String) throws {
        try NLPTokenizers.AtomicFile.write(Array(text().utf8), to: directory + "/eval.txt")
        try NLPTokenizers.AtomicFile.write(Array(ConfusionHeatmap.svg(report.confusion, title: "Confusion matrix (\(title))").utf8),
                                           to: directory + "/confusion.svg")
    }
}
