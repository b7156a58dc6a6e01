/// Routes low-confidence intent predictions to out-of-scope.
///
/// A classifier always names some intent, even for "what's the weather on Mars?". The
/// threshold turns its top probability into a gate: below it, the answer is out-of-scope.
///
/// Calibration on the dev set (`calibrate`):
/// - dev has out-of-scope examples: try every distinct top-probability as the threshold and keep
///   the one with the best dev accuracy (out-of-scope counted as a class), ties to the lowest;
/// - dev has none: the threshold is the `quantile` (default 2%) of the top probabilities of
///   the *correctly* classified dev examples, so ~2% of in-scope answers would be given up
///   (`FinetuneJob` does this only when asked, with `--oos-quantile`: without out-of-scope
///   examples, any gate can only lower the measured accuracy).
///
///     let t = OutOfScopeThreshold.calibrate(top: [(0, 0.9), (2, 0.4)], gold: [0, 1], oosClass: 1)
///     t.route(predicted: 2, confidence: 0.3, oosClass: 1)   // 1
public struct OutOfScopeThreshold: Equatable, Sendable, Codable {
    public var threshold: Float

    public init(threshold: Float) { self.threshold = threshold }

    public func route(predicted: Int, confidence: Float, oosClass: Int) -> Int {
        confidence < threshold ? oosClass : predicted
    }

    /// `top`: the argmax class and its probability per dev example; `gold` the true classes;
    /// `oosClass` the id predictions are routed to.
    public static func calibrate(top: [(predicted: Int, confidence: Float)], gold: [Int], oosClass: Int,
                                 quantile: Double = 0.02) -> OutOfScopeThreshold {
        guard !top.isEmpty else { return OutOfScopeThreshold(threshold: 0) }
        if gold.contains(oosClass) {
            var candidates = Array(Set(top.map(\.confidence))).sorted()
            candidates.insert(0, at: 0)
            var best: Float = 0
            var bestCorrect = -1
            for t in candidates {
                // Threshold t routes confidence < t; candidates are the confidences themselves.
                var correct = 0
                for (p, g) in zip(top, gold) where (p.confidence < t ? oosClass : p.predicted) == g { correct += 1 }
                if correct > bestCorrect {
                    bestCorrect = correct
                    best = t
                }
            }
            return OutOfScopeThreshold(threshold: best)
        }
        let right = zip(top, gold).filter { $0.0.predicted == $0.1 }.map { $0.0.confidence }.sorted()
        guard !right.isEmpty else { return OutOfScopeThreshold(threshold: 0) }
        let k = min(right.count - 1, Int(Double(right.count) * quantile))
        return OutOfScopeThreshold(threshold: right[k])
    }
}

extension TaskModel {
    /// Calibrates the intent model's out-of-scope threshold on labelled `dev` rows and sets it
    /// (see `OutOfScopeThreshold.calibrate`): by dev accuracy when dev has out-of-scope rows,
    /// else at `quantile` of the confident right answers. Returns nil, leaving the model without
    /// a threshold, when dev has no out-of-scope rows and no quantile is given.
    @discardableResult
    public func calibrateOutOfScopeThreshold(on dev: [LabeledText], quantile: Double? = nil) throws -> Float? {
        guard let oosLabel = description.outOfScopeLabel else { return nil }
        description.outOfScopeThreshold = nil  // the raw argmax, ungated
        let labelIDs = Dictionary(labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let oosID = labelIDs[oosLabel] ?? labels.count
        let gold = dev.map { row in labelIDs[row.label ?? ""] ?? (row.label == oosLabel ? oosID : -1) }
        guard gold.contains(oosID) || quantile != nil else { return nil }
        let top = try predict(dev.map(\.text)).map { p in (predicted: labelIDs[p.label]!, confidence: p.ranked[0].probability) }
        let threshold = OutOfScopeThreshold.calibrate(top: top, gold: gold, oosClass: oosID, quantile: quantile ?? 0.02).threshold
        description.outOfScopeThreshold = threshold
        return threshold
    }
}
