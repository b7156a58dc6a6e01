import NLPUnicode

/// The three classes Rust's `regex` crate sees in `\w+|[^\w\s]+`: word characters, white space,
/// and everything else. Hugging Face's "Whitespace" and "WhitespaceSplit" pre-tokenizers are
/// defined by these classes, so they must follow Rust's Unicode definitions, not Python's:
///
///   `\w` = Alphabetic ∪ M ∪ Nd ∪ Pc ∪ Join_Control, where Alphabetic = L ∪ Nl ∪ Other_Alphabetic
///          (Other_Alphabetic outside M is only the circled/squared Latin letters below);
///   `\s` = White_Space (note: U+001C...U+001F are *not* White_Space, unlike Python's isspace).
///
///     "héllo, 世界!" -> word "héllo", other ",", word "世界", other "!"
enum PerlWordClass: UInt8 {
    case other = 0, word = 1, space = 2

    /// Classes of the Basic Multilingual Plane, computed once (65,536 utf8proc look-ups).
    private static let bmp: [PerlWordClass] = (0..<0x10000).map { compute(UInt32($0)) }

    @inline(__always)
    static func of(_ value: UInt32) -> PerlWordClass {
        value < 0x10000 ? bmp.withUnsafeBufferPointer { $0[Int(value)] } : compute(value)
    }

    static func isWhiteSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func compute(_ v: UInt32) -> PerlWordClass {
        if isWhiteSpace(v) { return .space }
        switch v {
        case 0x200C, 0x200D, 0x24B6...0x24E9, 0x1F130...0x1F149, 0x1F150...0x1F169, 0x1F170...0x1F189:
            return .word
        default: break
        }
        guard let scalar = Unicode.Scalar(v) else { return .other }
        let category = GeneralCategory(scalar)
        if category.isLetter || category.isMark { return .word }
        switch category {
        case .decimalNumber, .letterNumber, .connectorPunctuation: return .word
        default: return .other
        }
    }

    /// Decodes the scalar at `i` of valid UTF-8 and returns its class and byte length.
    @inline(__always)
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (PerlWordClass, Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (asciiClass(b0), 1) }
        let (scalar, length) = UTF8Decoding.decode(bytes, at: i)
        return (of(scalar.value), length)
    }

    @inline(__always)
    static func asciiClass(_ b: UInt8) -> PerlWordClass {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            return .word
        case 0x09...0x0D, 0x20:
            return .space
        default:
            return .other
        }
    }
}
