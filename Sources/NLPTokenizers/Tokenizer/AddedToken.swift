/// A token the user added on top of the model's vocabulary (HF `AddedToken`): `[CLS]`, `<|endoftext|>`,
/// or a domain word. It is found in the input before anything else runs and is never split.
public struct AddedToken: Sendable, Equatable {
    public var id: Int32
    public var content: String
    /// Only match when not inside a word ("[x]" in "a[x]b" is not matched).
    public var singleWord: Bool
    /// Swallow white space on the left / right of the match.
    public var lstrip: Bool
    public var rstrip: Bool
    /// Match against the normalised text (true) or the raw input (false).
    public var normalized: Bool
    /// Special tokens are skipped by `decode(skipSpecialTokens: true)`.
    public var special: Bool

    public init(id: Int32, content: String, singleWord: Bool = false, lstrip: Bool = false, rstrip: Bool = false,
                normalized: Bool? = nil, special: Bool = false) {
        self.id = id
        self.content = content
        self.singleWord = singleWord
        self.lstrip = lstrip
        self.rstrip = rstrip
        self.normalized = normalized ?? !special  // HF's default
        self.special = special
    }

    public init(json: JSONValue) throws {
        let type = "added_tokens"
        guard let id = json["id"]?.intValue, let content = json["content"]?.stringValue else {
            throw TokenizerError.invalidArgument("\(type): each entry needs \"id\" and \"content\"")
        }
        let special = try JSONFields.bool(json, "special", of: type, default: false)
        self.init(id: Int32(id), content: content,
                  singleWord: try JSONFields.bool(json, "single_word", of: type, default: false),
                  lstrip: try JSONFields.bool(json, "lstrip", of: type, default: false),
                  rstrip: try JSONFields.bool(json, "rstrip", of: type, default: false),
                  normalized: try JSONFields.bool(json, "normalized", of: type, default: !special),
                  special: special)
    }

    public var json: JSONValue {
        .object([("id", .int(Int(id))), ("content", .string(content)), ("single_word", .bool(singleWord)),
                 ("lstrip", .bool(lstrip)), ("rstrip", .bool(rstrip)), ("normalized", .bool(normalized)),
                 ("special", .bool(special))])
    }
}
