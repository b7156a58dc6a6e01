/// GPT-2's reversible byte -> printable character table.
///
/// Byte-level BPE works on raw bytes, but its vocabulary files store tokens as strings. GPT-2
/// therefore gives every byte a printable stand-in: the 188 printable Latin-1 bytes stand for
/// themselves and the rest (controls, space, 0x7F-0xA0, 0xAD) become U+0100 onwards, in order.
///
///     GPT2ByteMapping.character(for: 0x20)   // "Ġ" (U+0120): the space in "Ġthe"
///     GPT2ByteMapping.character(for: 0x0A)   // "Ċ" (U+010A): the newline
public enum GPT2ByteMapping {
    /// Scalar value standing for each byte.
    public static let scalarForByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var next: UInt32 = 256
        for b in 0..<256 {
            let printable = (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b)
            if printable { table[b] = UInt32(b) } else { table[b] = next; next += 1 }
        }
        return table
    }()

    /// The byte each stand-in scalar means, indexed by scalar value (< 324); -1 for no byte.
    public static let byteForScalar: [Int16] = {
        var table = [Int16](repeating: -1, count: 324)
        for (b, s) in scalarForByte.enumerated() { table[Int(s)] = Int16(b) }
        return table
    }()

    public static func character(for byte: UInt8) -> String {
        String(Unicode.Scalar(scalarForByte[Int(byte)])!)
    }

    /// "Ġhello" for the bytes of " hello".
    public static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for b in bytes { scalars.append(Unicode.Scalar(scalarForByte[Int(b)])!) }
        return String(scalars)
    }

    /// The bytes behind a mapped token string, or nil if a character is not a stand-in.
    public static func decode(_ token: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(token.utf8.count)
        for s in token.unicodeScalars {
            guard s.value < 324, byteForScalar[Int(s.value)] >= 0 else { return nil }
            out.append(UInt8(byteForScalar[Int(s.value)]))
        }
        return out
    }

    /// Like `decode`, but characters that are not stand-ins pass through as their own UTF-8
    /// (what Hugging Face's ByteLevel decoder does with added tokens such as "<|endoftext|>").
    public static func decodeLenient(_ token: String, into out: inout [UInt8]) {
        for s in token.unicodeScalars {
            if s.value < 324, byteForScalar[Int(s.value)] >= 0 {
                out.append(UInt8(byteForScalar[Int(s.value)]))
            } else {
                UTF8Decoding.encode(s, into: &out)
            }
        }
    }
}
