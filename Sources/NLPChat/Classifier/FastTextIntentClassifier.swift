import Foundation

/// The built-in intent classifier: a fastText-style linear model (Joulin et al., "Bag of Tricks
/// for Efficient Text Classification", 2016) that trains in well under a second on a bot's few
/// thousand utterances, so a bot works without the Transformer fine-tuning step.
///
///     hidden  = mean of E[f] over the message's hashed features f   (FeatureHasher: words,
///               word bigrams, character 3-5-grams; Chinese words, characters, character pairs)
///     logits  = W · hidden + b,  confidences = softmax(logits)
///
/// E holds one `dim`-vector per hashed bucket that occurred in training, stored sparsely (a bucket
/// seen only at prediction time has no row and is skipped), so a model is a few hundred KB.
/// Out-of-scope is an ordinary class learned from the `out_of_scope` examples; the bot's
/// confidence threshold catches the rest.
public final class FastTextIntentClassifier: IntentClassifier {
    public let labels: [String]
    public let dim: Int
    public let hasher: FeatureHasher
    /// Hash of the training data and options it was trained with; a bot retrains when it changes.
    public let fingerprint: UInt64
    /// Bucket id -> row of `input`.
    let rows: [UInt32: Int32]
    let buckets: [UInt32]
    let input: [Float]
    let output: [Float]
    let bias: [Float]

    init(labels: [String], dim: Int, hasher: FeatureHasher, fingerprint: UInt64,
         buckets: [UInt32], input: [Float], output: [Float], bias: [Float]) {
        self.labels = labels
        self.dim = dim
        self.hasher = hasher
        self.fingerprint = fingerprint
        self.buckets = buckets
        var rows: [UInt32: Int32] = [:]
        rows.reserveCapacity(buckets.count)
        for (i, b) in buckets.enumerated() { rows[b] = Int32(i) }
        self.rows = rows
        self.input = input
        self.output = output
        self.bias = bias
    }

    public func rank(_ text: String) -> [(intent: String, confidence: Float)] {
        let p = probabilities(text)
        return p.indices.sorted { p[$0] > p[$1] || (p[$0] == p[$1] && $0 < $1) }.map { (labels[$0], p[$0]) }
    }

    /// Softmax over `labels`, in label order.
    public func probabilities(_ text: String) -> [Float] {
        let ids = hasher.features(text).compactMap { rows[$0] }
        var hidden = [Float](repeating: 0, count: dim)
        input.withUnsafeBufferPointer { e in
            hidden.withUnsafeMutableBufferPointer { h in
                for id in ids {
                    let row = Int(id) * dim
                    for k in 0..<dim { h[k] += e[row + k] }
                }
                if !ids.isEmpty { let scale = 1 / Float(ids.count); for k in 0..<dim { h[k] *= scale } }
            }
        }
        var logits = bias
        FastTextMath.addMatVec(&logits, output, hidden, dim: dim)
        FastTextMath.softmaxInPlace(&logits)
        return logits
    }
}

/// The few dense loops the classifier and its trainer share.
enum FastTextMath {
    /// y[c] += W[c, :] · x for a row-major `y.count` × `dim` matrix W.
    static func addMatVec(_ y: inout [Float], _ w: [Float], _ x: [Float], dim: Int) {
        w.withUnsafeBufferPointer { w in
            x.withUnsafeBufferPointer { x in
                y.withUnsafeMutableBufferPointer { y in
                    for c in 0..<y.count {
                        var s: Float = 0
                        let row = c * dim
                        for k in 0..<dim { s += w[row + k] * x[k] }
                        y[c] += s
                    }
                }
            }
        }
    }

    static func softmaxInPlace(_ v: inout [Float]) {
        guard let m = v.max() else { return }
        var sum: Float = 0
        for i in v.indices { v[i] = Foundation.exp(v[i] - m); sum += v[i] }
        for i in v.indices { v[i] /= sum }
    }
}
