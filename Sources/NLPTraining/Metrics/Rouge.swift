/// Precision, recall and F1 of one ROUGE measure.
public struct RougeScore: Equatable, Sendable {
    public var precision: Double
    public var recall: Double
    public var f1: Double

    public static let zero = RougeScore(precision: 0, recall: 0, f1: 0)

    init(overlap: Int, candidateCount: Int, referenceCount: Int) {
        precision = Double(overlap) / Double(max(candidateCount, 1))
        recall = Double(overlap) / Double(max(referenceCount, 1))
        f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    public init(precision: Double, recall: Double, f1: Double) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
    }
}

/// ROUGE-1, ROUGE-2 and ROUGE-L of one candidate against one reference.
public struct RougeScores: Equatable, Sendable {
    public var rouge1: RougeScore
    public var rouge2: RougeScore
    public var rougeL: RougeScore
}

/// ROUGE as Google's `rouge-score` package computes it (`RougeScorer(["rouge1", "rouge2",
/// "rougeL"], use_stemmer=True)`), which replicates ROUGE-1.5.5 with `-m`:
/// lowercase, every run of characters outside [a-z0-9] becomes a token boundary, tokens longer
/// than 3 characters go through the Porter stemmer; ROUGE-N counts clipped n-gram overlaps,
/// ROUGE-L uses the longest common subsequence of the whole token sequences.
///
///     let s = Rouge.score(candidate: "The cats sat.", reference: "A cat was sitting.")
///     s.rouge1.f1  // tokens [the, cat, sat] vs [a, cat, was, sit]: 1 shared -> 2*(1/3)(1/4)/(7/12) = 0.2857
public enum Rouge {
    /// rouge-score's `tokenize.tokenize(text, PorterStemmer())`.
    public static func tokenize(_ text: String, stem: Bool = true) -> [String] {
        var tokens: [String] = []
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(decoding: current, as: UTF8.self)
            tokens.append(stem && current.count > 3 ? PorterStemmer.stem(word) : word)
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                var b = UInt8(v)
                if b >= 0x41 && b <= 0x5A { b += 0x20 }
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                    current.append(b)
                } else {
                    flush()
                }
            } else if v == 0x130 {
                // Python: "İ".lower() == "i\u{307}": the 'i' stays, the combining dot is a boundary.
                current.append(0x69)
                flush()
            } else if v == 0x212A {
                current.append(0x6B)  // KELVIN SIGN lowercases to 'k'
            } else {
                flush()
            }
        }
        flush()
        return tokens.filter { !$0.isEmpty }
    }

    public static func score(candidate: String, reference: String) -> RougeScores {
        score(candidateTokens: tokenize(candidate), referenceTokens: tokenize(reference))
    }

    public static func score(candidateTokens c: [String], referenceTokens r: [String]) -> RougeScores {
        RougeScores(rouge1: ngram(c, r, n: 1), rouge2: ngram(c, r, n: 2), rougeL: lcs(c, r))
    }

    public static func ngram(_ candidate: [String], _ reference: [String], n: Int) -> RougeScore {
        let c = ngramCounts(candidate, n), r = ngramCounts(reference, n)
        var overlap = 0
        for (gram, count) in r { overlap += min(count, c[gram] ?? 0) }
        return RougeScore(overlap: overlap, candidateCount: max(0, candidate.count - n + 1),
                          referenceCount: max(0, reference.count - n + 1))
    }

    static func ngramCounts(_ tokens: [String], _ n: Int) -> [[String]: Int] {
        var counts: [[String]: Int] = [:]
        if tokens.count >= n {
            for i in 0...(tokens.count - n) { counts[Array(tokens[i..<(i + n)]), default: 0] += 1 }
        }
        return counts
    }

    public static func lcs(_ candidate: [String], _ reference: [String]) -> RougeScore {
        guard !candidate.isEmpty, !reference.isEmpty else { return .zero }
        return RougeScore(overlap: lcsLength(candidate, reference), candidateCount: candidate.count, referenceCount: reference.count)
    }

    /// Length of the longest common subsequence, two rows of the DP table at a time, on token ids.
    public static func lcsLength(_ a: [String], _ b: [String]) -> Int {
        var ids: [String: Int32] = [:]
        let x = a.map { t -> Int32 in
            if let i = ids[t] { return i }
            let i = Int32(ids.count)
            ids[t] = i
            return i
        }
        let y = b.map { ids[$0] ?? -1 }
        var previous = [Int32](repeating: 0, count: y.count + 1)
        var current = previous
        for i in 0..<x.count {
            for j in 0..<y.count {
                current[j + 1] = x[i] == y[j] ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return Int(previous[y.count])
    }
}

/// Mean ROUGE F1 over a corpus of (candidate, reference) pairs — the number papers report
/// (rouge-score's aggregator gives the same mean as its mid value without bootstrap noise).
public struct RougeAccumulator: Sendable {
    public private(set) var count = 0
    private var sum1 = 0.0, sum2 = 0.0, sumL = 0.0

    public init() {}

    public mutating func add(_ s: RougeScores) {
        count += 1
        sum1 += s.rouge1.f1
        sum2 += s.rouge2.f1
        sumL += s.rougeL.f1
    }

    public var rouge1: Double { count == 0 ? 0 : sum1 / Double(count) }
    public var rouge2: Double { count == 0 ? 0 : sum2 / Double(count) }
    public var rougeL: Double { count == 0 ? 0 : sumL / Double(count) }
}
