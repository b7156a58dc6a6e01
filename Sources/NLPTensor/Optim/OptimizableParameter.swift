/// What an optimiser needs from a trainable tensor: a name (for parameter groups and
/// checkpoint keys), its element count and raw pointers to its values and gradient.
/// The tensor core's parameter type conforms; optimisers never see the Tensor type.
///
/// `gradient == nil` means "frozen": the optimiser skips the parameter and keeps no state for it.
/// A parameter should be either always trained or always frozen; Adam's bias correction and
/// SGD's first-step momentum use the optimiser's global step count.
public protocol OptimizableParameter: AnyObject {
    var name: String { get }
    var count: Int { get }
    var value: UnsafeMutablePointer<Float> { get }
    var gradient: UnsafeMutablePointer<Float>? { get }
}

/// Parameters that share hyper-parameters, as in PyTorch's `param_groups`.
///
/// The effective learning rate of a group is `optimizer.learningRate * learningRateScale`, so a
/// schedule that sets the optimiser's learning rate moves every group together (layer-wise
/// decay or a slower embedding lr is a scale < 1). `weightDecay == nil` uses the optimiser's
/// default.
public struct ParameterGroup {
    public var parameters: [any OptimizableParameter]
    public var learningRateScale: Float
    public var weightDecay: Float?

    public init(_ parameters: [any OptimizableParameter], learningRateScale: Float = 1, weightDecay: Float? = nil) {
        self.parameters = parameters
        self.learningRateScale = learningRateScale
        self.weightDecay = weightDecay
    }

    /// The usual transformer split (as in HF's `no_decay = ["bias", "LayerNorm.weight"]`):
    /// one group with `weightDecay`, one without for the parameters `isNoDecay` selects.
    ///
    ///     let groups = ParameterGroup.decayAndNoDecay(model.parameters, weightDecay: 0.01)
    ///     // "encoder.layer.0.attention.self.query.weight" -> decay 0.01
    ///     // "encoder.layer.0.attention.self.query.bias", "embeddings.LayerNorm.weight" -> decay 0
    public static func decayAndNoDecay(
        _ parameters: [any OptimizableParameter], weightDecay: Float,
        isNoDecay: (String) -> Bool = ParameterGroup.isBiasOrNorm
    ) -> [ParameterGroup] {
        let noDecay = parameters.filter { isNoDecay($0.name) }
        let decay = parameters.filter { !isNoDecay($0.name) }
        return [ParameterGroup(decay, weightDecay: weightDecay), ParameterGroup(noDecay, weightDecay: 0)]
            .filter { !$0.parameters.isEmpty }
    }

    /// True for biases and normalisation parameters: names ending in "bias", or with a path
    /// component containing "norm" in any case ("LayerNorm.weight", "ln_f.weight" is not matched:
    /// pass your own predicate for GPT-2 style names).
    public static func isBiasOrNorm(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasSuffix("bias") { return true }
        return lower.split(separator: ".").dropLast().contains { $0.contains("norm") }
            || lower.hasSuffix("norm")
    }
}
