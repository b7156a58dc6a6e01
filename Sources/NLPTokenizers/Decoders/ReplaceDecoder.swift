/// HF "Replace" decoder: in each token, every match of `pattern` becomes `content`
/// (Replace "▁" -> " " undoes SentencePiece's space marker).
public struct ReplaceDecoder: ChainDecoder {
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

    public func decodeChain(_ tokens: [String]) -> [String] {
        let replacement = Array(content.utf8)
        return tokens.map { token in
            let bytes = Array(token.utf8)
            let matches = matcher.matches(in: bytes)
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
