import NLPTensor

/// Phrase continuation for the copy head: how many of the decoder's last inputs match the source
/// tokens just before each source position, and a learned prior on copying from there.
///
///     source   [CLS] rj reynolds tobacco said ... [SEP]
///     decoder  [CLS] ... rj            (the last input is "rj")
///     length   0     0  1        0       0            ("reynolds" follows a matching "rj")
///
/// lengths[b, t, s] = the largest k <= maxLength with decoderInput[b, t-k+1 ... t] ==
/// source[b, s-k ... s-1] (0 at padded source positions). It is a recurrence, so a decoder keeps
/// one row per hypothesis and updates it per token:
///
///     lengths[t][s] = decoderInput[t] == source[s-1] ? min(maxLength, lengths[t-1][s-1] + 1) : 0
///
/// Why: news summaries are mostly phrases and whole sentences of the article, and a copy head
/// that must re-find its place after every token drifts ("rj reynolds reynolds", names spliced
/// from two word pieces of different names). The head's learned attention cannot tell which of
/// several occurrences of a word it just copied; the exact n-gram match can. So each match length
/// k adds a learned `score[k]` to the copy score of the position it points at (which occurrence
/// to continue), and the longest match at a step adds `gate[k]` to the gate logit (whether to
/// keep copying at all).
public final class CopyContinuation: Layer {
    /// Adam moves a parameter by about the learning rate per step, and these priors need to move by
    /// nats within a fine-tuning run, so they are stored divided by this.
    public static let scale: Float = 10
    public let maxLength: Int
    /// [maxLength + 1, 1]: the copy-score bias of a match of length k (row 0: no match).
    public let score: Tensor
    /// [maxLength + 1, 1]: the gate-logit bias of the longest match at a step.
    public let gate: Tensor

    public init(maxLength: Int, init initializer: inout ParameterInitializer) {
        self.maxLength = maxLength
        // Start from "a longer match is a likelier continuation" (1.5 nats per matched token) and
        // an undecided gate; training adjusts both.
        score = initializer.constant("copy.continuation.score", [maxLength + 1, 1], 0)
        try! score.copy(from: (0...maxLength).map { 0.15 * Float($0) })
        gate = initializer.constant("copy.continuation.gate", [maxLength + 1, 1], 0)
    }

    public var parameters: [Tensor] { [score, gate] }

    /// Match lengths [B, T, S] of teacher-forced decoder inputs [B, T] against source ids [B, S]
    /// (`sourceMask` 0 = padding).
    public func lengths(decoderInput: IntTensor, sourceIds: IntTensor, sourceMask: IntTensor?) throws -> IntTensor {
        let (b, t, s) = (decoderInput.shape[0], decoderInput.shape[1], sourceIds.shape[1])
        var out = [Int32](repeating: 0, count: b * t * s)
        for row in 0..<b {
            var previous = [Int32](repeating: 0, count: s)
            for position in 0..<t {
                previous = step(previous, token: decoderInput.values[row * t + position],
                                source: sourceIds.values[(row * s)..<((row + 1) * s)],
                                keep: sourceMask.map { $0.values[(row * s)..<((row + 1) * s)] })
                out.replaceSubrange(((row * t + position) * s)..<((row * t + position + 1) * s), with: previous)
            }
        }
        return try IntTensor(out, shape: [b, t, s])
    }

    /// One decoder input `token` later: the next row of match lengths from the previous one
    /// (all zeros before the first input).
    public func step(_ previous: [Int32], token: Int32, source: ArraySlice<Int32>, keep: ArraySlice<Int32>?) -> [Int32] {
        var next = [Int32](repeating: 0, count: previous.count)
        let s0 = source.startIndex
        for j in 1..<max(source.count, 1) where source[s0 + j - 1] == token {
            if let keep, keep[keep.startIndex + j] == 0 { continue }
            next[j] = min(Int32(maxLength), previous[j - 1] + 1)
        }
        return next
    }

    /// Copy-score bias [B, T, S] of match lengths [B, T, S].
    public func scoreBias(_ lengths: IntTensor) throws -> Tensor {
        try score.embedding(lengths).reshaped(lengths.shape) * Self.scale
    }

    /// Gate-logit bias [B, T, 1] of the longest match at each step.
    public func gateBias(_ lengths: IntTensor) throws -> Tensor {
        let (b, t, s) = (lengths.shape[0], lengths.shape[1], lengths.shape[2])
        let longest = (0..<(b * t)).map { i in lengths.values[(i * s)..<((i + 1) * s)].max() ?? 0 }
        return try gate.embedding(IntTensor(longest, shape: [b, t])) * Self.scale
    }
}
