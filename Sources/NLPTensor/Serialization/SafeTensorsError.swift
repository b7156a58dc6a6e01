/// A safetensors file that cannot be read or written: one line naming the file and the reason,
/// e.g. "model.safetensors: header length 1000000 exceeds the file (512 bytes)".
public struct SafeTensorsError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ path: String, _ reason: String) { message = "\(path): \(reason)" }
    public var description: String { message }
}
