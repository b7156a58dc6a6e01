/// Hugging Face's "WordLevel" model: every piece is looked up whole; a piece missing from the
/// vocabulary becomes `unk_token` (HF fails when the vocabulary lacks `unk_token`; we emit
/// nothing for such a piece).
///
///     let model = WordLevelModel(vocab: ["<unk>": 0, "the": 1], unkToken: "<unk>")
///     "the" -> [1], "cat" -> [0]
public final class WordLevelModel: TokenModel, @unchecked Sendable {
    public static let typeName = "WordLevel"

    public let vocab: Vocabulary
    public let unkToken: String
    public let unkID: Int32?
    /// Piece bytes -> id, so tokenising never builds a String.
    private var index: ByteStringCounter

    /// Canonically-equivalent tokens ("K" and "K") cannot both be keys of a `[String: Int32]`;
    /// pass such vocabularies as a `Vocabulary`.
    public convenience init(vocab: [String: Int32], unkToken: String = "<unk>") {
        self.init(vocab: Vocabulary(vocab), unkToken: unkToken)
    }

    public init(vocab: Vocabulary, unkToken: String = "<unk>") {
        self.vocab = vocab
        self.unkToken = unkToken
        unkID = vocab[unkToken]
        var index = ByteStringCounter(capacity: vocab.count)
        for (token, id) in vocab.entries where id >= 0 { index.add(token.utf8, count: Int(id)) }
        self.index = index
    }

    public var vocabularySize: Int { vocab.count }
    public func id(forToken token: String) -> Int32? { vocab[token] }
    public func token(forID id: Int32) -> String? { vocab.token(forID: id) }

    public func tokenize(_ piece: UnsafeBufferPointer<UInt8>, into output: inout TokenBuffer) {
        if let id = index.value(of: UnsafeRawBufferPointer(piece)) {
            output.append(id: Int32(id), start: 0, end: piece.count)
        } else if let unkID {
            output.append(id: unkID, start: 0, end: piece.count)
        }
    }

    // MARK: tokenizer.json

    public convenience init(json: JSONValue) throws {
        func fail(_ why: String) -> TokenizerError { .invalidArgument("WordLevel model: \(why)") }
        if let type = json["type"], type.stringValue != Self.typeName { throw fail("expected \"type\": \"WordLevel\"") }
        guard let pairs = json["vocab"]?.objectValue else { throw fail("missing \"vocab\" object") }
        var vocab = Vocabulary()
        for (token, value) in pairs {
            guard let id = value.intValue, id >= 0, id <= Int(Int32.max) else {
                throw fail("vocab id of \"\(token)\" is not a non-negative integer")
            }
            vocab.insert(token, id: Int32(id))
        }
        self.init(vocab: vocab, unkToken: json["unk_token"]?.stringValue ?? "<unk>")
    }

    public var json: JSONValue {
        .object([
            ("type", .string(Self.typeName)),
            ("vocab", .object(vocab.entries.map { ($0.token, .int(Int($0.id))) })),
            ("unk_token", .string(unkToken)),
        ])
    }
}
