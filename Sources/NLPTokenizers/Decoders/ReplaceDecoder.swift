/// HF "Replace" decoder: in each token, every match of `pattern` becomes `content`
/// (Replace "▁" -> " " undoes SentencePiece's space marker).
public struct ReplaceDecoder: ChainDecoder {
    public static let typeName = ReplaceRule.typeName
    public let rule: ReplaceRule
    public var pattern: ReplacePattern { rule.pattern }
    public var content: String { rule.content }

    public init(pattern: ReplacePattern, content: String) { rule = ReplaceRule(pattern: pattern, content: content) }
    public init(json: JSONValue) throws { rule = try ReplaceRule(json: json) }
    public var json: JSONValue { rule.json }

    public func decodeChain(_ tokens: [String]) -> [String] {
        let replacement = Array(content.utf8)
        return tokens.map { token in
            let bytes = Array(token.utf8)
            let matches = rule.matches(in: bytes)
            guard !matches.isEmpty else { return token }
            var out: [UInt8] = []
            var i = 0
            for m in matches {
                out.append(contentsOf: bytes[i..<m.lowerBound])
                out.append(contentsOf: replacement)
                i = m.upperBound
            }
            out.append(contentsOf: bytes[i...])
            return String(decoding: out, as: UTF8.self)
        }
    }
}
