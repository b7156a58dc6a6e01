/// Errors thrown by tensor construction and ops. Each prints as one line that names the op and
/// the offending shapes, e.g. `shape mismatch in matmul: [32, 256] x [128, 64]`.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    case shapeMismatch(op: String, shapes: [[Int]])
    case invalidArgument(op: String, reason: String)

    public var description: String {
        switch self {
        case .shapeMismatch(let op, let shapes):
            return "shape mismatch in \(op): " + shapes.map { "\($0)" }.joined(separator: " x ")
        case .invalidArgument(let op, let reason):
            return "\(op): \(reason)"
        }
    }
}

@inline(__always)
func check(_ condition: Bool, _ op: String, _ shapes: [Int]...) throws {
    if !condition { throw TensorError.shapeMismatch(op: op, shapes: shapes) }
}

@inline(__always)
func require(_ condition: Bool, _ op: String, _ reason: @autoclosure () -> String) throws {
    if !condition { throw TensorError.invalidArgument(op: op, reason: reason()) }
}
