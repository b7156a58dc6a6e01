import NLPUnicode

/// The per-character facts BERT's normaliser and pre-tokenizer ask for, answered as Hugging Face
/// tokenizers answers them (utf8proc's categories corrected by `BertUnicodeExceptions`).
///
/// The Basic Multilingual Plane is answered from a 64K-entry table built once on first use, so the
/// hot loops never call into C for ordinary text; astral characters (emoji, rare CJK) are computed.
public enum BertCharacters {
    /// Bits of `flags(_:)`.
    public static let control: UInt8 = 1        // removed by clean_text (with NUL and U+FFFD)
    public static let whitespace: UInt8 = 2     // Rust's char::is_whitespace (White_Space)
    public static let punctuation: UInt8 = 4    // ASCII symbols and HF's Unicode P*
    public static let chinese: UInt8 = 8        // CJK ideograph blocks BERT pads with spaces
    public static let nonspacingMark: UInt8 = 16 // dropped by strip_accents after NFD
    /// Changed by lowercasing or by canonical decomposition: needs `transform` (never for ASCII).
    public static let changes: UInt8 = 32

    @inline(__always)
    public static func flags(_ cp: UInt32) -> UInt8 {
        cp < 0x10000 ? bmpFlags[Int(cp)] : computeFlags(cp)
    }

    static let bmpFlags: [UInt8] = (0..<UInt32(0x10000)).map { computeFlags($0) }

    static func computeFlags(_ cp: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(cp) else { return 0 }  // surrogates never reach us
        let category = GeneralCategory(scalar)
        var f: UInt8 = 0
        if cp == 0 || cp == 0xFFFD {
            f |= control
        } else if [.control, .format, .privateUse].contains(category), cp != 9, cp != 10, cp != 13,
                  !contains(BertUnicodeExceptions.controlsKept, cp) {
            f |= control
        }
        if isWhitespace(cp) { f |= whitespace }
        let asciiPunctuation = cp >= 0x21 && cp < 0x7F && !isASCIIAlphanumeric(cp)
        if asciiPunctuation || contains(BertUnicodeExceptions.punctuationAdded, cp)
            || (category.isPunctuation && !contains(BertUnicodeExceptions.punctuationRemoved, cp)) {
            f |= punctuation
        }
        if isChinese(cp) { f |= chinese }
        if contains(BertUnicodeExceptions.nonspacingMarksAdded, cp)
            || (category == .nonspacingMark && !contains(BertUnicodeExceptions.nonspacingMarksRemoved, cp)) {
            f |= nonspacingMark
        }
        if decomposition(cp) != [cp] || lowercase(cp) != [cp] { f |= changes }
        return f
    }

    /// Rust's `char::is_whitespace` (the White_Space property). Unlike Python's `isspace`, U+001C
    /// to U+001F are not white space: clean_text removes them as controls.
    @inline(__always)
    public static func isWhitespace(_ cp: UInt32) -> Bool {
        switch cp {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// The blocks BERT calls Chinese: CJK Unified Ideographs and extensions A to E, and the
    /// compatibility ideographs (not kana, not Hangul: those languages put spaces between words).
    @inline(__always)
    public static func isChinese(_ cp: UInt32) -> Bool {
        switch cp {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// Full canonical decomposition (NFD of the lone character).
    public static func decomposition(_ cp: UInt32) -> [UInt32] {
        if cp < 0x80 { return [cp] }
        if let override = decompositionOverrides[cp] { return override }
        guard let scalar = Unicode.Scalar(cp) else { return [cp] }
        return CodePoint.decomposition(scalar).map { $0.value }
    }

    /// Rust's `char::to_lowercase`: the full mapping ('İ' -> "i̇"), without context (no final sigma).
    public static func lowercase(_ cp: UInt32) -> [UInt32] {
        if cp < 0x80 { return [cp >= 0x41 && cp <= 0x5A ? cp + 32 : cp] }
        if let override = lowercaseOverrides[cp] { return override }
        guard let scalar = Unicode.Scalar(cp) else { return [cp] }
        return [CodePoint.lowercased(scalar).value]
    }

    /// What BERT's normaliser makes of one character after its clean/Chinese steps:
    /// strip_accents (NFD, drop Mn) then lowercase, appended to `out`.
    public static func transform(_ cp: UInt32, stripAccents: Bool, lowercase doLower: Bool,
                                 into out: inout [UInt32]) {
        if flags(cp) & changes == 0 {
            if !(stripAccents && flags(cp) & nonspacingMark != 0) { out.append(cp) }
            return
        }
        let parts = stripAccents ? decomposition(cp).filter { flags($0) & nonspacingMark == 0 } : [cp]
        for part in parts {
            if doLower { out.append(contentsOf: lowercase(part)) } else { out.append(part) }
        }
    }

    @inline(__always)
    static func isASCIIAlphanumeric(_ cp: UInt32) -> Bool {
        (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5A) || (cp >= 0x61 && cp <= 0x7A)
    }

    static func contains(_ ranges: [ClosedRange<UInt32>], _ cp: UInt32) -> Bool {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound < cp { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo].contains(cp)
    }

    static let lowercaseOverrides: [UInt32: [UInt32]] =
        Dictionary(uniqueKeysWithValues: BertUnicodeExceptions.lowercaseOverrides)
    static let decompositionOverrides: [UInt32: [UInt32]] =
        Dictionary(uniqueKeysWithValues: BertUnicodeExceptions.decompositionOverrides)
}
