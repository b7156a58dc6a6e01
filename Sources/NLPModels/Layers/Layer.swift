import NLPTensor

/// A piece of a model that owns parameters.
///
/// Two views of the same weights, because our storage and the checkpoint format differ in one
/// place: attention keeps query, key and value in one packed [3C, C] matrix (one sgemm, and the
/// fused attention kernel reads the packed output), while Hugging Face files store three.
/// - `parameters`: the tensors an optimiser updates, each owning its storage (no views).
/// - `checkpointTensors`: the tensors under their Hugging Face names, possibly views into
///   `parameters`; loading copies into them, saving writes them.
public protocol Layer: AnyObject {
    var parameters: [Tensor] { get }
    var checkpointTensors: [Tensor] { get }
}

extension Layer {
    public var checkpointTensors: [Tensor] { parameters }

    /// Number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Sets every parameter's gradient to zero (keeps the buffers).
    public func zeroGradients() { for p in parameters { p.zeroGrad() } }
}

/// Joins a name prefix and a suffix with a dot, skipping an empty prefix:
/// `qualified("encoder.layer.0", "output.dense")` is `encoder.layer.0.output.dense`.
@inline(__always) func qualified(_ prefix: String, _ name: String) -> String {
    prefix.isEmpty ? name : prefix + "." + name
}
