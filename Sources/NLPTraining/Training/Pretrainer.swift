import Dispatch
import Foundation
import NLPModels
import NLPTensor

/// The masked-LM training loop: data stream -> masking -> model -> cross-entropy at masked
/// positions -> AdamW (no decay on biases and LayerNorm) with warm-up and linear/cosine decay,
/// global-norm clipping and gradient accumulation; logs, validates, checkpoints.
///
/// Every `logEvery` steps: a `metrics.jsonl` line (averages over the window) and the progress
/// line; every `evalEvery` steps and at the end: a validation pass over the held-out slice
/// (fixed masks, so passes are comparable) reported beside the unigram baseline; every
/// `saveEvery` steps and at the end: checkpoint, model directory and `loss.svg`.
///
///     let trainer = try Pretrainer(options: options, corpus: corpus, model: model, output: "runs/mini")
///     let summary = try trainer.run()
public final class Pretrainer {
    public let options: PretrainOptions
    public let corpus: PretrainingCorpus
    public let model: MaskedLanguageModel
    public let optimizer: Adam
    public let schedule: LearningRateSchedule
    public let masker: MLMMasker
    public let layout: RunDirectory
    public let metrics: MetricsLog
    public var progressLine = ProgressLine()
    /// Called after every optimiser step with (step, loss); tests use it.
    public var onStep: ((Int, Double) -> Void)?

    public private(set) var progress: PretrainProgress
    private var maskRandom: Xoshiro256StarStar
    private var validationBatches: [MaskedBatch] = []
    private let parameters: [Tensor]

    /// A new run (`progress` nil) or a resumed one (progress and cursor from the checkpoint;
    /// the caller restores the model and optimiser tensors through `TrainingCheckpoint`).
    public init(options: PretrainOptions, corpus: PretrainingCorpus, model: MaskedLanguageModel, output: RunDirectory,
                vocabularyFingerprint: String, resumeFrom checkpoint: String? = nil, progress saved: PretrainProgress? = nil) throws {
        try options.validate()
        self.options = options
        self.corpus = corpus
        self.model = model
        layout = output
        metrics = MetricsLog(path: output.metricsPath)
        parameters = model.trainableParameters
        let groups = ParameterGroup.decayAndNoDecay(parameters, weightDecay: options.weightDecay)
        optimizer = try Adam.adamW(groups, learningRate: Float(options.learningRate), weightDecay: options.weightDecay)
        let kind: LearningRateSchedule.Kind
        switch options.decay {
        case .linear: kind = .linear(minRatio: 0)
        case .cosine: kind = .cosine(minRatio: 0)
        case .constant: kind = .constant
        }
        schedule = LearningRateSchedule(peak: options.learningRate, kind: kind, warmupSteps: options.resolvedWarmup, totalSteps: options.steps)
        masker = try MLMMasker(vocabulary: corpus.vocabulary, probability: options.maskProbability, wholeWord: options.wholeWordMask)
        if let saved, let checkpoint {
            progress = saved
            progress.options = options
            progress.schedule = schedule
            maskRandom = try Xoshiro256StarStar(state: saved.maskRandom)
            try TrainingCheckpoint.restore(from: checkpoint, model: model, optimizer: optimizer)
        } else {
            maskRandom = Xoshiro256StarStar(seed: options.seed ^ 0x4D41_534B)
            progress = PretrainProgress(
                step: 0, optimizerSteps: 0, skippedSteps: 0, tokensSeen: 0, elapsedSeconds: 0,
                maskRandom: maskRandom.state, data: corpus.cursor,
                window: LogWindow(), schedule: schedule, options: options,
                modelConfig: String(decoding: try model.configJSON(), as: UTF8.self),
                vocabularySize: corpus.vocabulary.size, vocabularyFingerprint: vocabularyFingerprint,
                corpusFiles: corpus.files, unigram: nil)
        }
    }

    public struct Summary: Sendable {
        public var step: Int
        public var trainLoss: Double?
        public var validationLoss: Double?
        public var unigramBaseline: Double?
        public var tokensPerSecond: Double
        public var elapsedSeconds: Double
    }

