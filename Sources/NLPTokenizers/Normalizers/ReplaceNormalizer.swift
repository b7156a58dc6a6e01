/// HF "Replace": every match of `pattern` becomes `content`. The replacement points at the
/// whole matched range; untouched scalars keep their own alignment.
///
///     Replace(" ", "▁"): "a b" -> "a▁b"   ("▁" covers original byte 1..<2)
public struct ReplaceNormalizer: Normalizer, ReplaceStage {
    public let rule: ReplaceRule
    public init(rule: ReplaceRule) { self.rule = rule }

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
