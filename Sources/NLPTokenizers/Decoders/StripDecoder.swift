/// HF "Strip" decoder: removes up to `start` leading and `stop` trailing `content` characters
/// from each token (SentencePiece-style files strip the space the "▁" of the first word left).
public struct StripDecoder: ChainDecoder {
    public static let typeName = "Strip"
    public var content: Character
    public var start: Int
    public var stop: Int

    public init(content: Character, start: Int, stop: Int) {
        self.content = content
        self.start = start
        self.stop = stop
    }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        content = try JSONFields.character(json, "content", of: Self.typeName)
        start = try JSONFields.int(json, "start", of: Self.typeName)
        stop = try JSONFields.int(json, "stop", of: Self.typeName)
    }

    public var json: JSONValue {
        .object([("type", .string(Self.typeName)), ("content", .string(String(content))),
                 ("start", .int(start)), ("stop", .int(stop))])
    }

    public func decodeChain(_ tokens: [String]) -> [String] {
        tokens.map { token in
            let chars = Array(token)
            var from = 0
            while from < min(start, chars.count) && chars[from] == content { from += 1 }
            var to = chars.count
            var removed = 0
            while removed < stop && to > from && chars[to - 1] == content { to -= 1; removed += 1 }
            return String(chars[from..<to])
        }
    }
}
