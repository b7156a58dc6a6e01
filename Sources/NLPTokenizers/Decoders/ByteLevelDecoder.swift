/// Hugging Face's "ByteLevel" decoder: token strings back to bytes through GPT-2's table, then
/// to text. A token with a character outside the table (an added token such as
/// "<|endoftext|>") contributes its own UTF-8; bytes that do not form valid UTF-8 (a token
/// sequence cut inside a character) become U+FFFD, like Rust's `from_utf8_lossy`.
///
///     ByteLevelDecoder().decode(["Hello", "Ġworld"])   // "Hello world"
public struct ByteLevelDecoder: Decoder, Equatable {
    public static let typeName = "ByteLevel"
    public var addPrefixSpace: Bool
    public var trimOffsets: Bool
    public var useRegex: Bool

    public init(addPrefixSpace: Bool = true, trimOffsets: Bool = true, useRegex: Bool = true) {
        self.addPrefixSpace = addPrefixSpace
        self.trimOffsets = trimOffsets
        self.useRegex = useRegex
    }

    public func decode(_ tokens: [String]) -> String {
        var bytes: [UInt8] = []
        for token in tokens { ByteLevelDecoder.appendBytes(of: token, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes a token stands for (its own UTF-8 if any character is not a stand-in).
    public static func appendBytes(of token: String, to bytes: inout [UInt8]) {
        let mark = bytes.count
        for s in token.unicodeScalars {
            guard s.value < 324, GPT2ByteMapping.byteForScalar[Int(s.value)] >= 0 else {
                bytes.removeSubrange(mark...)
                bytes.append(contentsOf: token.utf8)
                return
            }
            bytes.append(UInt8(GPT2ByteMapping.byteForScalar[Int(s.value)]))
        }
    }

    public init(json: JSONValue) throws {
        try ByteLevelOptions.check(json, type: "ByteLevel decoder")
        let o = try ByteLevelOptions(json: json)
        self.init(addPrefixSpace: o.addPrefixSpace, trimOffsets: o.trimOffsets, useRegex: o.useRegex)
    }

    public var json: JSONValue {
        ByteLevelOptions(addPrefixSpace: addPrefixSpace, trimOffsets: trimOffsets, useRegex: useRegex).json
    }
}
