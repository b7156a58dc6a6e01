import Foundation
import NLPModels
import NLPTensor
import Testing
@testable import NLPTraining

/// Both architectures end to end through `Pretraining.make` with a real vocab.txt and the
/// WordPiece tokenizer: a resumed run equals the uninterrupted one, and the model directory
/// opens again (the transformer with Hugging Face names through `ModelDirectory`).
extension TrainingRuns {
@Suite struct ArchitecturePretrainTests {
    let dir = TemporaryDirectory()
    let vocabPath: String

    init() {
        let words = ["the", "cat", "dog", "sat", "ran", "on", "mat", "rug", "play", "walk", "red", "blue", "a", "and", "."]
        vocabPath = dir.write("vocab.txt", (["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + words + ["##ing", "##ed", "##s"]).joined(separator: "\n") + "\n")
        var rng = Xoshiro256StarStar(seed: 5)
        var lines: [String] = []
        for _ in 0..<60 {
            let n = 4 + rng.nextInt(below: 12)
            lines.append((0..<n).map { _ in
                let w = words[rng.nextInt(below: words.count)]
                return rng.nextDouble() < 0.2 ? w + ["ing", "ed", "s"][rng.nextInt(below: 3)] : w
            }.joined(separator: " "))
        }
        dir.write("corpus/a.txt", lines.prefix(30).joined(separator: "\n") + "\n")
        dir.write("corpus/b.txt", lines.dropFirst(30).joined(separator: "\r\n") + "\r\n")
    }

    func options(_ arch: PretrainOptions.Architecture) -> PretrainOptions {
        var o = PretrainOptions()
        o.architecture = arch
        o.layers = 2; o.hidden = 16; o.heads = 2; o.embeddingSize = 12
        o.sequenceLength = 16; o.batchSize = 3; o.steps = 8
        o.logEvery = 2; o.evalEvery = 4; o.saveEvery = 100
        o.shuffleBufferSize = 4; o.validationEvery = 6; o.wholeWordMask = true
        o.seed = 3
        return o
    }

    func make(_ out: String, _ o: PretrainOptions, resume: Bool = false) throws -> Pretrainer {
        let t = try Pretraining.make(options: o, corpus: [dir.path + "/corpus"], vocabulary: vocabPath, output: out, resume: resume)
        t.progressLine = ProgressLine(isTerminal: false)
        return t
    }

    @Test(arguments: [PretrainOptions.Architecture.transformer, .lstm])
    func resumeIsExactAndTheModelDirectoryIsComplete(_ arch: PretrainOptions.Architecture) throws {
        var reference: [Int: Double] = [:]
        let a = try make(dir.path + "/a-\(arch)", options(arch))
        a.onStep = { reference[$0] = $1 }
        try a.run()
        #expect(reference.count == 8 && reference.values.allSatisfy(\.isFinite))

        var resumed: [Int: Double] = [:]
        let b1 = try make(dir.path + "/b-\(arch)", options(arch))
        b1.onStep = { resumed[$0] = $1 }
        try b1.run(stopAfter: 3)
        DropoutSeeds.reseed(999)
        let b2 = try make(dir.path + "/b-\(arch)", PretrainOptions(), resume: true)
        b2.onStep = { resumed[$0] = $1 }
        try b2.run()
        #expect(resumed == reference)
        let same = zip(a.model.stateTensors, b2.model.stateTensors).allSatisfy { $0.scalars == $1.scalars }
        #expect(same, "weights differ after resume")

        let out = dir.path + "/a-\(arch)"
        for f in ["config.json", "model.safetensors", "vocab.txt", "metrics.jsonl", "loss.svg", "checkpoint/state.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + f), "\(f)")
        }
        if arch == .transformer {
            let loaded = try ModelDirectory.loadBert(from: out)
            #expect(loaded.mlmHead != nil && loaded.config.vocabSize == 23 && loaded.config.hiddenSize == 16)
            let trained = Dictionary(uniqueKeysWithValues: a.model.stateTensors.map { ($0.name, $0.scalars) })
            #expect(loaded.parameters.allSatisfy { trained[$0.name] == $0.scalars })
        } else {
            let file = try SafeTensors.read(out + "/model.safetensors")
            #expect(file.contains("lstm.weight_ih_l0_reverse") && file.contains("cls.predictions.bias") && file.contains("embedding.weight"))
        }
    }

    @Test func resumeWithAnotherVocabularyFileIsRefused() throws {
        let out = dir.path + "/vocab-check"
        var o = options(.transformer)
        o.steps = 2
        try make(out, o).run()
        let other = dir.write("other-vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\ncat\n")
        #expect(throws: TrainingError.self) {
            _ = try Pretraining.make(options: o, corpus: [dir.path + "/corpus"], vocabulary: other, output: out, resume: true)
        }
    }
}
}
