/// The line formats of `nlp tokenize` (DESIGN.md): scripts parse these, so they never change.
///
///     tokens   hello world !
///     ids      7592 2088 999
///     json     {"ids":[7592,2088,999],"tokens":["hello","world","!"],"offsets":[[0,5],[6,11],[11,12]]}
///
/// Offsets are UTF-8 byte offsets into the input line.
public enum EncodingFormat: String, Sendable, CaseIterable {
    case tokens, ids, json

    public func write(_ encoding: Encoding, into out: inout [UInt8]) {
        write(ids: encoding.ids, tokens: encoding.tokens, offsets: encoding.offsets, into: &out)
    }

    /// `ids` may be nil for tokenizers without a vocabulary (ICU words): JSON then has `"ids":null`.
    public func write(ids: [Int32]?, tokens: [String], offsets: [Range<Int>], into out: inout [UInt8]) {
        switch self {
        case .tokens:
            for (i, token) in tokens.enumerated() {
                if i > 0 { out.append(0x20) }
                out.append(contentsOf: token.utf8)
            }
        case .ids:
            Self.writeIDs(ids ?? [], into: &out)
        case .json:
            out.append(contentsOf: #"{"ids":"#.utf8)
            if let ids {
                out.append(UInt8(ascii: "["))
                for (i, id) in ids.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    Self.appendInt(Int(id), to: &out)
                }
                out.append(UInt8(ascii: "]"))
            } else {
                out.append(contentsOf: "null".utf8)
            }
            out.append(contentsOf: #","tokens":["#.utf8)
            for (i, token) in tokens.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(token, into: &out)
            }
            out.append(contentsOf: #"],"offsets":["#.utf8)
            for (i, r) in offsets.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                Self.appendInt(r.lowerBound, to: &out)
                out.append(UInt8(ascii: ","))
                Self.appendInt(r.upperBound, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(contentsOf: "]}".utf8)
        }
    }

    /// "7592 2088 999": the `ids` line, each number formatted in a register-sized buffer.
    public static func writeIDs(_ ids: [Int32], into out: inout [UInt8]) {
        out.reserveCapacity(out.count + ids.count * 7)
        var first = true
        for id in ids {
            var digits: (UInt64, UInt64) = (0, 0)  // up to 16 bytes, filled from the end
            var v = Int64(id)
            let negative = v < 0
            if negative { v = -v }
            let count = withUnsafeMutableBytes(of: &digits) { raw -> Int in
                var k = 16
                repeat { k -= 1; raw[k] = UInt8(48 + v % 10); v /= 10 } while v > 0
                if negative { k -= 1; raw[k] = UInt8(ascii: "-") }
                if !first { k -= 1; raw[k] = 0x20 }
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[k...]))
                return 16 - k
            }
            _ = count
            first = false
        }
    }

    static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")); appendInt(-value, to: &out); return }
        if value >= 10 { appendInt(value / 10, to: &out) }
        out.append(UInt8(48 + value % 10))
    }
}
