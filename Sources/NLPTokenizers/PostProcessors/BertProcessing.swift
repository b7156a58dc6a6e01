/// HF "BertProcessing": `[CLS] A [SEP]` and `[CLS] A [SEP] B [SEP]` with B (and its [SEP]) as
/// type 1. Without special tokens B still gets type 1, as in HF.
public struct BertProcessing: SpecialTokensPostProcessor {
    public static let typeName = "BertProcessing"
    public var sep: (token: String, id: Int32)
    public var cls: (token: String, id: Int32)

    public init(sep: (String, Int32), cls: (String, Int32)) {
        self.sep = sep
        self.cls = cls
    }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        sep = try SpecialTokenPair.decode(json["sep"], field: "sep", of: Self.typeName)
        cls = try SpecialTokenPair.decode(json["cls"], field: "cls", of: Self.typeName)
    }

    public var json: JSONValue {
        .object([("type", .string(Self.typeName)), ("sep", SpecialTokenPair.encode(sep)), ("cls", SpecialTokenPair.encode(cls))])
    }

    var template: TemplateProcessing {
        try! TemplateProcessing(
            single: [.specialToken(id: cls.token, typeID: 0), .sequence(isPair: false, typeID: 0), .specialToken(id: sep.token, typeID: 0)],
            pair: [.specialToken(id: cls.token, typeID: 0), .sequence(isPair: false, typeID: 0), .specialToken(id: sep.token, typeID: 0),
                   .sequence(isPair: true, typeID: 1), .specialToken(id: sep.token, typeID: 1)],
            specialTokens: [.init(id: cls.token, ids: [cls.id], tokens: [cls.token]), .init(id: sep.token, ids: [sep.id], tokens: [sep.token])])
    }

    public func addedTokenCount(isPair: Bool) -> Int { isPair ? 3 : 2 }

    public func process(_ first: Encoding, pair: Encoding?) -> Encoding { template.process(first, pair: pair) }

    public func process(_ first: Encoding, pair: Encoding?, addSpecialTokens: Bool) -> Encoding {
        template.process(first, pair: pair, addSpecialTokens: addSpecialTokens)
    }
}

/// `["[SEP]", 102]`: how HF stores a (token, id) pair.
enum SpecialTokenPair {
    static func decode(_ json: JSONValue?, field: String, of type: String) throws -> (token: String, id: Int32) {
        guard let a = json?.arrayValue, a.count == 2, let token = a[0].stringValue, let id = a[1].intValue else {
            throw TokenizerError.invalidArgument("\(type): field \"\(field)\" must be [token, id]")
        }
        return (token, Int32(id))
    }

    static func encode(_ pair: (token: String, id: Int32)) -> JSONValue { .array([.string(pair.token), .int(Int(pair.id))]) }
}
