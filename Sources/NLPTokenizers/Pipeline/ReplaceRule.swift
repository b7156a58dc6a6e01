/// What HF's Replace normalizer and Replace decoder share: every match of `pattern` becomes
/// `content`, stored as `{"type": "Replace", "pattern": {...}, "content": "..."}` in both places.
/// The two stages differ only in what they apply it to (normalised text with alignments, or
/// decoded tokens), so the JSON reading, writing and matching live here once.
///
///     let rule = try ReplaceRule(json: ["type": "Replace", "pattern": ["String": "▁"], "content": " "])
///     rule.matches(in: Array("a▁b".utf8))   // [1..<4]
public struct ReplaceRule: Sendable {
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

    /// Non-overlapping matches of `pattern`, leftmost first, as UTF-8 byte ranges.
    public func matches(in bytes: [UInt8]) -> [Range<Int>] { matcher.matches(in: bytes) }
}

/// A pipeline stage that is one `ReplaceRule` (the Replace normalizer and the Replace decoder):
/// the type name, the pattern/content accessors, both initialisers and the JSON come from the
/// rule, so each stage only says what it applies the rule to.
public protocol ReplaceStage {
    var rule: ReplaceRule { get }
    init(rule: ReplaceRule)
}

extension ReplaceStage {
    public static var typeName: String { ReplaceRule.typeName }
    public var pattern: ReplacePattern { rule.pattern }
    public var content: String { rule.content }
    public init(pattern: ReplacePattern, content: String) { self.init(rule: ReplaceRule(pattern: pattern, content: content)) }
    public init(json: JSONValue) throws { self.init(rule: try ReplaceRule(json: json)) }
    public var json: JSONValue { rule.json }
}
