/// Stochastic gradient descent with momentum, PyTorch `torch.optim.SGD` semantics:
///
///     g  = grad + weight_decay * p                  (L2, coupled)
///     b  = g                                        (first step)
///     b  = momentum * b + (1 - dampening) * g       (later steps)
///     g  = g + momentum * b   if nesterov, else  g = b
///     p -= lr * g
///
/// With momentum 0 there is no buffer and no state beyond the step count.
public final class SGD: Optimizer {
    public let groups: [ParameterGroup]
    public var learningRate: Float
    public let momentum: Float
    public let dampening: Float
    public let nesterov: Bool
    public private(set) var stepCount = 0
    private let slots: [ParameterSlot]
    private let momentumBuffers: [StateBuffer?]

    public init(_ groups: [ParameterGroup], learningRate: Float, momentum: Float = 0, dampening: Float = 0,
                weightDecay: Float = 0, nesterov: Bool = false) throws {
        if nesterov && (momentum <= 0 || dampening != 0) {
            throw OptimizerError("SGD: nesterov momentum requires momentum > 0 and dampening 0")
        }
        self.groups = groups
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        slots = try makeSlots(groups, defaultWeightDecay: weightDecay)
        momentumBuffers = slots.map { momentum != 0 && $0.parameter.gradient != nil ? StateBuffer(count: $0.parameter.count) : nil }
    }

    public func step() {
        let first = stepCount == 0
        for (slot, buffer) in zip(slots, momentumBuffers) {
            guard let grad = slot.parameter.gradient else { continue }
            let p = slot.parameter.value
            let lr = learningRate * slot.learningRateScale
            let wd = slot.weightDecay, mu = momentum, keep = 1 - dampening, nesterov = nesterov
            let b = buffer?.pointer
            forEachChunk(count: slot.parameter.count) { range in
                sgdUpdate(p: p, g: grad, momentum: b, range: range, lr: lr, weightDecay: wd, mu: mu, keep: keep,
                          first: first, nesterov: nesterov)
            }
        }
        stepCount += 1
    }

    public var stateBuffers: [(name: String, buffer: UnsafeMutableBufferPointer<Float>)] {
        zip(slots, momentumBuffers).compactMap { slot, b in b.map { ("\(slot.parameter.name).momentum_buffer", $0.buffer) } }
    }

    public func restore(stepCount: Int, buffers: [String: [Float]]) throws {
        try restoreBuffers(stateBuffers, from: buffers)
        self.stepCount = stepCount
    }
}
