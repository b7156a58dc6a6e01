import Foundation
import Testing
@testable import NLPModels
@testable import NLPTensor

/// The pointer-generator `Seq2SeqModel`: generation's mixed distribution is the one the training
/// loss uses, the copy head round-trips through a model directory, and copying is what lets a
/// model reproduce tokens it never saw in training.
@Suite struct PointerGeneratorTests {
    static func model(vocabulary: Int = 40, hidden: Int = 16, layers: Int = 2, continuation: Int = 0, seed: UInt64 = 3) throws -> Seq2SeqModel {
        var bert = BertConfig(vocabSize: vocabulary, hiddenSize: hidden, layers: layers, heads: 2, maxPositions: 32)
        bert.hiddenDropoutProb = 0
        bert.attentionProbsDropoutProb = 0
        return try Seq2SeqModel(Seq2SeqConfig(encoder: bert, decoderLayers: layers, decoderStartTokenId: 1, eosTokenId: 2,
                                              pointerGenerator: true, copyContinuation: continuation), seed: seed)
    }

    /// log p(y) from incremental decoding equals minus the training loss of y at that position,
    /// for copyable and non-copyable targets, on a padded batch; with the continuation prior the
    /// decoder inputs continue source phrases (match lengths 1, 2, 3), so the incremental match
    /// rows must agree with the teacher-forced ones.
    @Test(arguments: [0, 3]) func decodingDistributionIsTheTrainingMixture(continuation: Int) throws {
        let model = try Self.model(continuation: continuation)
        for p in model.parameters where p.rank == 2 { try p.copy(from: p.scalars.map { $0 * 25 }) }
        let source = try TokenBatch.padding([[1, 5, 9, 11, 7, 2], [1, 8, 2]])
        let input: [Int32] = [1, 5, 9, 3, 1, 8, 30, 4]
        let state = try model.startDecoding(source)
        for t in 0..<4 {
            let rows = try state.nextLogProbabilities([input[t], input[4 + t]])
            for b in 0..<2 {
                #expect(abs(rows[b].reduce(0) { $0 + Double(exp($1)) } - 1) < 1e-4)
                for y: Int32 in [9, 8, 33] {  // 9 and 8 are in a source, 33 in none
                    var targets = [Int32](repeating: -100, count: 8)
                    targets[b * 4 + t] = y
                    let loss = try noGrad {
                        try model.loss(source: source, decoderInput: IntTensor(input, shape: [2, 4]),
                                       targets: IntTensor(targets, shape: [2, 4]), training: false)
                    }
                    #expect(abs(Double(-loss.item) - Double(rows[b][Int(y)])) < 1e-3, "batch \(b) position \(t) token \(y)")
                }
            }
        }
    }

