/// HF "Replace": every match of `pattern` becomes `content`. The replacement points at the
/// whole matched range; untouched scalars keep their own alignment.
///
///     Replace(" ", "▁"): "a b" -> "a▁b"   ("▁" covers original byte 1..<2)
public struct ReplaceNormalizer: Normalizer {
    public static let typeName = ReplaceRule.typeName
    public let rule: ReplaceRule
    public var pattern: ReplacePattern { rule.pattern }
    public var content: String { rule.content }

    public init(pattern: ReplacePattern, content: String) { rule = ReplaceRule(pattern: pattern, content: content) }
    public init(json: JSONValue) throws { rule = try ReplaceRule(json: json) }
    public var json: JSONValue { rule.json }

    public func normalize(_ text: inout NormalizedText) {
        let bytes = text.bytes
        let matches = rule.matches(in: bytes)
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
