import NLPTensor

/// BERT's masked-LM corruption (Devlin et al. 2019, `create_pretraining_data.py`):
///
/// 1. Candidates are the non-special tokens; with whole-word masking a candidate is a whole
///    word (a token plus the `##` continuation pieces after it), so "play ##ing" is masked as
///    one unit.
/// 2. The number to mask per sequence is max(1, round(probability x candidate tokens)); words
///    are taken in a random order and one that would overshoot the count is skipped, exactly
///    as BERT does. A fixed count (rather than a coin per token, as HF does) keeps the number
///    of masked positions, and so the head's work, steady from batch to batch.
/// 3. Each chosen token independently becomes [MASK] with probability 0.8, a random
///    non-special token with 0.1, and stays itself with 0.1. The label is always the original.
///
/// Every draw comes from the caller's xoshiro256** generator, so masks are a function of the
/// seed and the step: a resumed run masks exactly as the uninterrupted one.
///
/// Worked example (probability 0.15, 20 candidate tokens): round(3.0) = 3 tokens are chosen;
/// about 2.4 of them read [MASK] on average, 0.3 a random token, 0.3 unchanged.
public struct MLMMasker: Sendable {
    public let vocabulary: MLMVocabulary
    public var probability: Double
    public var wholeWord: Bool
    public var maskTokenRate: Double
    public var randomTokenRate: Double
    /// Non-special ids, for random replacements.
    private let replacements: [Int32]

    public init(vocabulary: MLMVocabulary, probability: Double = 0.15, wholeWord: Bool = false,
                maskTokenRate: Double = 0.8, randomTokenRate: Double = 0.1) throws {
        guard probability > 0 && probability <= 1 else { throw CorpusError("masking probability \(probability) outside (0, 1]") }
        guard maskTokenRate >= 0, randomTokenRate >= 0, maskTokenRate + randomTokenRate <= 1 else {
            throw CorpusError("mask/random rates \(maskTokenRate)/\(randomTokenRate) must be >= 0 and sum to at most 1")
        }
        self.vocabulary = vocabulary
        self.probability = probability
        self.wholeWord = wholeWord
        self.maskTokenRate = maskTokenRate
        self.randomTokenRate = randomTokenRate
        replacements = (0..<Int32(vocabulary.size)).filter { !vocabulary.isSpecial[Int($0)] }
    }

    /// Masks `sequences` (each `length` or shorter; shorter ones are padded with [PAD] and get a
    /// zero attention mask there).
    public func mask(_ sequences: [[Int32]], length: Int, random: inout Xoshiro256StarStar) -> MaskedBatch {
        let b = sequences.count
        let pad = vocabulary.pad ?? vocabulary.sep
        var ids = [Int32](repeating: pad, count: b * length)
        var attention: [Int32]? = nil
        for (i, s) in sequences.enumerated() {
            precondition(s.count <= length, "sequence longer than the batch length")
            for (t, id) in s.enumerated() { ids[i * length + t] = id }
            if s.count < length {
                if attention == nil { attention = [Int32](repeating: 1, count: b * length) }
                for t in s.count..<length { attention![i * length + t] = 0 }
            }
        }
        return mask(flat: ids, batchSize: b, length: length, attentionMask: attention, random: &random)
    }

    /// Masks a flat [batchSize * length] batch of full sequences.
    public func mask(flat ids: [Int32], batchSize: Int, length: Int, attentionMask: [Int32]? = nil,
                     random: inout Xoshiro256StarStar) -> MaskedBatch {
        precondition(ids.count == batchSize * length)
        var input = ids
        var labels = [Int32](repeating: MaskedBatch.ignoreIndex, count: ids.count)
        var positions: [Int32] = []
        var targets: [Int32] = []
        var units: [Range<Int>] = []
        var chosen: [Int] = []
        for b in 0..<batchSize {
            let base = b * length
            units.removeAll(keepingCapacity: true)
            var candidateTokens = 0
            for t in 0..<length {
                if let m = attentionMask, m[base + t] == 0 { continue }
                let id = Int(ids[base + t])
                if vocabulary.isSpecial[id] { continue }
                candidateTokens += 1
                if wholeWord && vocabulary.isContinuation[id], let last = units.last, last.upperBound == t {
                    units[units.count - 1] = last.lowerBound..<t + 1
                } else {
                    units.append(t..<t + 1)
                }
            }
            guard candidateTokens > 0 else { continue }
            let target = max(1, Int((probability * Double(candidateTokens)).rounded()))
            random.shuffle(&units)
            chosen.removeAll(keepingCapacity: true)
            for unit in units {
                if chosen.count >= target { break }
                if chosen.count + unit.count > target { continue }
                chosen.append(contentsOf: unit)
            }
            chosen.sort()
            for t in chosen {
                let i = base + t
                let original = ids[i]
                labels[i] = original
                positions.append(Int32(i))
                targets.append(original)
                let u = random.nextDouble()
                if u < maskTokenRate {
                    input[i] = vocabulary.mask
                } else if u < maskTokenRate + randomTokenRate {
                    input[i] = replacements[random.nextInt(below: replacements.count)]
                }
            }
        }
        return MaskedBatch(batchSize: batchSize, length: length, inputIDs: input, labels: labels,
                           attentionMask: attentionMask, positions: positions, targets: targets)
    }
}
