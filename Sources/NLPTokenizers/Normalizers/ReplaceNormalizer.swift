/// HF "Replace": every match of `pattern` becomes `content`. The replacement points at the
/// whole matched range; untouched scalars keep their own alignment.
///
///     Replace(" ", "▁"): "a b" -> "a▁b"   ("▁" covers original byte 1..<2)
public struct ReplaceNormalizer: Normalizer {
    public static let typeName = "Replace"
    public let pattern: ReplacePattern
    public let content: String
    private let matcher: PatternMatcher

    public init(pattern: ReplacePattern, content: String) {
        self.pattern = pattern
        self.content = content
        matcher = pattern.matcher()
    }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        guard let p = json["pattern"] else { throw TokenizerError.invalidArgument("Replace: missing field \"pattern\"") }
        self.init(pattern: try ReplacePattern(json: p, of: Self.typeName),
                  content: try JSONFields.string(json, "content", of: Self.typeName))
    }

    public var json: JSONValue {
        .object([("type", .string(Self.typeName)), ("pattern", pattern.json), ("content", .string(content))])
    }

    public func normalize(_ text: inout NormalizedText) {
        let bytes = text.bytes
        let matches = matcher.matches(in: bytes)
        guard !matches.isEmpty else { return }
        let replacement = Array(content.utf8)
        var segments: [(bytes: [UInt8], current: Range<Int>)] = []
        var i = 0
        func keep(upTo end: Int) {
            while i < end {
                let (_, length) = UTF8Decoding.decode(bytes, at: i)
                segments.append((Array(bytes[i..<i + length]), i..<i + length))
                i += length
            }
        }
        for match in matches {
            keep(upTo: match.lowerBound)
            segments.append((replacement, match))
            i = match.upperBound
        }
        keep(upTo: bytes.count)
        text.replace(segments: segments)
    }
}