    /// Trains until `options.steps` (or `stopAfter`, which saves a checkpoint there and returns:
    /// what a kill right after a checkpoint leaves behind).
    @discardableResult
    public func run(stopAfter: Int? = nil) throws -> Summary {
        let target = min(options.steps, stopAfter ?? options.steps)
        if progress.unigram == nil {
            let counts = try corpus.trainingTokenCounts()
            progress.unigram = UnigramBaseline(counts: counts)
            if progress.step == 0 && options.unigramOutputBias ?? true { model.setOutputBiasToUnigram(counts: counts) }
        }
        let baseline = progress.unigram!
        guard baseline.tokens > 0 else {
            throw CorpusError("corpus: no training text in \(corpus.files.count == 1 ? corpus.files[0] : "\(corpus.files.count) files")"
                              + " (empty, or nothing but special and unknown tokens)")
        }
        validationBatches = try makeValidationBatches()
        if progress.step == 0 {
            progressLine.message("pretrain: \(model.architecture), \(model.parameterCount) parameters, vocabulary \(corpus.vocabulary.size), "
                                 + "\(validationBatches.reduce(0) { $0 + $1.batchSize }) validation sequences, "
                                 + String(format: "unigram baseline %.3f nats (perplexity %.1f)", baseline.entropy, baseline.perplexity))
        } else {
            progressLine.message("pretrain: resuming at step \(progress.step) of \(options.steps)")
        }
        var lastTrainLoss: Double? = nil
        var lastValidation: Double? = nil
        while progress.step < target {
            let started = DispatchTime.now().uptimeNanoseconds
            let (loss, correct, predicted, tokens) = try trainStep()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) * 1e-9
            progress.step += 1
            progress.tokensSeen += tokens
            progress.elapsedSeconds += seconds
            progress.window.steps += 1
            progress.window.lossSum += loss
            progress.window.correct += correct
            progress.window.predicted += predicted
            progress.window.tokens += tokens
            progress.window.seconds += seconds
            onStep?(progress.step, loss)
            let step = progress.step
            let last = step == options.steps
            var record: MetricsRecord? = nil
            if step % options.logEvery == 0 || last {
                let w = progress.window
                var r = MetricsRecord(step: step)
                r.loss = w.lossSum / Double(max(1, w.steps))
                r.lr = Double(schedule.learningRate(at: step - 1))
                r.tokensPerSecond = Double(w.tokens) / max(w.seconds, 1e-9)
                r.mlmAccuracy = Double(w.correct) / Double(max(1, w.predicted))
                r.gradNorm = w.gradNormSum / Double(max(1, w.steps))
                r.elapsedSeconds = progress.elapsedSeconds
                lastTrainLoss = r.loss
                record = r
                progress.window = LogWindow()
                let eta = Double(options.steps - step) * progress.elapsedSeconds / Double(max(1, step))
                progressLine.update(String(format: "step %d/%d  loss %.3f  acc %.3f  lr %.2e  %.0f tok/s  ETA %@",
                                           step, options.steps, r.loss!, r.mlmAccuracy!, r.lr!, r.tokensPerSecond!,
                                           ProgressLine.duration(eta)))
            }
            if !validationBatches.isEmpty && (step % options.evalEvery == 0 || last) {
                let (valLoss, valAccuracy) = try validate()
                lastValidation = valLoss
                if record == nil { record = MetricsRecord(step: step) }
                record!.valLoss = valLoss
                record!.valPerplexity = Foundation.exp(valLoss)
                record!.valAccuracy = valAccuracy
                record!.unigramBaseline = baseline.entropy
                progressLine.message(String(format: "step %d: val loss %.3f (perplexity %.1f, accuracy %.3f), unigram baseline %.3f",
                                            step, valLoss, Foundation.exp(valLoss), valAccuracy, baseline.entropy))
            }
            if let record { try metrics.append(record) }
            if step % options.saveEvery == 0 || last || step == target {
                try saveCheckpoint()
            }
        }
        progressLine.finish()
        return Summary(step: progress.step, trainLoss: lastTrainLoss, validationLoss: lastValidation,
                       unigramBaseline: baseline.entropy,
                       tokensPerSecond: Double(progress.tokensSeen) / max(progress.elapsedSeconds, 1e-9),
                       elapsedSeconds: progress.elapsedSeconds)
    }

    /// One optimiser step over `accumulation` micro-batches. Returns the mean loss, correct and
    /// predicted masked tokens, and tokens processed.
    private func trainStep() throws -> (Double, Int, Int, Int) {
        var lossSum = 0.0, correct = 0, predicted = 0, tokens = 0
        let micro = options.accumulation
        // Dropout masks are a function of (seed, step): nothing to checkpoint, and a resumed run
        // draws the masks the uninterrupted one drew.
        DropoutSeeds.reseed(options.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(progress.step) &+ 0x4452_4F50)
        for _ in 0..<micro {
            let ids = try corpus.nextSequences(options.batchSize)
            let batch = masker.mask(flat: ids, batchSize: options.batchSize, length: options.sequenceLength, random: &maskRandom)
            tokens += batch.tokenCount
            guard !batch.positions.isEmpty else { continue }
            let logits = try model.maskedLogits(batch, training: true)
            let loss = try logits.crossEntropy(IntTensor(batch.targets, shape: [batch.targets.count]))
            lossSum += Double(loss.item)
            correct += Self.correctPredictions(logits, batch.targets)
            predicted += batch.targets.count
            try (micro == 1 ? loss : loss.scaled(1 / Float(micro))).backward()
        }
        optimizer.learningRate = schedule.learningRate(at: optimizer.stepCount)
        let norm = clipGradientNorm(parameters, maxNorm: options.clipNorm)
        if norm.isFinite {
            optimizer.step()
            progress.window.gradNormSum += Double(norm)
        } else {
            progress.skippedSteps += 1
            progressLine.message("step \(progress.step + 1): non-finite gradient norm, update skipped")
        }
        optimizer.zeroGradients()
        return (lossSum / Double(micro), correct, predicted, tokens)
    }

    /// Rows of logits [N, V] whose argmax equals the target.
    static func correctPredictions(_ logits: Tensor, _ targets: [Int32]) -> Int {
        let v = logits.shape[logits.rank - 1]
        var correct = 0
        logits.withUnsafeBufferPointer { p in
            for (i, target) in targets.enumerated() {
                let row = p.baseAddress! + i * v
                var best = 0
                var bestValue = row[0]
                for j in 1..<v where row[j] > bestValue { bestValue = row[j]; best = j }
                if best == Int(target) { correct += 1 }
            }
        }
        return correct
    }

    /// The held-out sequences in batches, masked once with a fixed generator, so that every
    /// validation pass scores the same predictions.
    private func makeValidationBatches() throws -> [MaskedBatch] {
        let sequences = try corpus.validationSequences()
        var random = Xoshiro256StarStar(seed: options.seed ^ 0x5641_4C49_44)
        var out: [MaskedBatch] = []
        var i = 0
        while i < sequences.count {
            let chunk = Array(sequences[i..<min(sequences.count, i + options.batchSize)])
            let batch = masker.mask(chunk, length: options.sequenceLength, random: &random)
            if !batch.positions.isEmpty { out.append(batch) }
            i += options.batchSize
        }
        return out
    }

    /// Mean loss and accuracy over every masked token of the validation slice (no dropout, no tape).
    public func validate() throws -> (loss: Double, accuracy: Double) {
        try noGrad {
            var total = 0.0, count = 0, correct = 0
            for batch in validationBatches {
                let logits = try model.maskedLogits(batch, training: false)
                let loss = try logits.crossEntropy(IntTensor(batch.targets, shape: [batch.targets.count]))
                total += Double(loss.item) * Double(batch.targets.count)
                count += batch.targets.count
                correct += Self.correctPredictions(logits, batch.targets)
            }
            return (total / Double(max(count, 1)), Double(correct) / Double(max(count, 1)))
        }
    }

    /// Checkpoint (resumable state), then the model directory and the loss curve.
    public func saveCheckpoint() throws {
        progress.optimizerSteps = optimizer.stepCount
        progress.maskRandom = maskRandom.state
        progress.data = corpus.cursor
        try FileManager.default.createDirectory(atPath: layout.checkpointDirectory, withIntermediateDirectories: true)
        try TrainingCheckpoint.save(progress: progress, model: model, optimizer: optimizer, to: layout.checkpointPath)
        try model.saveModel(to: layout.path)
        try writeLossCurve()
    }

    /// `loss.svg` from `metrics.jsonl`.
    public func writeLossCurve() throws {
        let records = try metrics.read()
        let train = records.compactMap { r in r.loss.map { (step: r.step, loss: $0) } }
        let validation = records.compactMap { r in r.valLoss.map { (step: r.step, loss: $0) } }
        let svg = LossCurveSVG.render(train: train, validation: validation, baseline: progress.unigram?.entropy)
        try AtomicFile.write(to: layout.lossCurvePath) { try $0.write(Array(svg.utf8)) }
    }
}
