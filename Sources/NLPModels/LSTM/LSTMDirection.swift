import NLPTensor

/// One direction of one LSTM layer, with PyTorch's parameter names and gate order (i, f, g, o):
/// `lstm.weight_ih_l{k}[_reverse]` [4H, I], `weight_hh` [4H, H], `bias_ih`, `bias_hh` [4H].
///
/// Masked variable-length batches: at a step where a sequence is padding its state is carried
/// through unchanged (h = m * h' + (1 - m) * h) and its output is zero. Running forward, a
/// finished sequence thus keeps its last real state; running in reverse from T-1, a shorter
/// sequence keeps the zero initial state until its own last real token, i.e. it starts there,
/// as `pack_padded_sequence` does. Steps where the whole batch is real skip the blend.
public final class LSTMDirection: Layer {
    public let weightIH: Tensor
    public let weightHH: Tensor
    public let biasIH: Tensor
    public let biasHH: Tensor
    public let reverse: Bool
    public let hiddenSize: Int

    public init(_ prefix: String, layer: Int, reverse: Bool, inputSize: Int, hiddenSize: Int, init initializer: inout ParameterInitializer) {
        let suffix = "_l\(layer)" + (reverse ? "_reverse" : "")
        let bound = 1 / Float(hiddenSize).squareRoot()  // PyTorch's init: U(-1/sqrt(H), 1/sqrt(H))
        weightIH = initializer.uniform(qualified(prefix, "weight_ih" + suffix), [4 * hiddenSize, inputSize], bound: bound)
        weightHH = initializer.uniform(qualified(prefix, "weight_hh" + suffix), [4 * hiddenSize, hiddenSize], bound: bound)
        biasIH = initializer.uniform(qualified(prefix, "bias_ih" + suffix), [4 * hiddenSize], bound: bound)
        biasHH = initializer.uniform(qualified(prefix, "bias_hh" + suffix), [4 * hiddenSize], bound: bound)
        self.reverse = reverse
        self.hiddenSize = hiddenSize
    }

    public var parameters: [Tensor] { [weightIH, weightHH, biasIH, biasHH] }

    /// The weights as the fused `lstmLayer` op takes them (the fast path; see LSTMEncoder).
    public var weights: LSTMDirectionWeights {
        LSTMDirectionWeights(weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH, reverse: reverse)
    }

    /// The naive reference: x [B, T, I] -> outputs [B, T, H] (zero at padding) and the final
    /// (h, c) [B, H], built from per-step autograd ops (one `linear`, `lstmPointwise` and mask
    /// blend per step). Kept beside the fused `lstmLayer` for tests; `steps` describes the
    /// padding (see `StepMasks`).
    public func reference(_ x: Tensor, steps: StepMasks) throws -> (output: Tensor, h: Tensor, c: Tensor) {
        let (b, t, hs) = (x.shape[0], x.shape[1], hiddenSize)
        let projected = try x.linear(weightIH, biasIH)  // all time steps in one sgemm
        let perStep = t == 1 ? [projected] : try projected.split(Array(repeating: 1, count: t), axis: 1)
        var h = Tensor.zeros([b, hs]), c = Tensor.zeros([b, hs])
        var outputs = [Tensor?](repeating: nil, count: t)
        for s in reverse ? Array((0..<t).reversed()) : Array(0..<t) {
            let gates = try perStep[s].reshaped([b, 4 * hs]).adding(h.linear(weightHH, biasHH))
            let (hNew, cNew) = try lstmPointwise(gates: gates, cell: c)
            if let (keep, carry) = steps.masks[s] {
                let out = try hNew.multiplying(keep)
                h = try out.adding(h.multiplying(carry))
                c = try cNew.multiplying(keep).adding(c.multiplying(carry))
                outputs[s] = out
            } else {
                h = hNew; c = cNew; outputs[s] = hNew
            }
        }
        let output = t == 1 ? try outputs[0]!.reshaped([b, 1, hs])
                            : try concat(outputs.map { try $0!.reshaped([b, 1, hs]) }, axis: 1)
        return (output, h, c)
    }
}

/// Per-time-step masks of a right-padded batch: nil where every sequence is real at that step,
/// else (keep [B, 1] with 1 for real rows, carry = 1 - keep).
public struct StepMasks {
    public let masks: [(keep: Tensor, carry: Tensor)?]
    /// Real-token flags [B*T] (row b*T + t) for the fused `lstmLayer`; nil when nothing is padded.
    public let keep: [Bool]?

    public init(_ batch: TokenBatch) throws {
        guard batch.isRightPadded else { throw ModelError.invalidInput("LSTM batches must be right-padded (mask ones, then zeros)") }
        let (b, t) = (batch.batchSize, batch.length)
        guard let m = batch.attentionMask else { masks = Array(repeating: nil, count: t); keep = nil; return }
        let flags = (0..<(b * t)).map { m.values[$0] != 0 }
        keep = flags.allSatisfy { $0 } ? nil : flags
        masks = try (0..<t).map { s in
            let keep = (0..<b).map { Float(m.values[$0 * t + s]) }
            if keep.allSatisfy({ $0 == 1 }) { return nil }
            return (try Tensor(keep, shape: [b, 1]), try Tensor(keep.map { 1 - $0 }, shape: [b, 1]))
        }
    }
}
