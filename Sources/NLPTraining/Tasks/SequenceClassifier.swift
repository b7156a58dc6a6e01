import Foundation
import NLPTensor

/// An encoder with a classification head: dropout on the pooled vector, then a linear layer to
/// one logit per class (`classifier.weight` [classes, H], `classifier.bias`, as Hugging Face's
/// BertForSequenceClassification names them).
///
/// Loss: cross-entropy, optionally weighted per class (imbalanced data); with `multiLabel`, an
/// independent sigmoid per class (binary cross-entropy), each class its own yes/no.
public final class SequenceClassifier {
    public let encoder: TextEncoder
    public let classCount: Int
    public let multiLabel: Bool
    public var dropout: Float
    let weight: Tensor
    let bias: Tensor
    /// Optional per-position logit offsets [buckets, classes] (`position_bias.weight`): the
    /// extractive summariser's sentence position, added to the logits.
    public private(set) var positionBias: Tensor?

    public init(encoder: TextEncoder, classCount: Int, multiLabel: Bool = false, dropout: Float = 0.1, seed: UInt64) {
        self.encoder = encoder
        self.classCount = classCount
        self.multiLabel = multiLabel
        self.dropout = dropout
        weight = .parameter("classifier.weight", .randn([classCount, encoder.outputSize], std: 0.02, seed: seed))
        bias = .parameter("classifier.bias", .zeros([classCount]))
    }

    public static let positionBuckets = 16

    public func enablePositionBias() {
        if positionBias == nil { positionBias = .parameter("position_bias.weight", .zeros([Self.positionBuckets, classCount])) }
    }

    public var headParameters: [Tensor] { [weight, bias] + (positionBias.map { [$0] } ?? []) }
    public var parameters: [Tensor] { encoder.parameters + headParameters }

    /// Logits [batch, classes].
    public func logits(_ batch: PaddedBatch, training: Bool) throws -> Tensor {
        var pooled = try encoder.pooled(batch, training: training)
        if training && dropout > 0 { pooled = try pooled.dropout(dropout, training: true) }
        let logits = try pooled.linear(weight, bias)
        guard let positionBias, let positions = batch.positions else { return logits }
        let buckets = positions.map { min($0, Int32(Self.positionBuckets - 1)) }
        return try logits.adding(positionBias.embedding(IntTensor(buckets, shape: [buckets.count])))
    }

    /// Mean loss of a batch. `targets`: one class id per row (single-label), or for multi-label
    /// rows of 0/1 flattened [batch * classes]. `classWeights` scale each gold class's term and the
    /// mean is taken over the weights, as PyTorch's `CrossEntropyLoss(weight=...)`.
    public func loss(_ logits: Tensor, targets: [Int32], classWeights: [Float]? = nil) throws -> Tensor {
        let n = logits.shape[0]
        if multiLabel {
            // log(sigmoid(x)) and log(1 - sigmoid(x)) as a 2-way log-softmax over [0, x].
            let x = try logits.reshaped([n * classCount, 1])
            let pair = try concat([Tensor.zeros([n * classCount, 1]), x], axis: 1)
            return try pair.crossEntropy(IntTensor(targets, shape: [n * classCount]))
        }
        guard let w = classWeights else {
            return try logits.crossEntropy(IntTensor(targets, shape: [n]))
        }
        // Weighted NLL: sum_i w[y_i] * -log p(y_i) / sum_i w[y_i], with a constant selection matrix.
        var select = [Float](repeating: 0, count: n * classCount)
        var total: Float = 0
        for (i, y) in targets.enumerated() { total += w[Int(y)] }
        for (i, y) in targets.enumerated() { select[i * classCount + Int(y)] = -w[Int(y)] / max(total, 1e-12) }
        return try logits.logSoftmax().multiplying(Tensor(select, shape: [n, classCount])).sum()
    }

    /// Class probabilities per row (softmax, or per-class sigmoid when multi-label).
    public func probabilities(_ batch: PaddedBatch) throws -> [[Float]] {
        let logits = try noGrad { try self.logits(batch, training: false) }
        let values = logits.scalars
        return (0..<batch.batch).map { b in
            let row = Array(values[(b * classCount)..<((b + 1) * classCount)])
            if multiLabel { return row.map { 1 / (1 + expf(-$0)) } }
            let m = row.max() ?? 0
            let e = row.map { expf($0 - m) }
            let s = e.reduce(0, +)
            return e.map { $0 / s }
        }
    }
}

/// Inverse-frequency class weights, normalised to mean 1 (sklearn's `class_weight="balanced"`):
/// w_c = n / (classes * count_c); a class absent from the data gets weight 1.
public func balancedClassWeights(_ labels: [Int32], classCount: Int) -> [Float] {
    var counts = [Int](repeating: 0, count: classCount)
    for y in labels { counts[Int(y)] += 1 }
    return counts.map { $0 == 0 ? 1 : Float(labels.count) / Float(classCount * $0) }
}
