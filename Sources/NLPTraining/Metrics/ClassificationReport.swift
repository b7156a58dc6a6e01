/// Precision, recall and F1 of one class, with its support (number of gold examples).
public struct ClassScores: Equatable, Sendable {
    public var label: String
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var support: Int
}

/// Accuracy, macro-F1 and per-class scores, computed from a confusion matrix the way
/// scikit-learn's `classification_report` does: a class nobody predicted has precision 0
/// (`zero_division=0`), and the macro average runs over the classes that occur in the gold labels
/// or the predictions (sklearn's `unique_labels(y_true, y_pred)`).
///
///     var m = ConfusionMatrix(labels: ["neg", "pos"])
///     m.add(gold: 0, predicted: 0); m.add(gold: 1, predicted: 0)
///     ClassificationReport(m).accuracy   // 0.5
public struct ClassificationReport: Equatable, Sendable {
    public var accuracy: Double
    public var macroF1: Double
    public var macroPrecision: Double
    public var macroRecall: Double
    public var perClass: [ClassScores]
    public var confusion: ConfusionMatrix

    public init(_ m: ConfusionMatrix) {
        confusion = m
        let total = m.total
        accuracy = total == 0 ? 0 : Double(m.correct) / Double(total)
        perClass = []
        var present: [ClassScores] = []
        for c in 0..<m.classCount {
            let tp = Double(m[c, c])
            let predicted = m.predictedCount(c)
            let gold = m.goldCount(c)
            let precision = predicted == 0 ? 0 : tp / Double(predicted)
            let recall = gold == 0 ? 0 : tp / Double(gold)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            let scores = ClassScores(label: m.labels[c], precision: precision, recall: recall, f1: f1, support: gold)
            perClass.append(scores)
            if predicted > 0 || gold > 0 { present.append(scores) }
        }
        let k = Double(max(present.count, 1))
        macroF1 = present.reduce(0) { $0 + $1.f1 } / k
        macroPrecision = present.reduce(0) { $0 + $1.precision } / k
        macroRecall = present.reduce(0) { $0 + $1.recall } / k
    }

    /// Builds the report from parallel arrays of class ids.
    public init(labels: [String], gold: [Int], predicted: [Int]) {
        var m = ConfusionMatrix(labels: labels)
        for (g, p) in zip(gold, predicted) { m.add(gold: g, predicted: p) }
        self.init(m)
    }

    /// A table like scikit-learn's `classification_report`, then accuracy and macro averages.
    public func textTable() -> String {
        let nameWidth = max(12, (perClass.map(\.label.count).max() ?? 0) + 2)
        func pad(_ s: String, _ w: Int, left: Bool = true) -> String {
            let fill = String(repeating: " ", count: max(0, w - s.count))
            return left ? fill + s : s + fill
        }
        func f(_ x: Double) -> String { formatFixed(x, 4) }
        var lines = [pad("", nameWidth, left: false) + pad("precision", 11) + pad("recall", 9) + pad("f1", 9) + pad("support", 9)]
        for s in perClass {
            lines.append(pad(s.label, nameWidth, left: false) + pad(f(s.precision), 11) + pad(f(s.recall), 9)
                         + pad(f(s.f1), 9) + pad(String(s.support), 9))
        }
        lines.append("")
        lines.append(pad("accuracy", nameWidth, left: false) + pad("", 29) + pad(f(accuracy), 9) + pad(String(confusion.total), 9))
        lines.append(pad("macro avg", nameWidth, left: false) + pad(f(macroPrecision), 11) + pad(f(macroRecall), 9)
                     + pad(f(macroF1), 9) + pad(String(confusion.total), 9))
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `x` with exactly `digits` decimals, without Foundation's locale-dependent formatting.
func formatFixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let negative = x < 0
    let n = Int64((abs(x) * scale).rounded())
    let whole = n / Int64(scale)
    var frac = String(n % Int64(scale))
    while frac.count < digits { frac = "0" + frac }
    return (negative && n != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + frac : "")
}
