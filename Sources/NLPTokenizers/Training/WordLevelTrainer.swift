/// Hugging Face's `WordLevelTrainer`: the vocabulary is the special tokens, then the words by
/// descending count (ties by byte order, as HF sorts), keeping words seen at least
/// `minFrequency` times, cut at `vocabSize` entries.
///
///     WordLevelTrainer(vocabSize: 4).train(wordCounts: ["the": 25, "are": 24, "roses": 22, "red": 12])
///     // the 0, are 1, roses 2, red 3
public struct WordLevelTrainer: Sendable {
    public var vocabSize: Int
    public var minFrequency: Int
    public var specialTokens: [String]

    public init(vocabSize: Int = 30000, minFrequency: Int = 0, specialTokens: [String] = []) {
        self.vocabSize = vocabSize
        self.minFrequency = minFrequency
        self.specialTokens = specialTokens
    }

    /// Tokens in id order. (HF builds its map from this list, so a word equal to a special
    /// token would take the later id and leave a hole; here such a word is skipped.)
    public func tokens(_ words: ByteStringCounter) -> [String] {
        var ranked: [(bytes: [UInt8], count: Int)] = []
        words.forEach { bytes, count in
            if count >= minFrequency { ranked.append((Array(bytes), count)) }
        }
        ranked.sort { $0.count != $1.count ? $0.count > $1.count : $0.bytes.lexicographicallyPrecedes($1.bytes) }
        var tokens: [String] = []
        var seen = Set<TokenKey>()
        for token in specialTokens where seen.insert(TokenKey(token)).inserted { tokens.append(token) }
        for word in ranked where tokens.count < vocabSize {
            let token = String(decoding: word.bytes, as: UTF8.self)
            if seen.insert(TokenKey(token)).inserted { tokens.append(token) }
        }
        return Array(tokens.prefix(vocabSize))
    }

    public func train(_ words: ByteStringCounter, unkToken: String = "<unk>") -> WordLevelModel {
        WordLevelModel(vocab: Vocabulary(tokens: tokens(words)), unkToken: unkToken)
    }

    public func train(wordCounts: [String: Int], unkToken: String = "<unk>") -> WordLevelModel {
        var counter = ByteStringCounter()
        for (word, count) in wordCounts { counter.add(word.utf8, count: count) }
        return train(counter, unkToken: unkToken)
    }
}
