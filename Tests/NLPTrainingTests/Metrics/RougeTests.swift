import Testing
@testable import NLPTraining

@Suite struct RougeTests {
    struct Pair: Decodable {
        var candidate: String
        var reference: String
        var candidate_tokens: [String]
        var reference_tokens: [String]
        var rouge1: [Double]
        var rouge2: [Double]
        var rougeL: [Double]
    }
    struct File: Decodable {
        var pairs: [Pair]
        var words: [String]
        var stems: [String]
    }

    /// NLTK's PorterStemmer on every distinct word (>3 letters) of corpora/en plus hand-picked
    /// cases for each rule (scripts/reference/make_rouge_reference.py).
    @Test func porterStemsMatchNLTK() throws {
        let f = try Fixtures.decode(File.self, "rouge_reference.json")
        #expect(f.words.count > 4000)
        var wrong: [String] = []
        for (w, s) in zip(f.words, f.stems) where PorterStemmer.stem(w) != s {
            wrong.append("\(w): \(PorterStemmer.stem(w)) != \(s)")
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }

    /// Tokens and ROUGE-1/2/L precision, recall, F1 equal rouge-score's (use_stemmer=True) on pairs
    /// written for this project (accents, CJK, emoji, control characters, empty texts, long words).
    @Test func scoresMatchRougeScore() throws {
        let f = try Fixtures.decode(File.self, "rouge_reference.json")
        for p in f.pairs {
            #expect(Rouge.tokenize(p.candidate) == p.candidate_tokens, "\(p.candidate)")
            #expect(Rouge.tokenize(p.reference) == p.reference_tokens, "\(p.reference)")
            let s = Rouge.score(candidate: p.candidate, reference: p.reference)
            for (ours, theirs) in [(s.rouge1, p.rouge1), (s.rouge2, p.rouge2), (s.rougeL, p.rougeL)] {
                #expect(abs(ours.precision - theirs[0]) < 1e-12 && abs(ours.recall - theirs[1]) < 1e-12
                        && abs(ours.f1 - theirs[2]) < 1e-12, "\(p.candidate) | \(p.reference)")
            }
        }
    }

    @Test func lcsAndAccumulator() {
        #expect(Rouge.lcsLength(["a", "b", "c", "d"], ["b", "x", "d", "a"]) == 2)
        #expect(Rouge.lcsLength([], ["a"]) == 0)
        var acc = RougeAccumulator()
        acc.add(Rouge.score(candidate: "the cat sat", reference: "the cat sat"))
        acc.add(Rouge.score(candidate: "", reference: "the cat"))
        #expect(acc.count == 2 && acc.rouge1 == 0.5 && acc.rouge2 == 0.5 && acc.rougeL == 0.5)
    }
}
