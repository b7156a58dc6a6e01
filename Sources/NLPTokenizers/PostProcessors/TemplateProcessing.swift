/// HF "TemplateProcessing": places the sequences and special tokens as a template says.
///
///     single: "[CLS] $A [SEP]"          pair: "[CLS] $A [SEP] $B:1 [SEP]:1"
///     "$A"/"$B" are the inputs, "$"=="$A", ":1" sets the type id, "$1" is "$A:1".
///
/// Special tokens may expand to several ids (`special_tokens` maps a name to ids + tokens).
public struct TemplateProcessing: SpecialTokensPostProcessor {
    public static let typeName = "TemplateProcessing"

    public enum Piece: Sendable, Equatable {
        case sequence(isPair: Bool, typeID: Int32)
        case specialToken(id: String, typeID: Int32)
    }

    public struct SpecialToken: Sendable, Equatable {
        public var id: String
        public var ids: [Int32]
        public var tokens: [String]
        public init(id: String, ids: [Int32], tokens: [String]) { self.id = id; self.ids = ids; self.tokens = tokens }
    }

    public var single: [Piece]
    public var pair: [Piece]
    /// Sorted by name, as HF writes them.
    public var specialTokens: [SpecialToken]

    public init(single: [Piece], pair: [Piece], specialTokens: [SpecialToken]) throws {
        self.single = single
        self.pair = pair
        self.specialTokens = specialTokens.sorted { Array($0.id.utf8).lexicographicallyPrecedes(Array($1.id.utf8)) }
        for case .specialToken(let id, _) in single + pair where !self.specialTokens.contains(where: { $0.id == id }) {
            throw TokenizerError.invalidArgument("TemplateProcessing: missing special token \"\(id)\"")
        }
    }

    /// From HF's template strings; each special token is one token with one id.
    public init(single: String, pair: String, specialTokens: [(String, Int32)]) throws {
        try self.init(single: Self.parse(single), pair: Self.parse(pair),
                      specialTokens: specialTokens.map { SpecialToken(id: $0.0, ids: [$0.1], tokens: [$0.0]) })
    }

    public static func parse(_ template: String) throws -> [Piece] {
        try template.split(separator: " ", omittingEmptySubsequences: true).map { try parsePiece(String($0)) }
    }

    static func parsePiece(_ text: String) throws -> Piece {
        var name = text
        var typeID: Int32 = 0
        if let colon = text.lastIndex(of: ":"), colon != text.startIndex {
            guard let t = Int32(text[text.index(after: colon)...]) else {
                throw TokenizerError.invalidArgument("TemplateProcessing: bad type id in \"\(text)\"")
            }
            name = String(text[..<colon])
            typeID = t
        }
        guard name.hasPrefix("$") else { return .specialToken(id: name, typeID: typeID) }
        switch name.dropFirst() {
        case "", "A", "a": return .sequence(isPair: false, typeID: typeID)
        case "B", "b": return .sequence(isPair: true, typeID: typeID)
        case let n:
            guard let t = Int32(n) else { throw TokenizerError.invalidArgument("TemplateProcessing: bad piece \"\(text)\"") }
            return .sequence(isPair: false, typeID: t)
        }
    }

    // MARK: JSON

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        func pieces(_ key: String) throws -> [Piece] {
            if let s = json[key]?.stringValue { return try Self.parse(s) }
            return try JSONFields.array(json, key, of: Self.typeName).map { item in
                if let seq = item["Sequence"] {
                    let id = try JSONFields.string(seq, "id", of: Self.typeName)
                    guard id == "A" || id == "B" else { throw TokenizerError.invalidArgument("TemplateProcessing: sequence id must be A or B") }
                    return .sequence(isPair: id == "B", typeID: Int32(try JSONFields.int(seq, "type_id", of: Self.typeName, default: 0)))
                }
                if let special = item["SpecialToken"] {
                    return .specialToken(id: try JSONFields.string(special, "id", of: Self.typeName),
                                         typeID: Int32(try JSONFields.int(special, "type_id", of: Self.typeName, default: 0)))
                }
                throw TokenizerError.invalidArgument("TemplateProcessing: unknown piece \(item.serialized())")
            }
        }
        var specials: [SpecialToken] = []
        for (name, value) in json["special_tokens"]?.objectValue ?? [] {
            let ids = try JSONFields.array(value, "ids", of: Self.typeName).map { v -> Int32 in
                guard let i = v.intValue else { throw TokenizerError.invalidArgument("TemplateProcessing: ids must be integers") }
                return Int32(i)
            }
            let tokens = try JSONFields.array(value, "tokens", of: Self.typeName).compactMap(\.stringValue)
            guard ids.count == tokens.count else {
                throw TokenizerError.invalidArgument("TemplateProcessing: \"\(name)\" has \(ids.count) ids but \(tokens.count) tokens")
            }
            specials.append(SpecialToken(id: try JSONFields.string(value, "id", of: Self.typeName, default: name), ids: ids, tokens: tokens))
        }
        try self.init(single: pieces("single"), pair: pieces("pair"), specialTokens: specials)
    }

    public var json: JSONValue {
        func encode(_ pieces: [Piece]) -> JSONValue {
            .array(pieces.map { piece in
                switch piece {
                case .sequence(let isPair, let typeID):
                    return .object([("Sequence", .object([("id", .string(isPair ? "B" : "A")), ("type_id", .int(Int(typeID)))]))])
                case .specialToken(let id, let typeID):
                    return .object([("SpecialToken", .object([("id", .string(id)), ("type_id", .int(Int(typeID)))]))])
                }
            })
        }
        let specials = JSONValue.object(specialTokens.map { token in
            (token.id, .object([("id", .string(token.id)), ("ids", .array(token.ids.map { .int(Int($0)) })),
                                ("tokens", .array(token.tokens.map { .string($0) }))]))
        })
        return .object([("type", .string(Self.typeName)), ("single", encode(single)), ("pair", encode(pair)),
                        ("special_tokens", specials)])
    }

    // MARK: Processing

    public func addedTokenCount(isPair: Bool) -> Int {
        (isPair ? pair : single).reduce(0) { total, piece in
            guard case .specialToken(let id, _) = piece else { return total }
            return total + (specialTokens.first { $0.id == id }?.ids.count ?? 0)
        }
    }

    public func process(_ first: Encoding, pair second: Encoding?) -> Encoding {
        process(first, pair: second, addSpecialTokens: true)
    }

    public func process(_ first: Encoding, pair second: Encoding?, addSpecialTokens: Bool) -> Encoding {
        var result: Encoding?
        for piece in second == nil ? single : pair {
            let part: Encoding
            switch piece {
            case .sequence(let isPair, let typeID):
                guard let input = isPair ? second : first else { continue }
                part = input.assigned(typeID: typeID, sequenceID: isPair ? 1 : 0)
            case .specialToken(let id, let typeID):
                guard addSpecialTokens, let token = specialTokens.first(where: { $0.id == id }) else { continue }
                part = .special(ids: token.ids, tokens: token.tokens, typeID: typeID)
            }
            result = result.map { $0.merged(with: part) } ?? part
        }
        return result ?? Encoding()
    }
}
