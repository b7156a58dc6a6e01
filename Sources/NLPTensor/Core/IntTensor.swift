/// Int32 tensor for token ids, class labels and masks. It carries no gradient, so it is a plain
/// value type over a contiguous array.
public struct IntTensor: Equatable, Sendable {
    public var shape: [Int]
    public var values: [Int32]

    public init(_ values: [Int32], shape: [Int]) throws {
        let n = shape.reduce(1, *)
        try require(n == values.count, "IntTensor", "\(values.count) values do not fill shape \(shape) (\(n) elements)")
        self.shape = shape
        self.values = values
    }

    public init(_ values: [Int], shape: [Int]) throws {
        try self.init(values.map { Int32($0) }, shape: shape)
    }

    public var count: Int { values.count }
}
