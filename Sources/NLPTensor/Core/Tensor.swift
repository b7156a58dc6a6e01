/// A float32 tensor: contiguous row-major storage (64-byte aligned, from `BufferPool`), a shape,
/// and autograd state.
///
/// Views share storage: `reshaped`, `rows(_:)` (slices along the first axis) and `transposed()`
/// (swaps the last two axes) copy nothing. A transposed view is only a flag: `matmul` hands it to
/// sgemm as a transpose argument; every other op materialises it first (`contiguous()`).
///
/// Gradients of a view live inside the gradient of the tensor it views, so a view of a
/// parameter (say `weight.transposed()`) accumulates straight into `weight.grad`.
///
///     let w = Tensor.randn([4, 3], seed: 1, requiresGrad: true)
///     let x = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
///     let loss = try x.matmul(w.transposed()).sum()
///     try loss.backward()          // w.grad is [4, 3]
public final class Tensor {
    public let shape: [Int]
    public let count: Int
    let storage: Storage
    let offset: Int
    /// True when this is a view whose last two axes are swapped relative to its storage.
    public let isTransposed: Bool
    /// The tensor that owns the storage (nil when this tensor owns it). Never itself a view.
    let viewBase: Tensor?
    /// Set for parameters and inputs that need gradients; ops recorded on the tape set it on outputs.
    public var requiresGrad: Bool
    /// A name for parameters (used by optimisers and checkpoints), e.g. `encoder.layer.0.attention.self.query.weight`.
    public var name: String
    var ownGrad: Tensor?

    init(storage: Storage, offset: Int, shape: [Int], transposed: Bool = false, viewBase: Tensor? = nil, requiresGrad: Bool = false) {
        self.storage = storage
        self.offset = offset
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.isTransposed = transposed
        self.viewBase = viewBase
        self.requiresGrad = requiresGrad
        self.name = ""
    }

    /// An uninitialised tensor (contents are whatever the pool hands out).
    static func empty(_ shape: [Int]) -> Tensor {
        let n = shape.reduce(1, *)
        return Tensor(storage: Storage(count: n), offset: 0, shape: shape)
    }

    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 0, requiresGrad: requiresGrad)
    }

    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad)
    }

    public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false) -> Tensor {
        let t = empty(shape)
        t.pointer.update(repeating: value, count: t.count)
        t.requiresGrad = requiresGrad
        return t
    }

    /// Builds a tensor from scalars in row-major order; throws when the count does not match the shape.
    public convenience init(_ scalars: [Float], shape: [Int], requiresGrad: Bool = false) throws {
        try require(shape.allSatisfy { $0 >= 0 }, "Tensor", "negative dimension in shape \(shape)")
        let n = shape.reduce(1, *)
        try require(n == scalars.count, "Tensor", "\(scalars.count) scalars do not fill shape \(shape) (\(n) elements)")
        self.init(storage: Storage(count: n), offset: 0, shape: shape, requiresGrad: requiresGrad)
        scalars.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: n) }
    }

    /// Normally distributed values (mean 0, standard deviation `std`) from `Xoshiro256StarStar(seed:)`.
    public static func randn(_ shape: [Int], std: Float = 1, seed: UInt64, requiresGrad: Bool = false) -> Tensor {
        var rng = Xoshiro256StarStar(seed: seed)
        return randn(shape, std: std, using: &rng, requiresGrad: requiresGrad)
    }

    /// Normally distributed values drawn from `rng` (a training run's generator).
    public static func randn(_ shape: [Int], std: Float = 1, using rng: inout Xoshiro256StarStar, requiresGrad: Bool = false) -> Tensor {
        let t = empty(shape)
        rng.fillNormal(UnsafeMutableBufferPointer(start: t.pointer, count: t.count), mean: 0, std: std)
        t.requiresGrad = requiresGrad
        return t
    }

    /// Uniform values in [low, high) from `Xoshiro256StarStar(seed:)`.
    public static func uniform(_ shape: [Int], low: Float, high: Float, seed: UInt64, requiresGrad: Bool = false) -> Tensor {
        var rng = Xoshiro256StarStar(seed: seed)
        return uniform(shape, low: low, high: high, using: &rng, requiresGrad: requiresGrad)
    }

    /// Uniform values in [low, high) drawn from `rng`.
    public static func uniform(_ shape: [Int], low: Float, high: Float, using rng: inout Xoshiro256StarStar, requiresGrad: Bool = false) -> Tensor {
        let t = empty(shape)
        rng.fillUniform(UnsafeMutableBufferPointer(start: t.pointer, count: t.count), low: low, high: high)
        t.requiresGrad = requiresGrad
        return t
    }

    /// First element of the view's storage.
    @inline(__always) public var pointer: UnsafeMutablePointer<Float> { storage.floats + offset }

    public var rank: Int { shape.count }

    /// Scalars in row-major order of the *logical* shape (a transposed view is read transposed).
    public var scalars: [Float] {
        if !isTransposed { return Array(UnsafeBufferPointer(start: pointer, count: count)) }
        return materialized().scalars
    }

    /// The value of a one-element tensor.
    public var item: Float { scalars[0] }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        precondition(!isTransposed, "raw access to a transposed view; call contiguous() first")
        return try body(UnsafeBufferPointer(start: pointer, count: count))
    }

    public func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        precondition(!isTransposed, "raw access to a transposed view; call contiguous() first")
        return try body(UnsafeMutableBufferPointer(start: pointer, count: count))
    }

    /// Copies values from `source` (same count) into this tensor's storage, e.g. to load weights.
    public func copy(from source: [Float]) throws {
        try require(source.count == count && !isTransposed, "copy", "\(source.count) values into shape \(shape)")
        source.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: count) }
    }

    /// Rows x columns of the last two axes as stored (for a transposed view: swapped).
    var storedMatrix: (rows: Int, cols: Int) {
        let r = shape[rank - 2], c = shape[rank - 1]
        return isTransposed ? (c, r) : (r, c)
    }

    /// A contiguous copy with the logical layout (no autograd; see `contiguous()`).
    func materialized() -> Tensor {
        let out = Tensor.empty(shape)
        if !isTransposed { out.pointer.update(from: pointer, count: count); return out }
        let (rows, cols) = storedMatrix
        let batch = count / max(rows * cols, 1)
        for b in 0..<batch {
            transposeCopy(pointer + b * rows * cols, rows: rows, cols: cols, into: out.pointer + b * rows * cols)
        }
        return out
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let values = scalars.prefix(8).map { String(format: "%.4g", $0) }.joined(separator: ", ")
        return "Tensor(\(shape)\(name.isEmpty ? "" : " \(name)"): [\(values)\(count > 8 ? ", ..." : "")])"
    }
}
