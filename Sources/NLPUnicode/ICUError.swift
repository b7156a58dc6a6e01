/// An ICU call that failed, e.g. an unknown transliterator id or a locale without break rules.
public struct ICUError: Error, Equatable, Sendable, CustomStringConvertible {
    public var operation: String
    /// ICU's UErrorCode (e.g. 1 = U_ILLEGAL_ARGUMENT_ERROR, 2 = U_MISSING_RESOURCE_ERROR).
    public var status: Int32

    public init(_ operation: String, status: Int32) {
        self.operation = operation
        self.status = status
    }

    public var description: String { "\(operation) failed (ICU error \(status))" }
}
