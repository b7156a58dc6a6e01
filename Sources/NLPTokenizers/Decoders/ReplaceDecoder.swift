/// HF "Replace" decoder: in each token, every match of `pattern` becomes `content`
/// (Replace "▁" -> " " undoes SentencePiece's space marker).
public struct ReplaceDecoder: ChainDecoder, ReplaceStage {
    public let rule: ReplaceRule
    public init(rule: ReplaceRule) { self.rule = rule }

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
