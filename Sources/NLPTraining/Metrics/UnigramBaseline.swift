import Foundation

/// The loss a masked-LM would reach by ignoring context and always predicting the corpus'
/// token frequencies: the unigram entropy H = -sum p(w) ln p(w) in nats (masked positions are
/// a uniform sample of tokens, so this is the expected cross-entropy of that predictor).
/// A model whose validation loss is not well below it has learnt nothing about context.
///
/// Worked example: counts [2, 1, 1] -> p = [0.5, 0.25, 0.25],
/// H = 0.5 ln 2 + 2 x 0.25 ln 4 = 1.0397 nats, perplexity e^H = 2.83.
public struct UnigramBaseline: Sendable, Equatable, Codable {
    /// Entropy in nats (comparable to the cross-entropy loss).
    public let entropy: Double
    public let tokens: Int
    public let distinctTokens: Int

    public init(counts: [Int]) {
        let total = counts.reduce(0, +)
        var h = 0.0
        var distinct = 0
        if total > 0 {
            let n = Double(total)
            for c in counts where c > 0 {
                let p = Double(c) / n
                h -= p * Foundation.log(p)
                distinct += 1
            }
        }
        entropy = h
        tokens = total
        distinctTokens = distinct
    }

    public var perplexity: Double { Foundation.exp(entropy) }
}
