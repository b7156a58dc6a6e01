import Foundation

/// One tensor's entry in a safetensors header. `byteRange` is relative to the start of the data
/// section (the byte after the header).
public struct SafeTensorsTensorInfo: Hashable, Sendable {
    public let name: String
    public let dtype: SafeTensorsDType
    public let shape: [Int]
    public let byteRange: Range<Int>
    public var elementCount: Int { shape.reduce(1, *) }
}

/// Parsing, validating and encoding the JSON header, following the reference implementation
/// (huggingface/safetensors, Rust):
///
///     [8 bytes: N, little-endian u64][N bytes: JSON, space-padded][data section]
///     {"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}
///
/// Tensors must tile the data section exactly: sorted by offset, each starts where the previous
/// one ended, and the last ends at the end of the file.
enum SafeTensorsHeader {
    /// The reference refuses headers above 100 MB; so do we (it also bounds what a corrupt length
    /// field can make us allocate).
    static let maximumLength = 100_000_000

    static func parse(_ header: UnsafeRawBufferPointer, dataLength: Int, path: String)
        throws -> (tensors: [SafeTensorsTensorInfo], metadata: [String: String])
    {
        guard header.first == UInt8(ascii: "{") else { throw SafeTensorsError(path, "header does not start with '{'") }
        guard String(validating: header, as: UTF8.self) != nil else { throw SafeTensorsError(path, "header is not valid UTF-8") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(header), options: [])
        } catch {
            throw SafeTensorsError(path, "header is not valid JSON")
        }
        guard let entries = object as? [String: Any] else { throw SafeTensorsError(path, "header is not a JSON object") }
        var metadata: [String: String] = [:]
        var tensors: [SafeTensorsTensorInfo] = []
        for (name, value) in entries {
            if name == "__metadata__" {
                guard let m = value as? [String: Any] else { throw SafeTensorsError(path, "__metadata__ is not an object") }
                for (k, v) in m {
                    guard let s = v as? String else { throw SafeTensorsError(path, "__metadata__ value for '\(k)' is not a string") }
                    metadata[k] = s
                }
                continue
            }
            tensors.append(try tensorInfo(name, value, path: path))
        }
        tensors.sort { ($0.byteRange.lowerBound, $0.byteRange.upperBound) < ($1.byteRange.lowerBound, $1.byteRange.upperBound) }
        var end = 0
        for t in tensors {
            if t.byteRange.upperBound > dataLength {
                throw SafeTensorsError(path, "tensor '\(t.name)' data_offsets [\(t.byteRange.lowerBound), \(t.byteRange.upperBound)] run past the data section (\(dataLength) bytes): file truncated?")
            }
            if t.byteRange.lowerBound < end { throw SafeTensorsError(path, "tensor '\(t.name)' overlaps the previous tensor (starts at \(t.byteRange.lowerBound), previous ends at \(end))") }
            if t.byteRange.lowerBound > end { throw SafeTensorsError(path, "gap before tensor '\(t.name)' (starts at \(t.byteRange.lowerBound), previous ends at \(end))") }
            end = t.byteRange.upperBound
        }
        if end != dataLength { throw SafeTensorsError(path, "tensors cover \(end) bytes but the data section has \(dataLength)") }
        return (tensors, metadata)
    }

    private static func tensorInfo(_ name: String, _ value: Any, path: String) throws -> SafeTensorsTensorInfo {
        guard let entry = value as? [String: Any] else { throw SafeTensorsError(path, "entry '\(name)' is not an object") }
        guard let dtypeName = entry["dtype"] as? String else { throw SafeTensorsError(path, "tensor '\(name)' has no dtype") }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else { throw SafeTensorsError(path, "tensor '\(name)' has unknown dtype '\(dtypeName)'") }
        guard let shape = nonNegativeInts(entry["shape"]) else { throw SafeTensorsError(path, "tensor '\(name)' has no valid shape") }
        guard let offsets = nonNegativeInts(entry["data_offsets"]), offsets.count == 2 else {
            throw SafeTensorsError(path, "tensor '\(name)' has no valid data_offsets")
        }
        guard offsets[0] <= offsets[1] else { throw SafeTensorsError(path, "tensor '\(name)' data_offsets [\(offsets[0]), \(offsets[1])] end before they begin") }
        var elements = 1
        for d in shape {
            let (product, overflow) = elements.multipliedReportingOverflow(by: d)
            guard !overflow else { throw SafeTensorsError(path, "tensor '\(name)' shape \(shape) overflows") }
            elements = product
        }
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, bytes == offsets[1] - offsets[0] else {
            throw SafeTensorsError(path, "tensor '\(name)' shape \(shape) x \(dtype.rawValue) needs \(elements * dtype.size) bytes but data_offsets span \(offsets[1] - offsets[0])")
        }
        return SafeTensorsTensorInfo(name: name, dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1])
    }

    private static func nonNegativeInts(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var out: [Int] = []
        for v in array {
            guard let n = v as? NSNumber, let i = Int(exactly: n.doubleValue), i >= 0, i < 1 << 53 else { return nil }
            out.append(i)
        }
        return out
    }

    /// The header bytes exactly as the reference writer produces them: compact JSON,
    /// `__metadata__` first (keys sorted, as the reference's map order is unspecified), tensors in
    /// file order, padded with spaces to a multiple of 8 bytes.
    static func encode(_ tensors: [SafeTensorsTensorInfo], metadata: [String: String]?) -> [UInt8] {
        var json = "{"
        var first = true
        if let metadata {
            json += "\"__metadata__\":{"
            json += metadata.keys.sorted(by: utf8Less).map { "\(quoted($0)):\(quoted(metadata[$0]!))" }.joined(separator: ",")
            json += "}"
            first = false
        }
        for t in tensors {
            if !first { json += "," }
            first = false
            json += "\(quoted(t.name)):{\"dtype\":\"\(t.dtype.rawValue)\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],"
            json += "\"data_offsets\":[\(t.byteRange.lowerBound),\(t.byteRange.upperBound)]}"
        }
        json += "}"
        var bytes = Array(json.utf8)
        while bytes.count % 8 != 0 { bytes.append(UInt8(ascii: " ")) }
        return bytes
    }

    /// Byte-wise order of UTF-8, as Rust's `String` ordering.
    static func utf8Less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// A JSON string as serde_json writes it: escapes `"`, `\` and control characters only.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case let c where c.value < 0x20:
                out += "\\u00" + String(c.value, radix: 16).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
