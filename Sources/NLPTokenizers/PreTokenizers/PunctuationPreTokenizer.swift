import NLPUnicode

/// HF "Punctuation": splits on every punctuation scalar (ASCII punctuation, which includes
/// symbols such as `$+<=>^|~`, or a Unicode P* category), isolated by default.
public struct PunctuationPreTokenizer: PreTokenizer {
    public static let typeName = "Punctuation"
    public var behavior: SplitDelimiterBehavior

    public init(behavior: SplitDelimiterBehavior = .isolated) { self.behavior = behavior }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        behavior = try SplitDelimiterBehavior(json: json["behavior"], of: Self.typeName, default: .isolated)
    }

    public var json: JSONValue {
        .object([("type", .string(Self.typeName)), ("behavior", .string(behavior.rawValue))])
    }

    /// Rust's `is_ascii_punctuation() || is_punctuation()`.
    public static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 {
            return (v >= 0x21 && v <= 0x2F) || (v >= 0x3A && v <= 0x40) || (v >= 0x5B && v <= 0x60) || (v >= 0x7B && v <= 0x7E)
        }
        return CodePoint.category(scalar).isPunctuation
    }

    public func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>]) {
        behavior.split(text, range: range, into: &pieces, isDelimiter: Self.isPunctuation)
    }
}
