/// The extractive training labels: which body sentences best cover the reference summary.
///
/// Greedy search as in Nallapati et al. 2017 / Liu & Lapata 2019 (BertSum's `greedy_selection`):
/// start from nothing, repeatedly add the sentence that most increases ROUGE-1 F1 + ROUGE-2 F1 of
/// the selection against the reference, stop when no sentence improves it or `maxSentences` are
/// chosen. As in BertSum, n-grams are counted within sentences (no bigram spans two selected
/// sentences), which makes each step a cheap update over one sentence's n-grams. An extractive
/// model is then trained to give these sentences label 1 and the others 0.
///
///     OracleLabeler().select(sentences: ["A storm hit.", "Fans cheered.", "Power was lost."],
///                            reference: "A storm hit and power was lost.")   // [0, 2]
public struct OracleLabeler: Sendable {
    public var maxSentences: Int

    public init(maxSentences: Int = 5) { self.maxSentences = maxSentences }

    /// Indices of the selected sentences, ascending.
    public func select(sentences: [String], reference: String) -> [Int] {
        var ids: [String: Int] = [:]
        func id(_ t: String) -> Int {
            if let i = ids[t] { return i }
            ids[t] = ids.count
            return ids.count - 1
        }
        func grams(_ tokens: [Int]) -> (uni: [Int: Int], bi: [Int: Int], nUni: Int, nBi: Int) {
            var u: [Int: Int] = [:], b: [Int: Int] = [:]
            for t in tokens { u[t, default: 0] += 1 }
            if tokens.count > 1 { for k in 1..<tokens.count { b[tokens[k - 1] << 32 | tokens[k], default: 0] += 1 } }
            return (u, b, tokens.count, max(0, tokens.count - 1))
        }
        let ref = grams(Rouge.tokenize(reference).map(id))
        let sents = sentences.map { grams(Rouge.tokenize($0).map(id)) }
        var candUni: [Int: Int] = [:], candBi: [Int: Int] = [:]
        var overlapUni = 0, overlapBi = 0, countUni = 0, countBi = 0
        func f1(_ overlap: Int, _ cand: Int, _ refCount: Int) -> Double {
            let p = Double(overlap) / Double(max(cand, 1)), r = Double(overlap) / Double(max(refCount, 1))
            return p + r > 0 ? 2 * p * r / (p + r) : 0
        }
        func gain(_ counts: [Int: Int], _ cand: [Int: Int], _ reference: [Int: Int]) -> Int {
            var g = 0
            for (k, c) in counts {
                let r = reference[k] ?? 0
                if r == 0 { continue }
                let now = cand[k] ?? 0
                g += min(r, now + c) - min(r, now)
            }
            return g
        }
        var chosen: [Int] = []
        var best = 0.0
        while chosen.count < maxSentences {
            var bestIndex: Int?
            var bestGains = (0, 0)
            for i in sents.indices where !chosen.contains(i) {
                let s = sents[i]
                let gu = gain(s.uni, candUni, ref.uni), gb = gain(s.bi, candBi, ref.bi)
                let score = f1(overlapUni + gu, countUni + s.nUni, ref.nUni) + f1(overlapBi + gb, countBi + s.nBi, ref.nBi)
                if score > best {
                    best = score
                    bestIndex = i
                    bestGains = (gu, gb)
                }
            }
            guard let i = bestIndex else { break }
            chosen.append(i)
            overlapUni += bestGains.0
            overlapBi += bestGains.1
            countUni += sents[i].nUni
            countBi += sents[i].nBi
            for (k, c) in sents[i].uni { candUni[k, default: 0] += c }
            for (k, c) in sents[i].bi { candBi[k, default: 0] += c }
        }
        return chosen.sorted()
    }

    /// 0/1 per sentence.
    public func labels(sentences: [String], reference: String) -> [Int] {
        let chosen = Set(select(sentences: sentences, reference: reference))
        return sentences.indices.map { chosen.contains($0) ? 1 : 0 }
    }
}
