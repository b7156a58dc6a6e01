import Foundation
import NLPTensor

/// The pointer-generator head of a `Seq2SeqModel` (See et al. 2017): from the decoder's last
/// hidden state h it scores every source token for copying, and decides how much of the next
/// token to generate from the vocabulary rather than copy.
///
///     copy scores z[b, t, s] = ((W_q h + b_q) . memory[b, s]                         copy.query.*
///                             + (W_p h + b_p) . E[source[b, s - 1]]) / sqrt(C)    copy.previous.*
///     gate logit  u[b, t]    =  w_g . h[b, t] + b_g      (g = sigmoid(u) = P(generate))   copy.gate.*
///
/// plus, with `continuation`, the phrase-continuation priors of `CopyContinuation`
/// (copy.continuation.*) on both.
///
/// Why: a summariser trained on a few thousand documents cannot learn to spell names, numbers
/// and rare words through a 30k-way softmax; copying them from the article is what makes its
/// output readable (news summaries reuse whole phrases of the article).
///
/// Why the second term: to continue a copied phrase the head must point at the source token
/// that follows the one just written. Keying each source position by the word embedding E of
/// its predecessor makes that one lookup (the state h carries the token just written), where
/// the encoder's contextual states alone would need several layers to learn it; the first term
/// (content and position in context) picks which occurrence to continue.
public final class CopyHead: Layer {
    public let query: Linear
    public let previous: Linear
    public let gate: Linear
    /// Match-length priors (config `copy_continuation` > 0).
    public let continuation: CopyContinuation?
    let scale: Float

    public init(dim: Int, continuation maxMatch: Int = 0, init initializer: inout ParameterInitializer) {
        query = Linear("copy.query", inFeatures: dim, outFeatures: dim, init: &initializer)
        gate = Linear("copy.gate", inFeatures: dim, outFeatures: 1, init: &initializer)
        previous = Linear("copy.previous", inFeatures: dim, outFeatures: dim, init: &initializer)
        continuation = maxMatch > 0 ? CopyContinuation(maxLength: maxMatch, init: &initializer) : nil
        scale = 1 / Float(dim).squareRoot()
    }

    public var parameters: [Tensor] {
        query.parameters + previous.parameters + gate.parameters + (continuation?.parameters ?? [])
    }

    /// Copy scores [B, T, S] of decoder states [B, T, C] against the encoder output [B, S, C]
    /// and the word vectors of each source position's predecessor [B, S, C]
    /// (`Seq2SeqModel.predecessorVectors`), plus the continuation prior of the match `lengths`
    /// [B, T, S] when the head has one.
    public func scores(_ hidden: Tensor, memory: Tensor, predecessors: Tensor, lengths: IntTensor? = nil) throws -> Tensor {
        let content = try query(hidden).bmm(memory.transposed())
        let successor = try previous(hidden).bmm(predecessors.transposed())
        let scores = try (content + successor) * scale
        guard let continuation, let lengths else { return scores }
        return try scores + continuation.scoreBias(lengths)
    }

    /// Gate logits [B, T, 1] (with the continuation prior of the match `lengths` [B, T, S]).
    public func gateLogits(_ hidden: Tensor, lengths: IntTensor? = nil) throws -> Tensor {
        let logits = try gate(hidden)
        guard let continuation, let lengths else { return logits }
        return try logits + continuation.gateBias(lengths)
    }

    /// The next-token distribution of one decoder state, as log-probabilities: `logits` [V] of the
    /// vocabulary, copy scores `scores` [S] (source `ids`, `keep` 0 = padding) and gate logit `u`.
    static func mixedLogProbabilities(logits: ArraySlice<Float>, scores: [Float], ids: ArraySlice<Int32>, keep: ArraySlice<Int32>?,
                                      gateLogit u: Float) -> [Float] {
        let g = 1 / (1 + exp(-Double(u)))
        let m = logits.max() ?? 0
        var probabilities = logits.map { Double(exp($0 - m)) }
        let total = probabilities.reduce(0, +)
        for j in probabilities.indices { probabilities[j] *= g / total }
        let kept = scores.indices.filter { keep == nil || keep![keep!.startIndex + $0] != 0 }
        if let zm = kept.map({ scores[$0] }).max() {
            let weights = kept.map { Double(exp(scores[$0] - zm)) }
            let sum = weights.reduce(0, +)
            for (s, w) in zip(kept, weights) {
                let id = Int(ids[ids.startIndex + s])
                if id >= 0 && id < probabilities.count { probabilities[id] += (1 - g) * w / sum }
            }
        }
        return probabilities.map { $0 > 0 ? Float(log($0)) : -.infinity }
    }
}
