/// Out-of-scope metrics as defined for CLINC150 (Larson et al. 2019, "An Evaluation Dataset for
/// Intent Classification and Out-of-Scope Prediction"):
/// - in-scope accuracy: over gold in-scope examples, the fraction predicted with the right intent
///   (predicting out-of-scope for them is an error);
/// - out-of-scope recall: over gold out-of-scope examples, the fraction predicted out-of-scope;
/// - out-of-scope precision: over examples predicted out-of-scope, the fraction that truly are.
///
///     IntentMetrics(confusion, outOfScopeLabel: "out_of_scope")
public struct IntentMetrics: Equatable, Sendable {
    public var inScopeAccuracy: Double
    public var outOfScopeRecall: Double
    public var outOfScopePrecision: Double
    public var inScopeCount: Int
    public var outOfScopeCount: Int

    public init(_ m: ConfusionMatrix, outOfScopeLabel: String) {
        let oos = m.labels.firstIndex(of: outOfScopeLabel)
        var inCorrect = 0, inTotal = 0
        for g in 0..<m.classCount where g != oos {
            inCorrect += m[g, g]
            inTotal += m.goldCount(g)
        }
        inScopeCount = inTotal
        inScopeAccuracy = inTotal == 0 ? 0 : Double(inCorrect) / Double(inTotal)
        if let o = oos {
            outOfScopeCount = m.goldCount(o)
            let predicted = m.predictedCount(o)
            outOfScopeRecall = outOfScopeCount == 0 ? 0 : Double(m[o, o]) / Double(outOfScopeCount)
            outOfScopePrecision = predicted == 0 ? 0 : Double(m[o, o]) / Double(predicted)
        } else {
            outOfScopeCount = 0
            outOfScopeRecall = 0
            outOfScopePrecision = 0
        }
    }
}
