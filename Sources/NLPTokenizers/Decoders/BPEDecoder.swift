/// Hugging Face's "BPEDecoder" for end-of-word-suffix BPE: the suffix marks where a word
/// ended, so it becomes a space (nothing after the last token).
///
///     BPEDecoder().decode(["hel", "lo</w>", "world</w>"])   // "hello world"
public struct BPEDecoder: Decoder, Equatable {
    public static let typeName = "BPEDecoder"
    public var suffix: String

    public init(suffix: String = "</w>") { self.suffix = suffix }

    public func decode(_ tokens: [String]) -> String {
        var out = ""
        for (i, token) in tokens.enumerated() {
            out += suffix.isEmpty ? token : token.replacingAll(suffix, with: i == tokens.count - 1 ? "" : " ")
        }
        return out
    }

    public init(json: JSONValue) throws {
        guard json.objectValue != nil else { throw TokenizerError.invalidArgument("BPEDecoder: expected a JSON object") }
        if let t = json["type"], t.stringValue != Self.typeName {
            throw TokenizerError.invalidArgument("BPEDecoder: type is \(t.serialized()), expected \"BPEDecoder\"")
        }
        if let s = json["suffix"], !s.isNull {
            guard let text = s.stringValue else { throw TokenizerError.invalidArgument("BPEDecoder: suffix must be a string") }
            suffix = text
        } else {
            suffix = "</w>"
        }
    }

    public var json: JSONValue { .object([("type", .string(Self.typeName)), ("suffix", .string(suffix))]) }
}

extension String {
    /// Replaces every non-overlapping occurrence, left to right (Rust's `str::replace`), on bytes.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let t = Array(target.utf8), s = Array(utf8)
        guard !t.isEmpty, s.count >= t.count else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if i + t.count <= s.count && s[i] == t[0] && Array(s[i..<(i + t.count)]) == t {
                out.append(contentsOf: replacement.utf8)
                i += t.count
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
