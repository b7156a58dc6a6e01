import Foundation
import Testing
@testable import NLPModels
@testable import NLPTensor

/// The encoder-decoder: cached decoding equals teacher forcing, the search rules (beam 1 ==
/// greedy, no repeated n-grams, length penalty), BERT2BERT initialisation, save/load.
@Suite struct Seq2SeqTests {
    static func tinyModel(seed: UInt64 = 3, decoderLayers: Int = 2) throws -> Seq2SeqModel {
        var bert = BertConfig(vocabSize: 40, hiddenSize: 16, layers: 2, heads: 2, maxPositions: 64)
        bert.hiddenDropoutProb = 0
        bert.attentionProbsDropoutProb = 0
        let model = try Seq2SeqModel(Seq2SeqConfig(encoder: bert, decoderLayers: decoderLayers, decoderStartTokenId: 1, eosTokenId: 2), seed: seed)
        // Random weights of std 0.02 give near-uniform outputs; spread them so the search has choices.
        for p in model.parameters where p.rank == 2 { try p.copy(from: p.scalars.map { $0 * 25 }) }
        return model
    }

    static func step(_ state: DecoderState) -> Generation.Step {
        { parents, tokens in
            if let parents { try state.reorder(parents) }
            let l = try state.next(tokens).logSoftmax()
            let v = l.shape[1], values = l.scalars
            return (0..<tokens.count).map { Array(values[($0 * v)..<(($0 + 1) * v)]) }
        }
    }

    @Test func cachedDecoderMatchesTeacherForcing() throws {
        let model = try Self.tinyModel()
        let source = try TokenBatch.padding([[1, 5, 9, 11, 7, 2], [1, 8, 2]])
        let input: [Int32] = [1, 5, 9, 3, 12, 30, 4, 1, 1, 17]
        let full = try noGrad { try model.logits(source: source, decoderInput: IntTensor(input, shape: [2, 5]), training: false) }.scalars
        let state = try model.startDecoding(source)
        let v = 40
        for t in 0..<5 {
            let row = try state.next([input[t], input[5 + t]]).scalars
            for b in 0..<2 {
                let expected = full[((b * 5 + t) * v)..<((b * 5 + t + 1) * v)]
                let worst = zip(row[(b * v)..<((b + 1) * v)], expected).map { abs($0 - $1) }.max()!
                #expect(worst < 1e-4, "batch \(b) position \(t): max difference \(worst)")
            }
        }
    }

    @Test func beamOfOneIsGreedy() throws {
        let model = try Self.tinyModel()
        let source = try TokenBatch.padding([[1, 6, 13, 22, 2]])
        for noRepeat in [0, 2] {
            let options = GenerationOptions(beams: 1, noRepeatNgram: noRepeat, maxLength: 30)
            let greedy = try Generation.greedy(start: 1, eos: 2, options: options, step: Self.step(model.startDecoding(source)))
            let beam = try Generation.beamSearch(start: 1, eos: 2, options: options, step: Self.step(model.startDecoding(source)))
            #expect(greedy == beam)
            #expect(try model.generate(source: [1, 6, 13, 22, 2], options: options) == greedy)
        }
    }

