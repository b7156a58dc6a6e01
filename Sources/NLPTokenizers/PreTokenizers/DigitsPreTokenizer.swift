import NLPUnicode

/// HF "Digits": separates numbers (Rust `char::is_numeric`: Nd, Nl, No) from the rest; with
/// `individual_digits` every digit stands alone ("a123" -> a | 1 | 2 | 3), otherwise runs stay
/// together ("a123" -> a | 123).
public struct DigitsPreTokenizer: PreTokenizer {
    public static let typeName = "Digits"
    public var individualDigits: Bool

    public init(individualDigits: Bool = false) { self.individualDigits = individualDigits }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        individualDigits = try JSONFields.bool(json, "individual_digits", of: Self.typeName, default: false)
    }

    public var json: JSONValue {
        .object([("type", .string(Self.typeName)), ("individual_digits", .bool(individualDigits))])
    }

    static func isNumeric(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x30 && scalar.value <= 0x39 }
        return CodePoint.category(scalar).isNumber
    }

    public func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>]) {
        let behavior: SplitDelimiterBehavior = individualDigits ? .isolated : .contiguous
        behavior.split(text, range: range, into: &pieces, isDelimiter: Self.isNumeric)
    }
}
