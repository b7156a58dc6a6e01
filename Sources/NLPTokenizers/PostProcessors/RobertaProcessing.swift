/// HF "RobertaProcessing": `<s> A </s>` and `<s> A </s> </s> B </s>`, all type 0.
///
/// With `trim_offsets`, offsets of byte-level tokens lose their leading/trailing spaces
/// ("Ġworld" over " world" points at "world"), except the space `add_prefix_space` added.
public struct RobertaProcessing: SpecialTokensPostProcessor {
    public static let typeName = "RobertaProcessing"
    public var sep: (token: String, id: Int32)
    public var cls: (token: String, id: Int32)
    public var trimOffsets: Bool
    public var addPrefixSpace: Bool

    public init(sep: (String, Int32), cls: (String, Int32), trimOffsets: Bool = true, addPrefixSpace: Bool = true) {
        self.sep = sep
        self.cls = cls
        self.trimOffsets = trimOffsets
        self.addPrefixSpace = addPrefixSpace
    }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        sep = try SpecialTokenPair.decode(json["sep"], field: "sep", of: Self.typeName)
        cls = try SpecialTokenPair.decode(json["cls"], field: "cls", of: Self.typeName)
        trimOffsets = try JSONFields.bool(json, "trim_offsets", of: Self.typeName, default: true)
        addPrefixSpace = try JSONFields.bool(json, "add_prefix_space", of: Self.typeName, default: true)
    }

    public var json: JSONValue {
        .object([("type", .string(Self.typeName)), ("sep", SpecialTokenPair.encode(sep)), ("cls", SpecialTokenPair.encode(cls)),
                 ("trim_offsets", .bool(trimOffsets)), ("add_prefix_space", .bool(addPrefixSpace))])
    }

    var template: TemplateProcessing {
        try! TemplateProcessing(
            single: [.specialToken(id: cls.token, typeID: 0), .sequence(isPair: false, typeID: 0), .specialToken(id: sep.token, typeID: 0)],
            pair: [.specialToken(id: cls.token, typeID: 0), .sequence(isPair: false, typeID: 0), .specialToken(id: sep.token, typeID: 0),
                   .specialToken(id: sep.token, typeID: 0), .sequence(isPair: true, typeID: 0), .specialToken(id: sep.token, typeID: 0)],
            specialTokens: [.init(id: cls.token, ids: [cls.id], tokens: [cls.token]), .init(id: sep.token, ids: [sep.id], tokens: [sep.token])])
    }

    public func addedTokenCount(isPair: Bool) -> Int { isPair ? 4 : 2 }

    public func process(_ first: Encoding, pair: Encoding?) -> Encoding { process(first, pair: pair, addSpecialTokens: true) }

    public func process(_ first: Encoding, pair: Encoding?, addSpecialTokens: Bool) -> Encoding {
        var a = first, b = pair
        if trimOffsets {
            a = ByteLevelOffsets.trimmed(a, addPrefixSpace: addPrefixSpace)
            b = b.map { ByteLevelOffsets.trimmed($0, addPrefixSpace: addPrefixSpace) }
        }
        if !addSpecialTokens { return Encoding.concatenate(a, pair: b) }
        return template.process(a, pair: b, addSpecialTokens: true)
    }
}

/// HF's `process_offsets` for byte-level tokens: a leading/trailing "Ġ" (a space byte) or
/// white space in the token string is not part of the word, so the offsets skip it.
enum ByteLevelOffsets {
    static func isSpace(_ c: Character) -> Bool { c == "\u{120}" || c.isWhitespace }

    static func trimmed(_ encoding: Encoding, addPrefixSpace: Bool) -> Encoding {
        var e = encoding
        for i in 0..<e.count {
            let token = e.tokens[i]
            var leading = token.prefix(while: isSpace).count
            let trailing = token.reversed().prefix(while: isSpace).count
            guard leading > 0 || trailing > 0 else { continue }
            var start = e.offsets[i].lowerBound
            var end = e.offsets[i].upperBound
            if leading > 0 {
                let isFirst = i == 0 || start == 0
                if isFirst && addPrefixSpace && leading == 1 { leading = 0 }
                start = min(start + leading, end)
            }
            if trailing > 0 && end >= trailing { end = max(end - trailing, start) }
            e.offsets[i] = start..<end
        }
        e.overflowing = e.overflowing.map { trimmed($0, addPrefixSpace: addPrefixSpace) }
        return e
    }
}
