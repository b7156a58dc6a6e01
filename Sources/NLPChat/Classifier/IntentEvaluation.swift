import Foundation

/// How well a classifier does on labelled utterances, the way the bot uses it: a prediction below
/// `threshold` counts as out-of-scope.
///
///     accuracy          top-1 after the threshold rule, over all utterances
///     rawAccuracy       plain argmax, no threshold
///     inScopeAccuracy   accuracy over utterances whose label is not out-of-scope
///     oosRecall         out-of-scope utterances predicted out-of-scope
///     oosPrecision      out-of-scope predictions that were out-of-scope
public struct IntentEvaluation: Sendable, CustomStringConvertible {
    public var count = 0
    public var accuracy: Double = 0
    public var rawAccuracy: Double = 0
    public var inScopeAccuracy: Double = 0
    public var oosRecall: Double = 0
    public var oosPrecision: Double = 0

    public init(_ classifier: IntentClassifier, on examples: [LabeledUtterance], threshold: Float, outOfScopeLabel: String = "out_of_scope") {
        var correct = 0, rawCorrect = 0, inScope = 0, inScopeCorrect = 0, oos = 0, oosFound = 0, oosPredicted = 0
        for example in examples {
            guard let top = classifier.rank(example.text).first else { continue }
            let predicted = top.confidence < threshold ? outOfScopeLabel : top.intent
            if predicted == example.label { correct += 1 }
            if top.intent == example.label { rawCorrect += 1 }
            if predicted == outOfScopeLabel { oosPredicted += 1 }
            if example.label == outOfScopeLabel {
                oos += 1
                if predicted == outOfScopeLabel { oosFound += 1 }
            } else {
                inScope += 1
                if predicted == example.label { inScopeCorrect += 1 }
            }
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        count = examples.count
        accuracy = ratio(correct, examples.count)
        rawAccuracy = ratio(rawCorrect, examples.count)
        inScopeAccuracy = ratio(inScopeCorrect, inScope)
        oosRecall = ratio(oosFound, oos)
        oosPrecision = ratio(oosFound, oosPredicted)
    }

    public var description: String {
        func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        return "\(count) utterances: accuracy \(pct(accuracy)) (argmax \(pct(rawAccuracy))), in-scope \(pct(inScopeAccuracy)), "
            + "out-of-scope recall \(pct(oosRecall)), precision \(pct(oosPrecision))"
    }
}

extension LabeledUtterance {
    /// A `text,label` CSV (RFC 4180, header first); labels are not checked against any bot.
    public static func readCSV(_ path: String) throws -> [LabeledUtterance] {
        try BotDefinition.readCSV(path, knownLabels: nil)
    }
}
