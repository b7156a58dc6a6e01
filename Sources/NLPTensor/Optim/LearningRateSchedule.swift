import Foundation

/// Learning-rate schedules as multipliers of a peak learning rate, matching Hugging Face
/// transformers' `get_constant_schedule`, `get_constant_schedule_with_warmup`,
/// `get_linear_schedule_with_warmup`, `get_cosine_schedule_with_warmup` and
/// `get_cosine_with_min_lr_schedule_with_warmup(min_lr_rate:)`.
///
/// `step` counts optimiser updates already applied, as `LambdaLR` does: the first update uses
/// step 0, so with warm-up the very first update has learning rate 0 (as in HF).
///
///     let schedule = LearningRateSchedule(peak: 5e-4, kind: .cosine(minRatio: 0.1), warmupSteps: 100, totalSteps: 10_000)
///     optimizer.learningRate = schedule.learningRate(at: optimizer.stepCount)
///     optimizer.step()
///
/// Past `totalSteps` linear stays at `minRatio`, but cosine follows HF literally: the cosine keeps
/// turning and the multiplier rises again (warm-up 10, total 100: step 150 -> 0.59), so stop at `totalSteps`.
///
/// Worked example, linear, warm-up 10, total 100: step 5 -> 5/10 = 0.5; step 10 -> 90/90 = 1;
/// step 55 -> 45/90 = 0.5; step 100 and later -> 0.
public struct LearningRateSchedule: Codable, Hashable, Sendable {
    public enum Kind: Codable, Hashable, Sendable {
        /// Constant after warm-up.
        case constant
        /// Linear decay from 1 at the end of warm-up to `minRatio` at `totalSteps` (HF: minRatio 0).
        case linear(minRatio: Double)
        /// Half-cosine from 1 to `minRatio` (HF `get_cosine_schedule_with_warmup` when 0,
        /// `get_cosine_with_min_lr_schedule_with_warmup(min_lr_rate:)` otherwise).
        case cosine(minRatio: Double)
    }

    public var peak: Double
    public var kind: Kind
    public var warmupSteps: Int
    public var totalSteps: Int

    public init(peak: Double, kind: Kind, warmupSteps: Int = 0, totalSteps: Int = 0) {
        self.peak = peak
        self.kind = kind
        self.warmupSteps = warmupSteps
        self.totalSteps = totalSteps
    }

    /// The multiplier of `peak` for the update at `step` (0-based).
    public func multiplier(at step: Int) -> Double {
        if step < warmupSteps { return Double(step) / Double(max(1, warmupSteps)) }
        let decaySteps = Double(max(1, totalSteps - warmupSteps))
        switch kind {
        case .constant:
            return 1
        case .linear(let minRatio):
            let factor = max(0, Double(totalSteps - step) / decaySteps)
            return factor * (1 - minRatio) + minRatio
        case .cosine(let minRatio):
            let progress = Double(step - warmupSteps) / decaySteps
            let factor = 0.5 * (1 + Foundation.cos(Double.pi * 0.5 * 2 * progress))
            return max(0, factor * (1 - minRatio) + minRatio)
        }
    }

    /// `peak * multiplier(at: step)` as the optimiser's Float.
    public func learningRate(at step: Int) -> Float { Float(peak * multiplier(at: step)) }
}
