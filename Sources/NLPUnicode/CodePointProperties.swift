import CNLPUnicode

/// Unicode general category (UAX #44), read through utf8proc without a UTF-16 round trip.
public enum GeneralCategory: Int32, Sendable {
    case unassigned = 0, uppercaseLetter, lowercaseLetter, titlecaseLetter, modifierLetter, otherLetter
    case nonspacingMark, spacingMark, enclosingMark
    case decimalNumber, letterNumber, otherNumber
    case connectorPunctuation, dashPunctuation, openPunctuation, closePunctuation
    case initialPunctuation, finalPunctuation, otherPunctuation
    case mathSymbol, currencySymbol, modifierSymbol, otherSymbol
    case spaceSeparator, lineSeparator, paragraphSeparator
    case control, format, surrogate, privateUse

    public init(_ scalar: Unicode.Scalar) {
        self = GeneralCategory(rawValue: cnlp_category(Int32(bitPattern: scalar.value))) ?? .unassigned
    }

    public var isLetter: Bool { (1...5).contains(rawValue) }
    public var isMark: Bool { (6...8).contains(rawValue) }
    public var isNumber: Bool { (9...11).contains(rawValue) }
    public var isPunctuation: Bool { (12...18).contains(rawValue) }
    public var isSymbol: Bool { (19...22).contains(rawValue) }
    public var isSeparator: Bool { (23...25).contains(rawValue) }
}

/// Per-code-point helpers for tokenizer hot paths.
public enum CodePoint {
    @inline(__always)
    public static func category(_ scalar: Unicode.Scalar) -> GeneralCategory { GeneralCategory(scalar) }

    /// Simple (one-to-one) lowercase mapping.
    public static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        Unicode.Scalar(UInt32(bitPattern: cnlp_to_lower_cp(Int32(bitPattern: scalar.value)))) ?? scalar
    }

    public static func uppercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        Unicode.Scalar(UInt32(bitPattern: cnlp_to_upper_cp(Int32(bitPattern: scalar.value)))) ?? scalar
    }

    /// Full canonical (or compatibility) decomposition of one scalar.
    public static func decomposition(_ scalar: Unicode.Scalar, compatibility: Bool = false) -> [Unicode.Scalar] {
        var buffer = [Int32](repeating: 0, count: 32)
        let n = cnlp_decompose(Int32(bitPattern: scalar.value), compatibility ? 1 : 0, &buffer, 32)
        guard n > 0 else { return [scalar] }
        return buffer[0..<Int(min(n, 32))].compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
    }

    /// White space as Python's `str.isspace` and BERT see it (Zs, and the ASCII controls \t \n \r
    /// \v \f, plus the separators U+001C...U+001F, U+0085, U+2028, U+2029).
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
