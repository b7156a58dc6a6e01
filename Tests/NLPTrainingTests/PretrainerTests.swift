import Foundation
import NLPTensor
import Testing
@testable import NLPTraining

/// The training loop on a toy model: it learns, it logs what DESIGN.md promises, and a run
/// stopped halfway and resumed from its checkpoint equals the uninterrupted run bit for bit.
extension TrainingRuns {
@Suite struct PretrainerTests {
    let dir = TemporaryDirectory()
    /// A corpus with structure to learn: each paragraph repeats a small "topic" of words.
    let vocab: ToyVocabulary
    let corpusPath: String

    init() {
        let words = (0..<40).map { "t\($0)" }
        vocab = ToyVocabulary(words: words)
        var rng = Xoshiro256StarStar(seed: 3)
        var lines: [String] = []
        for _ in 0..<120 {
            let topic = rng.nextInt(below: 8) * 5
            lines.append((0..<(8 + rng.nextInt(below: 20))).map { _ in "t\(topic + rng.nextInt(below: 5))" }.joined(separator: " "))
        }
        corpusPath = dir.write("corpus/text.txt", lines.joined(separator: "\n") + "\n")
    }

    func options(steps: Int = 12) -> PretrainOptions {
        var o = PretrainOptions()
        o.architecture = .transformer
        o.sequenceLength = 16
        o.batchSize = 4
        o.accumulation = 2
        o.steps = steps
        o.learningRate = 0.01
        o.warmupSteps = 2
        o.logEvery = 2
        o.evalEvery = 4
        o.saveEvery = 3
        o.shuffleBufferSize = 8
        o.validationEvery = 5
        o.seed = 9
        return o
    }

    func make(_ output: String, _ options: PretrainOptions, resume: Bool = false, stepsOverride: Int? = nil) throws -> Pretrainer {
        let trainer = try Pretraining.make(options: options, corpus: [dir.path + "/corpus"], vocabulary: vocab.vocabulary, fingerprint: "toy",
                                           output: output, resume: resume, stepsOverride: stepsOverride,
                                           makeModel: { o, v in ToyMaskedLM(vocabularySize: v.size, length: o.sequenceLength, seed: o.seed) },
                                           tokenize: vocab.tokenize)
        trainer.progressLine = ProgressLine(isTerminal: false)
        return trainer
    }

    func quiet(_ t: Pretrainer) -> Pretrainer { t.progressLine = ProgressLine(isTerminal: false); return t }

    @Test func resumedRunEqualsTheUninterruptedOneBitForBit() throws {
        var reference: [Int: Double] = [:]
        let a = try make(dir.path + "/a", options())
        a.onStep = { reference[$0] = $1 }
        try a.run()
        let weightsA = a.model.stateTensors.map(\.scalars)

        var resumedLosses: [Int: Double] = [:]
        let first = try make(dir.path + "/b", options())
        first.onStep = { resumedLosses[$0] = $1 }
        try first.run(stopAfter: 5)        // a checkpoint at step 5 (not a save multiple), then "killed"
        #expect(first.progress.step == 5)
        DropoutSeeds.reseed(12345)         // a new process starts with other global state
        BufferPool.trim()
        let second = try make(dir.path + "/b", PretrainOptions(), resume: true)   // options come from the checkpoint
        second.onStep = { resumedLosses[$0] = $1 }
        try second.run()

        #expect(resumedLosses == reference)
        let weightsB = second.model.stateTensors.map(\.scalars)
        #expect(weightsB.count == weightsA.count && zip(weightsA, weightsB).allSatisfy { $0 == $1 }, "weights differ")
        let logA = try MetricsLog(path: dir.path + "/a/metrics.jsonl").read()
        let logB = try MetricsLog(path: dir.path + "/b/metrics.jsonl").read()
        #expect(logA.map(\.step) == logB.map(\.step))
        #expect(logA.map(\.loss) == logB.map(\.loss))
        #expect(logA.map(\.valLoss) == logB.map(\.valLoss))
        #expect(logA.map(\.mlmAccuracy) == logB.map(\.mlmAccuracy))
    }

    @Test func aRunWritesMetricsCheckpointModelAndCurveAndLearns() throws {
        let out = dir.path + "/learn"
        var o = options(steps: 300)
        o.accumulation = 1
        o.batchSize = 8
        o.logEvery = 50
        o.evalEvery = 100
        o.saveEvery = 150
        let summary = try make(out, o).run()
        let records = try MetricsLog(path: out + "/metrics.jsonl").read()
        #expect(records.map(\.step) == [50, 100, 150, 200, 250, 300])
        #expect(records.allSatisfy { $0.loss != nil && $0.lr != nil && $0.tokensPerSecond != nil && $0.mlmAccuracy != nil })
        let validated = records.filter { $0.valLoss != nil }
        #expect(validated.map(\.step) == [100, 200, 300])
        #expect(validated.allSatisfy { abs($0.valPerplexity! - exp($0.valLoss!)) < 1e-9 * $0.valPerplexity! && $0.unigramBaseline != nil })
        // Topics make context informative: validation loss ends well below the unigram baseline (ln 40 ~ 3.7).
        let baseline = summary.unigramBaseline!
        #expect(summary.validationLoss! < baseline - 0.5)
        for file in ["metrics.jsonl", "loss.svg", "config.json", "model.safetensors", "checkpoint/state.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
        // A second fresh run into the same directory is refused; resuming a finished run is a no-op.
        #expect(throws: TrainingError.self) { _ = try make(out, o) }
        let again = try make(out, o, resume: true)
        #expect(again.progress.step == 300)
        // Extending a finished run continues from its checkpoint.
        let more = try make(out, o, resume: true, stepsOverride: 310)
        try more.run()
        #expect(try MetricsLog(path: out + "/metrics.jsonl").read().last?.step == 310)
    }

    @Test func resumeRefusesAnotherVocabularyOrCorpus() throws {
        let out = dir.path + "/refuse"
        try make(out, options(steps: 3)).run()
        let other = ToyVocabulary(words: (0..<41).map { "t\($0)" })
        #expect(throws: TrainingError.self) {
            _ = try Pretraining.make(options: options(), corpus: [dir.path + "/corpus"], vocabulary: other.vocabulary, fingerprint: "other",
                                     output: out, resume: true,
                                     makeModel: { o, v in ToyMaskedLM(vocabularySize: v.size, length: o.sequenceLength, seed: o.seed) },
                                     tokenize: other.tokenize)
        }
        let elsewhere = dir.write("other/x.txt", "t1 t2 t3\n")
        #expect(throws: TrainingError.self) {
            _ = try Pretraining.make(options: options(), corpus: [elsewhere], vocabulary: vocab.vocabulary, fingerprint: "toy",
                                     output: out, resume: true,
                                     makeModel: { o, v in ToyMaskedLM(vocabularySize: v.size, length: o.sequenceLength, seed: o.seed) },
                                     tokenize: vocab.tokenize)
        }
        #expect(throws: TrainingError.self) { _ = try make(dir.path + "/never-started", options(), resume: true) }
    }
}
}
