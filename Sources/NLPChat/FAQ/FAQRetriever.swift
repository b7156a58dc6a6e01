import Foundation

/// The FAQ entry closest to a message, and how close it is (cosine similarity in 0...1).
public struct FAQMatch: Equatable, Sendable {
    public var index: Int
    public var question: String
    public var answer: String
    public var similarity: Float
}

/// Answers a message from question/answer pairs when it is close enough to one of the questions.
/// A sentence-embedding model (the models branch's `embed`) can stand behind this protocol; the
/// built-in one is `TFIDFRetriever`.
public protocol FAQRetriever {
    func best(_ text: String) -> FAQMatch?
}

/// TF-IDF cosine over the same hashed features the intent classifier reads (words, word bigrams,
/// character n-grams, Chinese words and characters), so "how long does an international transfer
/// take" finds "How long does an international transfer take?" (1.0) and tolerates typos and
/// inflection ("internatonal transfers" still shares most character n-grams).
///
/// Weights are (1 + ln tf) · idf with idf = ln((N + 1) / (df + 1)) + 1, document frequencies
/// counted over the FAQ questions and the bot's training utterances (`background`), so that
/// "how", "do", "my" weigh little and "overdraft" a lot. Vectors are L2-normalised.
public struct TFIDFRetriever: FAQRetriever {
    public let items: [(question: String, answer: String)]
    let hasher: FeatureHasher
    let idf: [UInt32: Float]
    let defaultIDF: Float
    let vectors: [[UInt32: Float]]

    public init(items: [(question: String, answer: String)], background: [String] = [], hasher: FeatureHasher = FeatureHasher()) {
        self.items = items
        self.hasher = hasher
        var df: [UInt32: Int] = [:]
        let documents = items.map(\.question) + background
        for text in documents { for f in Set(hasher.features(text)) { df[f, default: 0] += 1 } }
        let n = Float(documents.count)
        idf = df.mapValues { Foundation.log((n + 1) / (Float($0) + 1)) + 1 }
        defaultIDF = Foundation.log(n + 1) + 1
        let (idf, defaultIDF) = (self.idf, self.defaultIDF)
        vectors = items.map { Self.vector(hasher.features($0.question), idf: idf, defaultIDF: defaultIDF) }
    }

    public func best(_ text: String) -> FAQMatch? {
        let query = Self.vector(hasher.features(text), idf: idf, defaultIDF: defaultIDF)
        guard !query.isEmpty else { return nil }
        var best: FAQMatch? = nil
        for (i, v) in vectors.enumerated() {
            var dot: Float = 0
            for (f, w) in query { if let x = v[f] { dot += w * x } }
            if dot > (best?.similarity ?? 0) { best = FAQMatch(index: i, question: items[i].question, answer: items[i].answer, similarity: min(1, dot)) }
        }
        return best
    }

    static func vector(_ features: [UInt32], idf: [UInt32: Float], defaultIDF: Float) -> [UInt32: Float] {
        var tf: [UInt32: Float] = [:]
        for f in features { tf[f, default: 0] += 1 }
        var v = tf.mapValues { Float(1) + Foundation.log($0) }
        for (f, w) in v { v[f] = w * (idf[f] ?? defaultIDF) }
        let norm = v.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for (f, w) in v { v[f] = w / norm } }
        return v
    }
}
