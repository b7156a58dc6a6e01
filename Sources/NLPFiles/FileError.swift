/// A file that cannot be read or written, as one line: `path: reason`.
///
/// The modules above map it into their own error types where they have one
/// (`TokenizerError.invalidFile`), so a user sees the same line whichever layer failed.
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
    public let path: String
    public let reason: String
    public init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}
