/// The WordPiece model (HF "WordPiece", BERT): greedy longest-match-first over a word, pieces after
/// the first spelled with the continuing-subword prefix.
///
///     vocab {"un", "##aff", "##able"}:  "unaffable" -> "un" "##aff" "##able"
///     a word any part of which matches nothing -> one "[UNK]" for the whole word
///     a word longer than max_input_chars_per_word characters -> "[UNK]"
public final class WordPieceModel: TokenModel, @unchecked Sendable {
    public static let typeName = "WordPiece"

    public let unkToken: String
    public let continuingSubwordPrefix: String
    public let maxInputCharsPerWord: Int
    /// token -> id, as in the file (a token listed twice keeps the last id, as in HF).
    public let vocab: Vocabulary
    /// Every token, for the first piece of a word.
    let wordStarts: ByteSliceTable
    /// Tokens that begin with the prefix, with the prefix removed, for the following pieces.
    let continuations: ByteSliceTable
    /// nil when the vocabulary lacks `unkToken` (HF then fails on an unknown word; we emit nothing).
    public let unkID: Int32?

    /// Canonically-equivalent tokens ("K" and "K") cannot both be keys of a `[String: Int32]`;
    /// pass such vocabularies as a `Vocabulary`.
    public convenience init(vocab: [String: Int32], unkToken: String = "[UNK]", continuingSubwordPrefix: String = "##",
                            maxInputCharsPerWord: Int = 100) {
        self.init(vocab: Vocabulary(vocab), unkToken: unkToken, continuingSubwordPrefix: continuingSubwordPrefix,
                  maxInputCharsPerWord: maxInputCharsPerWord)
    }

    public init(vocab: Vocabulary, unkToken: String = "[UNK]", continuingSubwordPrefix: String = "##",
                maxInputCharsPerWord: Int = 100) {
        self.vocab = vocab
        self.unkToken = unkToken
        self.continuingSubwordPrefix = continuingSubwordPrefix
        self.maxInputCharsPerWord = maxInputCharsPerWord
        var starts: [(key: [UInt8], value: Int32)] = []
        var continued: [(key: [UInt8], value: Int32)] = []
        let prefix = Array(continuingSubwordPrefix.utf8)
        for (token, id) in vocab.entries {
            let bytes = Array(token.utf8)
            starts.append((bytes, id))
            if bytes.count >= prefix.count, bytes.starts(with: prefix) {
                continued.append((Array(bytes[prefix.count...]), id))
            }
        }
        wordStarts = ByteSliceTable(starts)
        continuations = ByteSliceTable(continued)
        unkID = vocab[unkToken]
    }

    public var vocabularySize: Int { vocab.count }
    public func id(forToken token: String) -> Int32? { vocab[token] }
    public func token(forID id: Int32) -> String? { vocab.token(forID: id) }

    public func tokenize(_ piece: UnsafeBufferPointer<UInt8>, into output: inout TokenBuffer) {
        guard let base = piece.baseAddress, piece.count > 0 else { return }
        tokenizeWord(base, piece.count, into: &output)
    }

    /// Tokenises `word[0..<length]` (valid UTF-8), appending tokens with byte offsets relative to
    /// `word`. When a piece matches nothing, the pieces already appended are taken back and the
    /// whole word becomes one unknown token.
    @inline(__always)
    func tokenizeWord(_ word: UnsafePointer<UInt8>, _ length: Int, into output: inout TokenBuffer) {
        var characters = 0
        for i in 0..<length where word[i] & 0xC0 != 0x80 { characters += 1 }
        if characters > maxInputCharsPerWord { appendUnknown(length, &output); return }
        // Whole-word hit: the common case for frequent words.
        let whole = wordStarts.lookup(word, length)
        if whole >= 0 { output.append(id: whole, start: 0, end: length); return }

        let before = output.count
        var start = 0
        while start < length {
            let table = start == 0 ? wordStarts : continuations
            var end = min(length, start + table.maxKeyLength)
            while end < length && end > start && word[end] & 0xC0 == 0x80 { end -= 1 }  // to a character boundary
            var id: Int32 = -1
            while end > start {
                id = table.lookup(word + start, end - start)
                if id >= 0 { break }
                end -= 1
                while end > start && word[end] & 0xC0 == 0x80 { end -= 1 }
            }
            if id < 0 {
                output.ids.removeSubrange(before...)
                output.starts.removeSubrange(before...)
                output.ends.removeSubrange(before...)
                appendUnknown(length, &output)
                return
            }
            output.append(id: id, start: start, end: end)
            start = end
        }
    }

    @inline(__always)
    private func appendUnknown(_ length: Int, _ output: inout TokenBuffer) {
        if let unk = unkID { output.append(id: unk, start: 0, end: length) }
    }

    // MARK: tokenizer.json

    public convenience init(json: JSONValue) throws {
        func fail(_ why: String) -> TokenizerError { .invalidArgument("WordPiece model: \(why)") }
        if let type = json["type"], type.stringValue != Self.typeName { throw fail("expected \"type\": \"WordPiece\"") }
        guard let unk = json["unk_token"]?.stringValue else { throw fail("missing \"unk_token\"") }
        guard let prefix = json["continuing_subword_prefix"]?.stringValue else {
            throw fail("missing \"continuing_subword_prefix\"")
        }
        guard let maxChars = json["max_input_chars_per_word"]?.intValue, maxChars >= 0 else {
            throw fail("missing or negative \"max_input_chars_per_word\"")
        }
        guard let pairs = json["vocab"]?.objectValue else { throw fail("missing \"vocab\" object") }
        var vocab = Vocabulary()
        for (token, value) in pairs {
            guard let id = value.intValue, id >= 0, id <= Int(Int32.max) else {
                throw fail("vocab id of \"\(token)\" is not a non-negative integer")
            }
            vocab.insert(token, id: Int32(id))
        }
        self.init(vocab: vocab, unkToken: unk, continuingSubwordPrefix: prefix, maxInputCharsPerWord: maxChars)
    }

    public var json: JSONValue {
        .object([
            ("type", .string(Self.typeName)),
            ("unk_token", .string(unkToken)),
            ("continuing_subword_prefix", .string(continuingSubwordPrefix)),
            ("max_input_chars_per_word", .int(maxInputCharsPerWord)),
            ("vocab", .object(tokensInIDOrder.map { ($0.token, .int(Int($0.id))) })),
        ])
    }

    /// Tokens sorted by id (the order HF writes vocab.txt and tokenizer.json in).
    public var tokensInIDOrder: [(token: String, id: Int32)] {
        vocab.entries
    }
}
