import Foundation
import NLPModels
import NLPTensor
import Testing
@testable import NLPTraining

/// `nlp pretrain` -> `nlp finetune --init DIR` with the defaults a user gets: a tiny Transformer
/// pretrained on a synthetic corpus, then fine-tuned (no --lr, no --pooling) on a three-class
/// cue-word task. Last session this path gave chance-level accuracy on the bundled intents
/// (BERT-base's 5e-5 learning rate on a 2 x 128 encoder, read through an untrained pooler).
@Suite(.serialized) struct PretrainedFinetuneTests {
    static let cues = ["billing": ["invoice", "charge", "payment"], "cards": ["card", "pin", "atm"],
                       "travel": ["flight", "hotel", "trip"]]
    static let noise = ["please", "help", "me", "with", "my", "the", "today", "urgent", "again", "thanks", "hi", "a", "is", "it"]

    /// Seeded rows: noise words with one cue word inserted; the cue decides the label.
    static func rows(_ count: Int, seed: UInt64) -> [(text: String, label: String)] {
        var random = Xoshiro256StarStar(seed: seed)
        let classes = cues.keys.sorted()
        return (0..<count).map { i in
            let label = classes[i % classes.count]
            var words = (0..<(2 + random.nextInt(below: 6))).map { _ in noise[random.nextInt(below: noise.count)] }
            words.insert(cues[label]![random.nextInt(below: 3)], at: random.nextInt(below: words.count + 1))
            return (words.joined(separator: " "), label)
        }
    }

    @Test func finetuningFromOurOwnPretrainingLearnsWithDefaultSettings() throws {
        let dir = TemporaryDirectory()
        let words = Self.noise + Self.cues.values.flatMap { $0 }.sorted()
        let vocab = dir.write("vocab.txt", (["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + words).joined(separator: "\n") + "\n")
        dir.write("corpus/text.txt", Self.rows(600, seed: 7).map(\.text).joined(separator: "\n") + "\n")

        var pretrain = PretrainOptions()
        pretrain.hidden = 32; pretrain.layers = 2; pretrain.heads = 2
        pretrain.sequenceLength = 32; pretrain.batchSize = 8; pretrain.steps = 150
        pretrain.logEvery = 50; pretrain.evalEvery = 150; pretrain.saveEvery = 1000
        pretrain.seed = 2
        let trainer = try Pretraining.make(options: pretrain, corpus: [dir.path + "/corpus"], vocabulary: vocab,
                                           output: dir.path + "/mlm")
        trainer.progressLine = ProgressLine(isTerminal: false)
        try trainer.run()

        // The encoder `--init` loads is the one pretraining saved, weight for weight.
        ModelEncoders.register()
        let loaded = try #require(try EncoderFactory.load(directory: dir.path + "/mlm") as? TransformerTextEncoder)
        let saved: BertModel = (trainer.model as! BertMaskedLM).model
        let loadedWeights: [[Float]] = loaded.model.encoder.parameters.map { $0.scalars }
        let savedWeights: [[Float]] = saved.encoder.parameters.map { $0.scalars }
        #expect(loadedWeights == savedWeights)

        let train = dir.write("train.csv", "text,label\n" + Self.rows(240, seed: 11).map { "\"\($0.text)\",\($0.label)\n" }.joined())
        var options = FinetuneOptions(task: .classify)
        options.epochs = 30
        options.batchSize = 16
        options.patience = 30
        options.devFraction = 0.25
        options.sequenceLength = 32
        var job = FinetuneJob(options: options, trainPath: train, output: dir.path + "/classifier")
        job.initDirectory = dir.path + "/mlm"
        job.log = { _ in }
        let summary = try job.run()
        #expect(summary.devReport.accuracy >= 0.95, "dev accuracy \(summary.devReport.accuracy)")

        // `--init` of that fine-tuned directory with the same labels keeps the head: one step at a
        // negligible learning rate leaves the predictions as they were. (A fresh head would start
        // from chance.)
        let first = try TaskModel.load(from: dir.path + "/classifier")
        let probe = Self.rows(60, seed: 23).map(\.text)
        var again = options
        again.learningRate = 1e-9
        again.maxSteps = 1
        again.evalEvery = 1
        var continued = FinetuneJob(options: again, trainPath: train, output: dir.path + "/continued")
        continued.initDirectory = dir.path + "/classifier"
        continued.log = { _ in }
        _ = try continued.run()
        let second = try TaskModel.load(from: dir.path + "/continued")
        #expect(try second.predict(probe).map(\.label) == first.predict(probe).map(\.label))

        // Different labels (two of the three classes, renamed): the encoder carries over, the head
        // is new and sized for two classes, and it learns.
        let twoClasses = dir.write("two.csv", "text,label\n" + Self.rows(240, seed: 13).filter { $0.label != "travel" }
            .map { "\"\($0.text)\",is-\($0.label)\n" }.joined())
        var transfer = FinetuneJob(options: options, trainPath: twoClasses, output: dir.path + "/transfer")
        transfer.initDirectory = dir.path + "/classifier"
        transfer.log = { _ in }
        let transferred = try transfer.run()
        #expect(try TaskModel.load(from: dir.path + "/transfer").labels == ["is-billing", "is-cards"])
        #expect(transferred.devReport.accuracy >= 0.95, "dev accuracy \(transferred.devReport.accuracy)")
    }
}
