import NLPTokenizers
import NLPUnicode

/// Streams JSON Lines: one JSON object per non-blank line, values read as text.
///
/// Strings are taken as they are, numbers in their shortest form (`3`, `0.5`), booleans as
/// `true`/`false`, and arrays of scalars as their elements joined with `|` (how a multi-label
/// example is written: `{"text": "...", "labels": ["billing", "refund"]}`).
final class JSONLRecordReader {
    let path: String
    private let bytes: ChunkedByteReader
    private var lineBuffer: [UInt8] = []

    init(path: String, bytes: ChunkedByteReader) {
        self.path = path
        self.bytes = bytes
    }

    /// The next object as key -> text (keys in the order written), with the line it came from.
    func next() throws -> (values: [String: String], keys: [String], line: Int)? {
        while true {
            let line = bytes.line
            lineBuffer.removeAll(keepingCapacity: true)
            guard bytes.readLine(into: &lineBuffer) else { return nil }
            if lineBuffer.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                try UTF8Validator.validateLine(lineBuffer, lineNumber: line, fileOffset: 0)
            } catch let e as InvalidUTF8Error {
                throw DatasetError.invalidUTF8(path: path, line: line, place: "byte \(e.byteInLine)", detail: e.hexBytes)
            }
            let object: JSONValue
            do {
                object = try JSONValue.parse(lineBuffer)
            } catch {
                throw DatasetError.invalidJSON(path: path, line: line, detail: "\(error)")
            }
            guard let pairs = object.objectValue else {
                throw DatasetError.invalidJSON(path: path, line: line, detail: "not an object")
            }
            var values: [String: String] = [:]
            var keys: [String] = []
            for (key, value) in pairs {
                if let text = Self.text(value) {
                    if values[key] == nil { keys.append(key) }
                    values[key] = text
                }
            }
            return (values, keys, line)
        }
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
        case .bool(let b): return b ? "true" : "false"
        case .array(let a): return a.compactMap { text($0) }.joined(separator: "|")
        case .null, .object: return nil
        }
    }
}