    @Test func copyHeadRoundTrips() throws {
        let model = try Self.model(continuation: 4, seed: 8)
        try model.copyHead!.continuation!.gate.copy(from: [0.5, -1, 2, 0, 3])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ModelDirectory.save(model, to: dir)
        let loaded = try ModelDirectory.loadSeq2Seq(from: dir)
        #expect(loaded.config.pointerGenerator)
        #expect(loaded.copyHead != nil)
        #expect(loaded.copyHead!.query.weight.scalars == model.copyHead!.query.weight.scalars)
        #expect(loaded.copyHead!.gate.bias!.scalars == model.copyHead!.gate.bias!.scalars)
        #expect(Set(loaded.checkpointTensors.map(\.name)).isSuperset(of: ["copy.gate.weight", "copy.query.bias", "copy.previous.weight",
                                                                          "copy.continuation.score", "copy.continuation.gate"]))
        #expect(loaded.config.copyContinuation == 4)
        #expect(loaded.copyHead!.continuation!.gate.scalars == [0.5, -1, 2, 0, 3])
        #expect(loaded.copyHead!.continuation!.score.scalars == model.copyHead!.continuation!.score.scalars)
    }

    /// The recurrence gives, at every step, the longest match of the decoder's last inputs with
    /// the source tokens before each position (capped, padding excluded): checked against the
    /// definition on random sequences over a 4-token vocabulary, where matches are frequent.
    @Test func continuationLengthsAreTheLongestMatches() throws {
        var initializer = ParameterInitializer(seed: 1)
        let continuation = CopyContinuation(maxLength: 3, init: &initializer)
        var g = Xoshiro256StarStar(seed: 9)
        for _ in 0..<20 {
            let (b, t, s) = (2, 7, 9)
            let input = (0..<(b * t)).map { _ in Int32.random(in: 0..<4, using: &g) }
            let source = (0..<(b * s)).map { _ in Int32.random(in: 0..<4, using: &g) }
            let keep = (0..<(b * s)).map { $0 % s < s - 2 || $0 < s ? Int32(1) : 0 }  // row 1 has two padded positions
            let lengths = try continuation.lengths(decoderInput: IntTensor(input, shape: [b, t]), sourceIds: IntTensor(source, shape: [b, s]),
                                                   sourceMask: IntTensor(keep, shape: [b, s]))
            for row in 0..<b {
                for position in 0..<t {
                    for j in 0..<s {
                        var expected = 0
                        if keep[row * s + j] != 0 {
                            while expected < 3, expected < j, expected <= position,
                                  input[row * t + position - expected] == source[row * s + j - 1 - expected] { expected += 1 }
                        }
                        #expect(lengths.values[(row * t + position) * s + j] == Int32(expected), "row \(row) step \(position) position \(j)")
                    }
                }
            }
        }
    }

    /// Task: repeat the source's first three tokens. Training sources use tokens 10..<40, the test
    /// uses 40..<60, which never occur in training: only copying can get them right. The same
    /// model without the copy head is the control.
    @Test func copiesTokensNeverSeenInTraining() throws {
        func example(_ g: inout Xoshiro256StarStar, _ range: Range<Int32>) -> (source: [Int32], target: [Int32]) {
            let words = (0..<5).map { _ in Int32.random(in: range, using: &g) }
            return ([1] + words + [2], Array(words.prefix(3)) + [2])
        }
        func train(copy: Bool) throws -> Double {
            var bert = BertConfig(vocabSize: 60, hiddenSize: 32, layers: 1, heads: 2, maxPositions: 16)
            bert.hiddenDropoutProb = 0
            bert.attentionProbsDropoutProb = 0
            let model = try Seq2SeqModel(Seq2SeqConfig(encoder: bert, decoderLayers: 1, decoderStartTokenId: 1, eosTokenId: 2,
                                                       pointerGenerator: copy), seed: 11)
            let adam = try Adam([ParameterGroup(model.parameters)], learningRate: 3e-3)
            var g = Xoshiro256StarStar(seed: 5)
            for _ in 0..<300 {
                let batch = (0..<16).map { _ in example(&g, 10..<40) }
                let source = try TokenBatch.padding(batch.map(\.source))
                let input = try IntTensor(batch.flatMap { [1] + $0.target.dropLast() }, shape: [16, 4])
                let targets = try IntTensor(batch.flatMap(\.target), shape: [16, 4])
                try model.loss(source: source, decoderInput: input, targets: targets, training: true).backward()
                adam.step()
                model.zeroGradients()
            }
            var right = 0
            for _ in 0..<40 {
                let e = example(&g, 40..<60)
                if try model.generate(source: e.source, options: GenerationOptions(maxLength: 6)) == Array(e.target.dropLast()) { right += 1 }
            }
            return Double(right) / 40
        }
        let withCopy = try train(copy: true), without = try train(copy: false)
        #expect(withCopy >= 0.8, "pointer-generator exact match on unseen tokens: \(withCopy)")
        #expect(without <= 0.1, "without the copy head: \(without)")
    }
}
