/// Tensors are what optimisers update: `value` is the storage, `gradient` the accumulated
/// gradient (created zero-filled on first request), nil for a tensor that does not require
/// gradients (frozen).
extension Tensor: OptimizableParameter {
    public var value: UnsafeMutablePointer<Float> { pointer }
    public var gradient: UnsafeMutablePointer<Float>? { requiresGrad ? gradBuffer().pointer : nil }

    /// A trainable leaf tensor with a name (`encoder.layer.0.output.dense.weight`).
    public static func parameter(_ name: String, _ initial: Tensor) -> Tensor {
        let p = initial.viewBase == nil && !initial.isTransposed ? initial : initial.materialized()
        p.requiresGrad = true
        p.name = name
        return p
    }
}
