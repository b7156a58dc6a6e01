import NLPTensor
import Testing
@testable import NLPTraining

@Suite struct MLMMaskerTests {
    /// Words "a0".."a49" and continuation pieces "##b0".."##b9".
    let vocab = ToyVocabulary(words: (0..<50).map { "a\($0)" } + (0..<10).map { "##b\($0)" })

    func randomSequences(_ count: Int, length: Int, seed: UInt64, continuationRate: Double = 0) -> [Int32] {
        var rng = Xoshiro256StarStar(seed: seed)
        var out: [Int32] = []
        for _ in 0..<count {
            out.append(2)
            for t in 1..<(length - 1) {
                if t > 1 && rng.nextDouble() < continuationRate { out.append(Int32(55 + rng.nextInt(below: 10))) }
                else { out.append(Int32(5 + rng.nextInt(below: 50))) }
            }
            out.append(3)
        }
        return out
    }

    @Test func masksRoundedFifteenPercentOfNonSpecialTokensAndLabelsOnlyThose() throws {
        let masker = try MLMMasker(vocabulary: vocab.vocabulary)
        let ids = randomSequences(8, length: 64, seed: 1)
        var rng = Xoshiro256StarStar(seed: 7)
        let batch = masker.mask(flat: ids, batchSize: 8, length: 64, random: &rng)
        // 62 candidates per sequence -> round(9.3) = 9 per sequence.
        #expect(batch.positions.count == 8 * 9)
        for b in 0..<8 {
            #expect(batch.positions.filter { Int($0) / 64 == b }.count == 9)
        }
        #expect(batch.positions == batch.positions.sorted())
        for i in 0..<ids.count {
            if let k = batch.positions.firstIndex(of: Int32(i)) {
                #expect(batch.labels[i] == ids[i] && batch.targets[k] == ids[i])
            } else {
                #expect(batch.labels[i] == -100 && batch.inputIDs[i] == ids[i])
            }
            if ids[i] == 2 || ids[i] == 3 { #expect(batch.labels[i] == -100) }
        }
    }

    @Test func eightyTenTenRuleHoldsStatistically() throws {
        let masker = try MLMMasker(vocabulary: vocab.vocabulary)
        let ids = randomSequences(400, length: 128, seed: 3)
        var rng = Xoshiro256StarStar(seed: 11)
        let batch = masker.mask(flat: ids, batchSize: 400, length: 128, random: &rng)
        var masked = 0, unchanged = 0, replaced = 0
        for p in batch.positions.map(Int.init) {
            if batch.inputIDs[p] == 4 { masked += 1 }
            else if batch.inputIDs[p] == ids[p] { unchanged += 1 }
            else {
                replaced += 1
                #expect(!vocab.vocabulary.isSpecial[Int(batch.inputIDs[p])])
            }
        }
        let n = Double(batch.positions.count)   // 400 * 19 = 7600
        #expect(abs(Double(masked) / n - 0.8) < 0.02)
        // "Random" can draw the original token (1 in 60 here), which then counts as unchanged.
        #expect(abs(Double(replaced) / n - 0.1 * 59 / 60) < 0.015)
        #expect(abs(Double(unchanged) / n - (0.1 + 0.1 / 60)) < 0.015)
    }

    @Test func wholeWordMaskingTakesContinuationPiecesWithTheirWord() throws {
        let masker = try MLMMasker(vocabulary: vocab.vocabulary, wholeWord: true)
        let ids = randomSequences(50, length: 48, seed: 5, continuationRate: 0.4)
        var rng = Xoshiro256StarStar(seed: 9)
        let batch = masker.mask(flat: ids, batchSize: 50, length: 48, random: &rng)
        let chosen = Set(batch.positions.map(Int.init))
        let isContinuation = vocab.vocabulary.isContinuation
        var sawMultiPieceWord = false
        for p in 0..<ids.count where isContinuation[Int(ids[p])] {
            // A piece and the token before it (its word's previous piece) are chosen together.
            #expect(chosen.contains(p) == chosen.contains(p - 1))
            if chosen.contains(p) { sawMultiPieceWord = true }
        }
        #expect(sawMultiPieceWord)
        // Never more than the target count per sequence (46 candidates -> 7).
        for b in 0..<50 { #expect(batch.positions.filter { Int($0) / 48 == b }.count <= 7) }
    }

    @Test func paddingAndSpecialsAreNeverMaskedAndMasksFollowTheSeed() throws {
        let masker = try MLMMasker(vocabulary: vocab.vocabulary)
        let sequences: [[Int32]] = [[2, 5, 6, 7, 8, 9, 3], [2, 10, 1, 3]]
        var a = Xoshiro256StarStar(seed: 1), b = Xoshiro256StarStar(seed: 1)
        let x = masker.mask(sequences, length: 7, random: &a)
        let y = masker.mask(sequences, length: 7, random: &b)
        #expect(x == y)
        #expect(x.attentionMask == [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0])
        #expect(x.inputIDs[11...] == [0, 0, 0])
        // Second sequence: only id 10 is a candidate ([UNK] is special): exactly it is chosen.
        #expect(x.positions.filter { $0 >= 7 } == [8])
        #expect(x.positions.allSatisfy { !vocab.vocabulary.isSpecial[Int(x.targets[x.positions.firstIndex(of: $0)!])] })
        #expect(x.tokenCount == 11)
    }

    @Test func vocabularyWithoutAMaskTokenIsRefused() {
        #expect(throws: CorpusError("vocabulary: no mask token ([MASK] or <mask>); masked-LM pretraining needs one")) {
            _ = try MLMVocabulary(size: 3, token: { ["[CLS]", "[SEP]", "x"][Int($0)] })
        }
        let roberta = try? MLMVocabulary(size: 5, token: { ["<s>", "<pad>", "</s>", "<unk>", "<mask>"][Int($0)] })
        #expect(roberta == nil)   // every token special
    }
}
