import Testing
@testable import NLPTensor

@Suite struct ScheduleAndClippingTests {
    @Test func schedulesMatchTransformers() {
        for s in OptimReference.shared.schedules {
            let schedule: LearningRateSchedule
            switch s.kind {
            case "constant": schedule = .init(peak: 1, kind: .constant, warmupSteps: 10, totalSteps: 100)
            case "linear": schedule = .init(peak: 1, kind: .linear(minRatio: 0), warmupSteps: 10, totalSteps: 100)
            case "cosine": schedule = .init(peak: 1, kind: .cosine(minRatio: 0), warmupSteps: 10, totalSteps: 100)
            case "cosine_min": schedule = .init(peak: 1, kind: .cosine(minRatio: 0.1), warmupSteps: 10, totalSteps: 100)
            case "linear_nowarmup": schedule = .init(peak: 1, kind: .linear(minRatio: 0), warmupSteps: 0, totalSteps: 50)
            default: Issue.record("unknown schedule \(s.kind)"); continue
            }
            for (step, expected) in zip(s.steps, s.multipliers) {
                #expect(abs(schedule.multiplier(at: step) - expected) < 1e-12, "\(s.kind) at step \(step)")
            }
        }
    }

    @Test func linearScheduleWorkedExample() {
        let s = LearningRateSchedule(peak: 2e-3, kind: .linear(minRatio: 0), warmupSteps: 10, totalSteps: 100)
        #expect(s.multiplier(at: 5) == 0.5)
        #expect(s.multiplier(at: 10) == 1)
        #expect(s.multiplier(at: 55) == 0.5)
        #expect(s.multiplier(at: 200) == 0)
        #expect(s.learningRate(at: 55) == Float(1e-3))
        let floored = LearningRateSchedule(peak: 1, kind: .linear(minRatio: 0.1), warmupSteps: 0, totalSteps: 10)
        #expect(abs(floored.multiplier(at: 10) - 0.1) < 1e-12 && abs(floored.multiplier(at: 5) - 0.55) < 1e-12)
    }

    @Test func clippingMatchesPyTorch() {
        for c in OptimReference.shared.clipping {
            let params = c.gradients.enumerated().map { i, g in
                let p = TestParameter("p\(i)", [Float](repeating: 0, count: g.count))
                p.setGradient(g)
                return p
            }
            let norm = clipGradientNorm(params, maxNorm: c.max_norm)
            #expect(abs(norm - c.norm) <= 1e-6 * c.norm)
            for (p, expected) in zip(params, c.clipped) { #expect(maxRelativeError(p.gradients, expected, floor: 1e-6) < 1e-6) }
        }
    }

    @Test func clippingWorkedExampleAndNonFiniteNorm() {
        let a = TestParameter("a", [0, 0]), b = TestParameter("b", [0])
        a.setGradient([3, 4]); b.setGradient([12])
        #expect(clipGradientNorm([a, b], maxNorm: 1) == 13)
        #expect(abs(a.gradients[0] - 3 / 13) < 1e-6 && abs(b.gradients[0] - 12 / 13) < 1e-6)
        b.setGradient([.infinity])
        #expect(clipGradientNorm([a, b], maxNorm: 1) == .infinity)
        #expect(b.gradients[0] == .infinity)  // untouched: the trainer skips the step
    }
}
