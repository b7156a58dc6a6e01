import Foundation

/// Adam and AdamW, matching PyTorch's `torch.optim.Adam` / `AdamW` (amsgrad off), in one fused
/// pass per parameter:
///
///     t += 1
///     p *= 1 - lr * wd                      (AdamW: decoupled decay)   |  g += wd * p   (Adam: L2)
///     m  = m + (1 - beta1) * (g - m)        (= beta1 m + (1 - beta1) g; PyTorch's lerp form)
///     v  = beta2 * v + (1 - beta2) * g * g
///     p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
///
/// eps is added *after* the bias correction of v (PyTorch's placement), so with eps = 1e-8 the
/// first step moves each weight by almost exactly lr * sign(g).
///
/// Worked example (one element, lr 0.1, betas 0.9/0.999, eps 1e-8, wd 0, m = v = 0, g = 0.5):
/// m = 0.05, v = 0.00025, m_hat = 0.05/0.1 = 0.5, sqrt(v_hat) = sqrt(0.00025/0.001) = 0.5,
/// step = 0.1 * 0.5 / (0.5 + 1e-8) ~ 0.1.
public final class Adam: Optimizer {
    public enum WeightDecayStyle: Sendable {
        /// Adam: decay added to the gradient (so it passes through the moments).
        case l2
        /// AdamW (Loshchilov & Hutter): weights shrink by lr * wd, independent of the moments.
        case decoupled
    }

    public let groups: [ParameterGroup]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecayStyle: WeightDecayStyle
    public private(set) var stepCount = 0
    private let slots: [ParameterSlot]
    private let firstMoments: [StateBuffer?]
    private let secondMoments: [StateBuffer?]

    /// Adam (L2 weight decay, default 0), PyTorch defaults.
    public init(_ groups: [ParameterGroup], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0, weightDecayStyle: WeightDecayStyle = .l2) throws {
        guard (0..<1).contains(beta1), (0..<1).contains(beta2) else { throw OptimizerError("Adam: betas must be in [0, 1), got \(beta1), \(beta2)") }
        guard epsilon >= 0 else { throw OptimizerError("Adam: epsilon must be >= 0, got \(epsilon)") }
        self.groups = groups
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecayStyle = weightDecayStyle
        slots = try makeSlots(groups, defaultWeightDecay: weightDecay)
        firstMoments = slots.map { $0.parameter.gradient == nil ? nil : StateBuffer(count: $0.parameter.count) }
        secondMoments = slots.map { $0.parameter.gradient == nil ? nil : StateBuffer(count: $0.parameter.count) }
    }

    /// AdamW with PyTorch's defaults (weight decay 0.01, decoupled).
    public static func adamW(_ groups: [ParameterGroup], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                             epsilon: Float = 1e-8, weightDecay: Float = 0.01) throws -> Adam {
        try Adam(groups, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                 weightDecay: weightDecay, weightDecayStyle: .decoupled)
    }

    public func step() {
        stepCount += 1
        // Bias corrections in Double, as PyTorch computes them in Python floats.
        let t = Double(stepCount)
        let correction1 = 1 - Foundation.pow(Double(beta1), t)
        let correction2Sqrt = (1 - Foundation.pow(Double(beta2), t)).squareRoot()
        let decoupled = weightDecayStyle == .decoupled
        for i in slots.indices {
            guard let g = slots[i].parameter.gradient, let m = firstMoments[i]?.pointer, let v = secondMoments[i]?.pointer else { continue }
            let p = slots[i].parameter.value
            let lr = Double(learningRate * slots[i].learningRateScale)
            let wd = slots[i].weightDecay
            let decay = AdamCoefficients(
                shrink: decoupled ? Float(1 - lr * Double(wd)) : 1, l2: decoupled ? 0 : wd,
                oneMinusBeta1: 1 - beta1, beta2: beta2, oneMinusBeta2: 1 - beta2,
                stepSize: Float(lr / correction1), correction2Sqrt: Float(correction2Sqrt), epsilon: epsilon)
            forEachChunk(count: slots[i].parameter.count) { range in
                adamUpdate(p: p, g: g, m: m, v: v, range: range, decay)
            }
        }
    }

    public var stateBuffers: [(name: String, buffer: UnsafeMutableBufferPointer<Float>)] {
        var out: [(name: String, buffer: UnsafeMutableBufferPointer<Float>)] = []
        for i in slots.indices {
            guard let m = firstMoments[i], let v = secondMoments[i] else { continue }
            out.append(("\(slots[i].parameter.name).exp_avg", m.buffer))
            out.append(("\(slots[i].parameter.name).exp_avg_sq", v.buffer))
        }
        return out
    }

    public func restore(stepCount: Int, buffers: [String: [Float]]) throws {
        try restoreBuffers(stateBuffers, from: buffers)
        self.stepCount = stepCount
    }
}
