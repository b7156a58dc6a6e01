/// BERT's normaliser (HF "BertNormalizer"), in HF's order: clean the text, pad Chinese
/// characters with spaces, strip accents, lowercase. Every step works one character at a time, so
/// the four run as one pass, and each output character keeps the original range of its source:
///
///     "Héllo\u{0}世界" -> "hello  世  界 "   ("e" maps back to the two bytes of "é")
///
/// `strip_accents: null` in tokenizer.json means "strip when lowercasing" (BERT uncased).
public struct BertNormalizer: Normalizer, Equatable {
    public static let typeName = "BertNormalizer"

    /// Drop control characters (and NUL, U+FFFD), turn every kind of white space into " ".
    public var cleanText: Bool
    /// Put spaces around CJK ideographs so each becomes its own word.
    public var handleChineseChars: Bool
    /// nil follows `lowercase`, as in HF.
    public var stripAccents: Bool?
    public var lowercase: Bool

    public init(cleanText: Bool = true, handleChineseChars: Bool = true, stripAccents: Bool? = nil,
                lowercase: Bool = true) {
        self.cleanText = cleanText
        self.handleChineseChars = handleChineseChars
        self.stripAccents = stripAccents
        self.lowercase = lowercase
    }

    /// Whether accents are stripped once `null` is resolved.
    public var stripsAccents: Bool { stripAccents ?? lowercase }

    public func normalize(_ text: inout NormalizedText) {
        let strip = stripsAccents
        var out: [UInt32] = []
        text.mapScalars { scalar, replacement in
            let cp = scalar.value
            let flags = BertCharacters.flags(cp)
            if cleanText {
                if flags & BertCharacters.control != 0 { return }
                if flags & BertCharacters.whitespace != 0 { replacement.append(" "); return }
            }
            let padded = handleChineseChars && flags & BertCharacters.chinese != 0
            if padded { replacement.append(" ") }
            out.removeAll(keepingCapacity: true)
            BertCharacters.transform(cp, stripAccents: strip, lowercase: lowercase, into: &out)
            for v in out { replacement.append(Unicode.Scalar(v) ?? "\u{FFFD}") }
            if padded { replacement.append(" ") }
        }
    }

    public init(json: JSONValue) throws {
        guard json["type"]?.stringValue == Self.typeName else {
            throw TokenizerError.invalidArgument("BertNormalizer: expected \"type\": \"\(Self.typeName)\"")
        }
        func flag(_ key: String, _ fallback: Bool) throws -> Bool {
            guard let value = json[key], !value.isNull else { return fallback }
            guard let b = value.boolValue else {
                throw TokenizerError.invalidArgument("BertNormalizer: \"\(key)\" must be true or false")
            }
            return b
        }
        cleanText = try flag("clean_text", true)
        handleChineseChars = try flag("handle_chinese_chars", true)
        lowercase = try flag("lowercase", true)
        if let value = json["strip_accents"], !value.isNull {
            guard let b = value.boolValue else {
                throw TokenizerError.invalidArgument("BertNormalizer: \"strip_accents\" must be true, false or null")
            }
            stripAccents = b
        } else {
            stripAccents = nil
        }
    }

    public var json: JSONValue {
        .object([
            ("type", .string(Self.typeName)),
            ("clean_text", .bool(cleanText)),
            ("handle_chinese_chars", .bool(handleChineseChars)),
            ("strip_accents", stripAccents.map(JSONValue.bool) ?? .null),
            ("lowercase", .bool(lowercase)),
        ])
    }
}
