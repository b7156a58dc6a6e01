/// Decoders that, like HF's `decode_chain`, turn tokens into tokens, so a `Sequence` can feed one
/// decoder's output to the next (Replace "▁" -> " ", then Fuse, then Strip one leading space).
/// A plain `Decoder` in a chain produces one string from all its tokens.
public protocol ChainDecoder: Decoder {
    func decodeChain(_ tokens: [String]) -> [String]
}

extension ChainDecoder {
    public func decode(_ tokens: [String]) -> String { decodeChain(tokens).joined() }
}

enum DecoderChain {
    static func run(_ decoder: any Decoder, _ tokens: [String]) -> [String] {
        if let chain = decoder as? any ChainDecoder { return chain.decodeChain(tokens) }
        return [decoder.decode(tokens)]
    }
}

/// HF "Sequence" of decoders.
public struct SequenceDecoder: ChainDecoder {
    public static let typeName = "Sequence"
    public var decoders: [any Decoder]

    public init(_ decoders: [any Decoder]) { self.decoders = decoders }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        decoders = try JSONFields.array(json, "decoders", of: Self.typeName).map(StageRegistry.decoder(from:))
    }

    public var json: JSONValue { .object([("type", .string(Self.typeName)), ("decoders", .array(decoders.map(\.json)))]) }

    public func decodeChain(_ tokens: [String]) -> [String] {
        decoders.reduce(tokens) { DecoderChain.run($1, $0) }
    }
}

/// HF "Fuse": all tokens become one string.
public struct FuseDecoder: ChainDecoder {
    public static let typeName = "Fuse"
    public init() {}
    public init(json: JSONValue) throws { try JSONFields.require(json, type: Self.typeName) }
    public var json: JSONValue { .object([("type", .string(Self.typeName))]) }
    public func decodeChain(_ tokens: [String]) -> [String] { [tokens.joined()] }
}
