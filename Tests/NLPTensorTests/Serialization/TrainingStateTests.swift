import Foundation
import Testing
@testable import NLPTensor

@Suite struct TrainingStateTests {
    /// A tiny noisy linear regression whose every random choice (init, example order, dropout mask)
    /// comes from one generator, trained with AdamW under a cosine schedule: the situation a real
    /// resume has to reproduce.
    final class Run {
        let w: TestParameter, b: TestParameter
        let optimizer: Adam
        var rng: Xoshiro256StarStar
        var order: [Int] = []
        var cursor = 0
        var epoch = 0
        let schedule = LearningRateSchedule(peak: 0.05, kind: .cosine(minRatio: 0.1), warmupSteps: 3, totalSteps: 30)
        let xs: [[Float]] = (0..<16).map { i in (0..<8).map { j in Float((i * 7 + j * 3) % 11) / 11 - 0.5 } }

        init(seed: UInt64) throws {
            var generator = Xoshiro256StarStar(seed: seed)
            var init0 = [Float](repeating: 0, count: 8)
            init0.withUnsafeMutableBufferPointer { generator.fillNormal($0, std: 0.1) }
            rng = generator
            w = TestParameter("head.weight", init0)
            b = TestParameter("head.bias", [0])
            optimizer = try Adam.adamW(ParameterGroup.decayAndNoDecay([w, b], weightDecay: 0.01))
        }

        func trainStep() {
            if cursor == 0 { order = rng.permutation(xs.count) }
            let x = xs[order[cursor]]
            let target = x.enumerated().reduce(Float(0.3)) { $0 + Float($1.offset % 3) * $1.element }
            var mask = [Float](repeating: 0, count: 8)
            mask.withUnsafeMutableBufferPointer { rng.fillBernoulliMask($0, keepProbability: 0.8, scale: 1.25) }
            let wv = w.values
            let y = (0..<8).reduce(b.values[0]) { $0 + wv[$1] * x[$1] * mask[$1] }
            let d = y - target
            w.setGradient((0..<8).map { d * x[$0] * mask[$0] })
            b.setGradient([d])
            clipGradientNorm([w, b], maxNorm: 1)
            optimizer.learningRate = schedule.learningRate(at: optimizer.stepCount)
            optimizer.step()
            cursor += 1
            if cursor == xs.count { cursor = 0; epoch += 1 }
        }

        var progress: TrainingProgress {
            TrainingProgress(step: optimizer.stepCount, epoch: epoch, dataCursor: cursor, rng: rng, schedule: schedule,
                             extra: ["order": order.map(String.init).joined(separator: ",")])
        }
    }

    @Test func resumedRunMatchesUninterruptedRunBitForBit() throws {
        let straight = try Run(seed: 2024)
        for _ in 0..<25 { straight.trainStep() }

        let path = makeTemporaryDirectory() + "/state.safetensors"
        let first = try Run(seed: 2024)
        for _ in 0..<18 { first.trainStep() }  // 18 = epoch 1, cursor 2: mid-epoch
        try TrainingState.save(parameters: [first.w, first.b], optimizer: first.optimizer, progress: first.progress, to: path)

        let resumed = try Run(seed: 999)  // different init: everything must come from the file
        let p: TrainingProgress = try TrainingState.restore(from: path, parameters: [resumed.w, resumed.b], optimizer: resumed.optimizer)
        resumed.rng = try Xoshiro256StarStar(state: p.rngState)
        resumed.cursor = p.dataCursor
        resumed.epoch = p.epoch
        resumed.order = p.extra["order"]!.split(separator: ",").map { Int($0)! }
        #expect(p.step == 18 && p.epoch == 1 && p.dataCursor == 2 && p.schedule == straight.schedule)
        #expect(resumed.optimizer.stepCount == 18)
        for _ in 18..<25 { resumed.trainStep() }

        #expect(resumed.w.values == straight.w.values)
        #expect(resumed.b.values == straight.b.values)
        #expect(resumed.rng == straight.rng)
        let file = try SafeTensors.read(path)
        #expect(Set(file.names) == ["head.weight", "head.bias", "optimizer/head.weight.exp_avg", "optimizer/head.weight.exp_avg_sq",
                                    "optimizer/head.bias.exp_avg", "optimizer/head.bias.exp_avg_sq"])
    }

    @Test func mismatchedModelsAreRefusedWithoutTouchingAnything() throws {
        let path = makeTemporaryDirectory() + "/state.safetensors"
        let a = TestParameter("a", [1, 2, 3])
        try TrainingState.save(parameters: [a], optimizer: nil, progress: ["step": 1], to: path)
        let wrongSize = TestParameter("a", [0, 0])
        #expect(throws: SafeTensorsError.self) { let _: [String: Int] = try TrainingState.restore(from: path, parameters: [wrongSize], optimizer: nil) }
        let other = TestParameter("b", [0, 0, 0])
        #expect(throws: SafeTensorsError.self) { let _: [String: Int] = try TrainingState.restore(from: path, parameters: [other], optimizer: nil) }
        let fresh = TestParameter("a", [9, 9, 9])
        let opt = try SGD([ParameterGroup([fresh])], learningRate: 0.1, momentum: 0.9)
        #expect(throws: SafeTensorsError.self) { let _: [String: Int] = try TrainingState.restore(from: path, parameters: [fresh], optimizer: opt) }
        #expect(fresh.values == [9, 9, 9])
        let progress: [String: Int] = try TrainingState.progress(at: path)
        #expect(progress == ["step": 1])
        // A plain safetensors file is not a checkpoint.
        let plain = makeTemporaryDirectory() + "/model.safetensors"
        try SafeTensors.write(floats: [("a", [3], [1, 2, 3])], to: plain)
        #expect(throws: SafeTensorsError.self) { let _: [String: Int] = try TrainingState.progress(at: plain) }
    }

    @Test func savingOverAnExistingCheckpointReplacesItAtomically() throws {
        let dir = makeTemporaryDirectory()
        let path = dir + "/state.safetensors"
        let a = TestParameter("a", [1])
        try TrainingState.save(parameters: [a], optimizer: nil, progress: ["step": 1], to: path)
        a.value[0] = 2
        try TrainingState.save(parameters: [a], optimizer: nil, progress: ["step": 2], to: path)
        let progress: [String: Int] = try TrainingState.progress(at: path)
        #expect(progress == ["step": 2])
        #expect(try SafeTensors.read(path).floats("a") == [2])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["state.safetensors"])
    }
}
