/// The extractive training labels: which body sentences best cover the reference summary.
///
/// Greedy search as in Nallapati et al. 2017 / Liu & Lapata 2019 (BertSum's `greedy_selection`):
/// start from nothing, repeatedly add the sentence that most increases ROUGE-1 F1 + ROUGE-2 F1 of
/// the selection (sentences kept in document order) against the reference, stop when no sentence
/// improves it or `maxSentences` are chosen. An extractive model is then trained to give these
/// sentences label 1 and the others 0.
///
///     OracleLabeler().select(sentences: ["A storm hit.", "Fans cheered.", "Power was lost."],
///                            reference: "A storm hit and power was lost.")   // [0, 2]
public struct OracleLabeler: Sendable {
    public var maxSentences: Int

    public init(maxSentences: Int = 5) { self.maxSentences = maxSentences }

    /// Indices of the selected sentences, ascending.
    public func select(sentences: [String], reference: String) -> [Int] {
        let reference = Rouge.tokenize(reference)
        let tokens = sentences.map { Rouge.tokenize($0) }
        var chosen: [Int] = []
        var best = 0.0
        while chosen.count < maxSentences {
            var bestIndex: Int?
            for i in tokens.indices where !chosen.contains(i) {
                let candidate = (chosen + [i]).sorted().flatMap { tokens[$0] }
                let gain = Rouge.ngram(candidate, reference, n: 1).f1 + Rouge.ngram(candidate, reference, n: 2).f1
                if gain > best {
                    best = gain
                    bestIndex = i
                }
            }
            guard let i = bestIndex else { break }
            chosen.append(i)
        }
        return chosen.sorted()
    }

    /// 0/1 per sentence.
    public func labels(sentences: [String], reference: String) -> [Int] {
        let chosen = Set(select(sentences: sentences, reference: reference))
        return sentences.indices.map { chosen.contains($0) ? 1 : 0 }
    }
}
