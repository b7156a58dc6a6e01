import Dispatch
import Foundation
import NLPTensor

/// The optimiser side of a fine-tuning loop, shared by `ClassifierTrainer` and the abstractive
/// summariser's trainer: AdamW over the trainable parameters (no decay on biases and norms;
/// with `options.layerLearningRateDecay` < 1 each of `layers`, listed bottom-up, at a lower rate
/// than the one above it), linear warm-up then linear decay to 0, gradient clipping, a step
/// skipped when the gradient norm is not finite, and the running window that becomes a metrics
/// record and progress line.
///
///     let steps = try FinetuneSteps(trainable: params, layers: encoder.layerGroups, options: options,
///                                   stepsPerEpoch: 100)
///     try loss.backward()
///     steps.apply(loss: loss.item, tokens: 512, startedAt: t0)
///     if let record = steps.logRecord(progress: progress) { try metrics.append(record) }
final class FinetuneSteps {
    let optimizer: Adam
    let schedule: LearningRateSchedule
    let trainable: [Tensor]
    let totalSteps: Int
    let clipNorm: Float
    let logEvery: Int
    /// Optimiser steps taken.
    private(set) var step = 0
    private var window = (loss: 0.0, steps: 0, tokens: 0, seconds: 0.0)
    private let started = DispatchTime.now().uptimeNanoseconds

    init(trainable: [Tensor], layers: [[Tensor]], options: FinetuneOptions, stepsPerEpoch: Int) throws {
        self.trainable = trainable
        let groups = ParameterGroup.layerwiseDecay(trainable, layers: layers, decay: options.layerLearningRateDecay,
                                                   weightDecay: options.weightDecay)
        optimizer = try Adam.adamW(groups, learningRate: Float(options.resolvedLearningRate), weightDecay: options.weightDecay)
        totalSteps = min(options.maxSteps ?? Int.max, stepsPerEpoch * options.epochs)
        schedule = LearningRateSchedule(peak: options.resolvedLearningRate, kind: .linear(minRatio: 0),
                                        warmupSteps: Int(Double(totalSteps) * options.warmupFraction), totalSteps: totalSteps)
        clipNorm = options.clipNorm
        logEvery = options.logEvery
    }

    var isFinished: Bool { step >= totalSteps }
    var elapsedSeconds: Double { Double(DispatchTime.now().uptimeNanoseconds - started) * 1e-9 }

    /// One optimiser step on the gradients `backward()` left: scheduled learning rate, clipping,
    /// update (unless the norm is not finite), zeroed gradients; the batch's loss and tokens go
    /// into the logging window, its time since `startedAt` (a `DispatchTime` uptime).
    func apply(loss: Float, tokens: Int, startedAt: UInt64) {
        optimizer.learningRate = schedule.learningRate(at: step)
        let norm = clipGradientNorm(trainable, maxNorm: clipNorm)
        if norm.isFinite { optimizer.step() }
        optimizer.zeroGradients()
        step += 1
        window.loss += Double(loss)
        window.steps += 1
        window.tokens += tokens
        window.seconds += Double(DispatchTime.now().uptimeNanoseconds - startedAt) * 1e-9
    }

    /// Every `logEvery` steps, at the last step, or when `force`d: the window as a metrics record
    /// (loss, lr, tokens/s, elapsed), also shown on `progress` with an ETA; then a new window.
    func logRecord(progress: ProgressLine, force: Bool = false) -> MetricsRecord? {
        guard step % logEvery == 0 || step == totalSteps || force else { return nil }
        var r = MetricsRecord(step: step)
        r.loss = window.loss / Double(max(1, window.steps))
        r.lr = Double(schedule.learningRate(at: step - 1))
        r.tokensPerSecond = Double(window.tokens) / max(window.seconds, 1e-9)
        r.elapsedSeconds = elapsedSeconds
        let eta = r.elapsedSeconds! / Double(max(step, 1)) * Double(totalSteps - step)
        progress.update(String(format: "step %d/%d  loss %.4f  lr %.2e  %.0f tok/s  ETA %@", step, totalSteps, r.loss!,
                               r.lr!, r.tokensPerSecond!, ProgressLine.duration(eta)))
        window = (0, 0, 0, 0)
        return r
    }
}