    @Test(arguments: [(1, 2), (3, 2), (4, 3)]) func noNgramRepeats(_ beams: Int, _ n: Int) throws {
        let model = try Self.tinyModel(seed: 5)
        let options = GenerationOptions(beams: beams, noRepeatNgram: n, minLength: 30, maxLength: 30)
        let out = [Int32(1)] + (try model.generate(source: [1, 4, 4, 4, 2], options: options))
        #expect(out.count == 31)
        var seen = Set<[Int32]>()
        for i in 0...(out.count - n) { #expect(seen.insert(Array(out[i..<(i + n)])).inserted, "\(out[i..<(i + n)]) repeats in \(out)") }
        // Without the rule the same model does repeat (so the test can fail).
        let free = [Int32(1)] + (try model.generate(source: [1, 4, 4, 4, 2], options: GenerationOptions(beams: beams, minLength: 30, maxLength: 30)))
        let grams = (0...(free.count - n)).map { Array(free[$0..<($0 + n)]) }
        #expect(Set(grams).count < grams.count)
    }

    @Test func bannedTokensFollowHuggingFace() {
        #expect(Generation.bannedTokens([1, 5, 6, 5], n: 2) == [6])
        #expect(Generation.bannedTokens([1, 5, 6, 5, 6], n: 3) == [5])
        #expect(Generation.bannedTokens([1, 5], n: 3) == [])
        #expect(Generation.bannedTokens([1, 5, 7], n: 1) == [1, 5, 7])
    }

    /// Fixed log-probabilities: end 0.35, a 0.4, b 0.25 at every step. Two beams finish "end"
    /// (sum log 0.35, length 1) and "a end" (sum log 0.4 + log 0.35, length 2): alpha -1 picks the
    /// short one, alpha 2 the long one (HF: score = sum / length^alpha).
    @Test func lengthPenaltyOrdersFinishedHypotheses() throws {
        let row: [Float] = [-.infinity, log(0.35), log(0.4), log(0.25)]
        let step: Generation.Step = { _, tokens in tokens.map { _ in row } }
        let short = try Generation.beamSearch(start: 0, eos: 1, options: GenerationOptions(beams: 2, lengthPenalty: -1, maxLength: 10), step: step)
        let long = try Generation.beamSearch(start: 0, eos: 1, options: GenerationOptions(beams: 2, lengthPenalty: 2, maxLength: 10), step: step)
        #expect(short == [])
        #expect(long == [2])
        var h = Generation.Hypotheses(capacity: 2, lengthPenalty: 1)
        h.add([0, 1], sum: -1, length: 1)
        h.add([0, 2, 3, 1], sum: -2.4, length: 3)
        h.add([0, 2, 1], sum: -1.8, length: 2)
        #expect(h.items.map(\.tokens) == [[0, 2, 3, 1], [0, 2, 1]])
    }

    @Test func minAndMaxLength() throws {
        let row: [Float] = [-.infinity, log(0.6), log(0.4)]
        let step: Generation.Step = { _, tokens in tokens.map { _ in row } }
        for beams in [1, 3] {
            let options = GenerationOptions(beams: beams, minLength: 4, maxLength: 10)
            let out = beams == 1 ? try Generation.greedy(start: 0, eos: 1, options: options, step: step)
                                 : try Generation.beamSearch(start: 0, eos: 1, options: options, step: step)
            #expect(out == [2, 2, 2, 2])
        }
        let row2: [Float] = [-.infinity, log(0.1), log(0.9)]
        let capped = try Generation.greedy(start: 0, eos: 1, options: GenerationOptions(maxLength: 6)) { _, t in t.map { _ in row2 } }
        #expect(capped.count == 6)
    }

    @Test func initializesFromBertAndRoundTrips() throws {
        let bertConfig = BertConfig(vocabSize: 40, hiddenSize: 16, layers: 2, heads: 2, maxPositions: 64)
        let bert = try BertModel(bertConfig, seed: 9)
        let model = try Seq2SeqModel(Seq2SeqConfig(encoder: bertConfig, decoderLayers: 3, decoderStartTokenId: 1, eosTokenId: 2), seed: 4)
        try model.initializeFromBert(bert)
        #expect(model.encoder.layers[1].feedForward.output.weight.scalars == bert.encoder.layers[1].feedForward.output.weight.scalars)
        #expect(model.decoderLayers[1].selfAttention.qkvWeight.scalars == bert.encoder.layers[1].attention.qkvWeight.scalars)
        #expect(model.decoderLayers[2].feedForward.intermediate.weight.scalars == bert.encoder.layers[0].feedForward.intermediate.weight.scalars)
        #expect(model.wordEmbeddings.scalars == bert.encoder.embeddings.words.weight.scalars)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("s2s-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ModelDirectory.save(model, to: dir)
        #expect(ModelDirectory.isSeq2Seq(dir))
        let loaded = try ModelDirectory.loadSeq2Seq(from: dir)
        #expect(loaded.config == model.config)
        for (a, b) in zip(model.parameters, loaded.parameters) { #expect(a.scalars == b.scalars, "\(a.name)") }
        let names = Set(model.checkpointTensors.map(\.name))
        #expect(names.contains("decoder.layer.2.crossattention.self.query.weight"))
        #expect(names.contains("decoder.layer.0.attention.self.key.bias"))
        #expect(names.contains("lm_head.bias"))
    }

    @Test func rejectsBadConfigurations() throws {
        let bert = BertConfig(vocabSize: 40, hiddenSize: 16, layers: 2, heads: 2, maxPositions: 64)
        #expect(throws: ModelError.self) { try Seq2SeqModel(Seq2SeqConfig(encoder: bert, decoderLayers: 0, decoderStartTokenId: 1, eosTokenId: 2)) }
        #expect(throws: ModelError.self) { try Seq2SeqModel(Seq2SeqConfig(encoder: bert, decoderLayers: 1, decoderStartTokenId: 1, eosTokenId: 40)) }
        #expect(throws: ModelError.self) { try Seq2SeqConfig(json: Data(#"{"hidden_size": 16}"#.utf8)) }
        #expect(throws: ModelError.self) { try GenerationOptions(beams: 0).validate() }
    }
}
