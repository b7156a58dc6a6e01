import Dispatch
import Foundation
import NLPTensor

/// Fine-tunes a `SequenceClassifier` on labelled texts: AdamW (no decay on biases and norms),
/// linear warm-up then linear decay, gradient clipping, dev evaluation with early stopping, and
/// the best weights kept (in memory, and saved through `onBest`). Seeded: the same data, options
/// and seed give the same weights.
///
///     let trainer = ClassifierTrainer(classifier: c, batcher: b, options: options)
///     let result = try trainer.train(train: (ids, labels), dev: (devIDs, devLabels))
public final class ClassifierTrainer {
    public let classifier: SequenceClassifier
    public let batcher: TextBatcher
    public let options: FinetuneOptions
    public var metrics: MetricsLog?
    public var progress = ProgressLine()
    /// Called with the dev accuracy whenever the weights are a new best.
    public var onBest: ((Double) throws -> Void)?

    public struct Result: Sendable {
        public var bestDevAccuracy: Double
        public var bestStep: Int
        public var steps: Int
        public var seconds: Double
        public var stoppedEarly: Bool
    }

    public init(classifier: SequenceClassifier, batcher: TextBatcher, options: FinetuneOptions) {
        self.classifier = classifier
        self.batcher = batcher
        self.options = options
    }

    /// `labels`: class ids (single-label), or for multi-label 0/1 rows of `classCount` each.
    public func train(train: (sequences: [[Int32]], labels: [[Int32]]),
                      dev: (sequences: [[Int32]], labels: [[Int32]]),
                      trainPositions: [Int32]? = nil, devPositions: [Int32]? = nil) throws -> Result {
        try options.validate()
        // Dropout draws from NLPTensor's process-wide seed stream; seed it for reproducibility
        // (left alone when nothing drops out, so concurrent runs without dropout never touch it).
        if options.dropout > 0 || options.encoderDropout { DropoutSeeds.reseed(options.seed ^ 0x4452_4F50) }
        let frozen = Set(classifier.encoder.layerGroups.prefix(options.freezeLayers).joined().map { ObjectIdentifier($0) })
        let trainable = classifier.parameters.filter { !frozen.contains(ObjectIdentifier($0)) }
        for p in classifier.parameters where frozen.contains(ObjectIdentifier(p)) { p.requiresGrad = false }
        let n = train.sequences.count
        let stepsPerEpoch = (n + options.batchSize - 1) / options.batchSize
        let steps = try FinetuneSteps(trainable: trainable, layers: classifier.encoder.layerGroups, options: options,
                                      stepsPerEpoch: stepsPerEpoch)
        let weights: [Float]? = options.classWeights && !options.multiLabel
            ? balancedClassWeights(train.labels.map { $0[0] }, classCount: classifier.classCount) : nil
        let evalEvery = options.evalEvery > 0 ? options.evalEvery : stepsPerEpoch
        var random = Xoshiro256StarStar(seed: options.seed)
        var best = -1.0, bestStep = 0, sinceBest = 0
        var bestWeights: [[Float]] = []
        var stoppedEarly = false
        progress.message("finetune: \(classifier.encoder.architecture), \(trainable.reduce(0) { $0 + $1.count }) trainable parameters, "
                         + "\(n) training / \(dev.sequences.count) dev examples, \(classifier.classCount) classes, \(steps.totalSteps) steps")
        training: for _ in 0..<options.epochs {
            let batches = EpochBatches.make(lengths: train.sequences.map(\.count), batchSize: options.batchSize,
                                            groupByLength: options.groupByLength, using: &random)
            for rows in batches {
                if steps.isFinished { break training }
                let t0 = DispatchTime.now().uptimeNanoseconds
                let batch = batcher.batch(train.sequences, rows: rows, positions: trainPositions)
                let targets = rows.flatMap { train.labels[$0] }
                let logits = try classifier.logits(batch, training: true)
                let loss = try classifier.loss(logits, targets: targets, classWeights: weights)
                try loss.backward()
                steps.apply(loss: loss.item, tokens: batch.lengths.reduce(0, +), startedAt: t0)
                let step = steps.step
                var record = steps.logRecord(progress: progress)
                if step % evalEvery == 0 || steps.isFinished {
                    let (devLoss, devAccuracy) = try evaluate(dev, positions: devPositions)
                    if record == nil { record = MetricsRecord(step: step) }
                    record!.valLoss = devLoss
                    record!.valAccuracy = devAccuracy
                    let improved = devAccuracy > best
                    progress.message(String(format: "step %d: dev loss %.4f, dev accuracy %.4f%@", step, devLoss, devAccuracy,
                                            improved ? " (best)" : ""))
                    if improved {
                        best = devAccuracy
                        bestStep = step
                        sinceBest = 0
                        bestWeights = classifier.parameters.map { $0.scalars }
                        try onBest?(devAccuracy)
                    } else {
                        sinceBest += 1
                    }
                }
                if let record { try metrics?.append(record) }
                if sinceBest >= options.patience {
                    progress.message("finetune: no dev improvement in \(options.patience) evaluations; stopping at step \(step)")
                    stoppedEarly = true
                    break training
                }
            }
        }
        progress.finish()
        for (p, w) in zip(classifier.parameters, bestWeights) { try p.copy(from: w) }
        for p in classifier.parameters { p.requiresGrad = true }
        return Result(bestDevAccuracy: best, bestStep: bestStep, steps: steps.step, seconds: steps.elapsedSeconds, stoppedEarly: stoppedEarly)
    }

    /// Mean loss and accuracy on `data` (multi-label accuracy: every class decided right).
    public func evaluate(_ data: (sequences: [[Int32]], labels: [[Int32]]), positions: [Int32]? = nil) throws -> (loss: Double, accuracy: Double) {
        guard !data.sequences.isEmpty else { return (0, 0) }
        var lossSum = 0.0, correct = 0
        let k = classifier.classCount
        try noGrad {
            for first in stride(from: 0, to: data.sequences.count, by: 64) {
                let rows = first..<min(data.sequences.count, first + 64)
                let batch = batcher.batch(data.sequences, rows: rows, positions: positions)
                let logits = try classifier.logits(batch, training: false)
                let targets = rows.flatMap { data.labels[$0] }
                lossSum += Double(try classifier.loss(logits, targets: targets).item) * Double(rows.count)
                let values = logits.scalars
                for (r, i) in rows.enumerated() {
                    let row = values[(r * k)..<((r + 1) * k)]
                    if classifier.multiLabel {
                        if zip(row, data.labels[i]).allSatisfy({ ($0.0 > 0) == ($0.1 == 1) }) { correct += 1 }
                    } else if let m = row.indices.max(by: { row[$0] < row[$1] }), m - row.startIndex == Int(data.labels[i][0]) {
                        correct += 1
                    }
                }
            }
        }
        return (lossSum / Double(data.sequences.count), Double(correct) / Double(data.sequences.count))
    }
}
