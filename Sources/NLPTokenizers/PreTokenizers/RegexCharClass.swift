import CNLPUnicode

/// The character classes the GPT-style split patterns test: `\p{L}`, `\p{N}`, `\s`
/// (Unicode White_Space, as in Rust's `regex` and Oniguruma) and everything else.
///
/// ASCII is a 128-entry table and the rest of the BMP a 64 KB table built once from utf8proc's
/// general categories, so classifying a character is one load; astral characters (emoji,
/// rare CJK) ask utf8proc directly.
public enum RegexCharClass {
    public static let other: UInt8 = 0, letter: UInt8 = 1, number: UInt8 = 2, space: UInt8 = 3

    /// Class of every BMP code point.
    static let bmp: UnsafeMutablePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        for cp in 0..<0x10000 { table[cp] = classify(UInt32(cp)) }
        return table
    }()

    /// White_Space (PropList.txt): what `\s` means in Rust's regex and in Oniguruma.
    @inline(__always)
    public static func isWhiteSpace(_ cp: UInt32) -> Bool {
        switch cp {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func classify(_ cp: UInt32) -> UInt8 {
        if isWhiteSpace(cp) { return space }
        if cp > 0x10FFFF { return other }
        let category = cnlp_category(Int32(bitPattern: cp))
        if (1...5).contains(category) { return letter }
        if (9...11).contains(category) { return number }
        return other
    }

    /// Class and byte length of the character at `i` (`i < end`). Malformed UTF-8 is one byte
    /// of class `other`, so a scan always moves forward.
    @inline(__always)
    public static func at(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (cls: UInt8, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (ascii[Int(b0)], 1) }
        if b0 < 0xC2 { return (other, 1) }
        if b0 < 0xE0 {
            guard i + 1 < end else { return (other, 1) }
            return (bmp[Int((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F))], 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < end else { return (other, 1) }
            let cp = (b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
            return (bmp[Int(cp)], 3)
        }
        guard i + 3 < end else { return (other, 1) }
        let cp = (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
        return (classify(cp), 4)
    }

    static let ascii: [UInt8] = (0..<128).map { classify(UInt32($0)) }
}
