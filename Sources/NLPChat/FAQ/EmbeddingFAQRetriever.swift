import Foundation
import NLPModels

/// FAQ answers by sentence-embedding cosine: the questions are embedded once, at start, with a
/// model directory (`nlp import`ed all-MiniLM-L6-v2, or any directory `nlp embed` accepts), and a
/// message answers from the closest one. Unlike TF-IDF it matches paraphrases that share no words:
///
///     let faq = try EmbeddingFAQRetriever(items: [("Is my money protected?", "Yes, up to £85,000.")],
///                                         modelDirectory: "/tmp/minilm")
///     faq.best("are my savings safe if the bank fails")   // that item, similarity ≈ 0.6
///
/// Vectors are L2-normalised by the embedder, so the cosine is a dot product over a flat
/// questions × dimension matrix: one encoder pass per message plus N·d multiply-adds.
/// A message the encoder cannot embed (it never throws on text, but a corrupt state would) finds
/// no match, so the dialogue falls back instead of failing the turn.
public final class EmbeddingFAQRetriever: FAQRetriever {
    public let items: [(question: String, answer: String)]
    public let embedder: TextEmbedder
    /// items.count rows of `dimension` floats.
    let matrix: [Float]
    let dimension: Int

    public convenience init(items: [(question: String, answer: String)], modelDirectory: String) throws {
        try self.init(items: items, embedder: TextEmbedder(directory: modelDirectory))
    }

    public init(items: [(question: String, answer: String)], embedder: TextEmbedder) throws {
        self.items = items
        self.embedder = embedder
        dimension = embedder.dimension
        matrix = try embedder.embed(items.map(\.question), threads: 1).flatMap { $0 }
    }

    /// Cosine similarity of `text` to every question, in item order.
    public func similarities(_ text: String) -> [Float]? {
        guard let query = try? embedder.embed([text], threads: 1).first, query.count == dimension else { return nil }
        var out = [Float](repeating: 0, count: items.count)
        matrix.withUnsafeBufferPointer { m in
            query.withUnsafeBufferPointer { q in
                for i in 0..<items.count {
                    var dot: Float = 0
                    let row = i * dimension
                    for j in 0..<dimension { dot += m[row + j] * q[j] }
                    out[i] = dot
                }
            }
        }
        return out
    }

    public func best(_ text: String) -> FAQMatch? {
        guard !text.allSatisfy(\.isWhitespace), let scores = similarities(text) else { return nil }
        var best: FAQMatch? = nil
        for (i, s) in scores.enumerated() where s > (best?.similarity ?? 0) {
            best = FAQMatch(index: i, question: items[i].question, answer: items[i].answer, similarity: min(1, s))
        }
        return best
    }
}
