/// Opening a tokenizer from whatever vocabulary file the user has, picking the format from the
/// file itself (name and first bytes), so `nlp tokenize --vocab PATH` just works:
///
///     tokenizer.json          Hugging Face, complete pipeline
///     vocab.txt               BERT WordPiece, uncased BERT pipeline around it
///     vocab.json              GPT-2 byte-level BPE (merges.txt must sit beside it)
///     *.tiktoken              tiktoken ranks; the split pattern comes from `pattern`
extension Tokenizer {
    /// The split pattern for files that carry none (tiktoken): "gpt2" (default), "cl100k",
    /// "o200k", or a regular expression.
    public static func load(path: String, pattern: String? = nil) throws -> Tokenizer {
        let bytes = try TokenizerFile.read(path)
        func fail(_ why: String) -> TokenizerError { .invalidFile(path: path, reason: why) }
        if bytes.isEmpty { throw fail("empty vocabulary file") }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        do {
            if name.hasSuffix(".tiktoken") { return try TokenizerFormats.tiktoken(bytes, path: path, pattern: pattern) }
            if let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == UInt8(ascii: "{") {
                let json: JSONValue
                do { json = try JSONValue.parse(bytes) } catch { throw fail("corrupt JSON (\(error))") }
                if json["model"] != nil { return try Tokenizer(json: json) }
                if let pairs = json.objectValue, !pairs.isEmpty, pairs.allSatisfy({ $0.1.intValue != nil }) {
                    return try TokenizerFormats.gpt2(vocab: json, path: path)
                }
                throw fail("JSON that is neither a tokenizer.json nor a GPT-2 vocab.json")
            }
            if bytes.starts(with: Array("#version".utf8)) {
                throw fail("this is a merges.txt; pass the vocab.json beside it")
            }
            if bytes.contains(0) { throw fail("not a vocabulary file (binary data)") }
            if TokenizerFormats.looksLikeTiktoken(bytes) {
                return try TokenizerFormats.tiktoken(bytes, path: path, pattern: pattern)
            }
            if name.hasSuffix(".txt") || TokenizerFormats.looksLikeBertVocab(bytes) {
                return try Tokenizer.bert(vocab: try BertVocabFile.parse(bytes, path: path))
            }
            throw fail("unknown vocabulary format (expected tokenizer.json, vocab.txt, vocab.json + merges.txt or *.tiktoken)")
        } catch let error as TokenizerError {
            if case .invalidFile = error { throw error }
            throw fail(error.description)
        }
    }

    /// The standard uncased BERT pipeline around a WordPiece vocabulary, as HF's
    /// `BertTokenizerFast(vocab.txt)` builds it.
    public static func bert(vocab: [String: Int32], lowercase: Bool = true) throws -> Tokenizer {
        try bert(vocab: Vocabulary(vocab), lowercase: lowercase)
    }

    public static func bert(vocab: Vocabulary, lowercase: Bool = true) throws -> Tokenizer {
        guard let cls = vocab["[CLS]"], let sep = vocab["[SEP]"] else {
            throw TokenizerError.invalidArgument("a BERT vocab.txt needs [CLS] and [SEP]")
        }
        let model = WordPieceModel(vocab: vocab)
        let specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].compactMap { token in
            vocab[token].map { AddedToken(id: $0, content: token, special: true) }
        }.sorted { $0.id < $1.id }
        return Tokenizer(model: model, normalizer: BertNormalizer(lowercase: lowercase), preTokenizer: BertPreTokenizer(),
                         postProcessor: try TemplateProcessing(single: "[CLS]:0 $A:0 [SEP]:0", pair: "[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1",
                                                               specialTokens: [("[CLS]", cls), ("[SEP]", sep)]),
                         decoder: WordPieceDecoder(), addedTokens: specials)
    }
}

enum TokenizerFormats {
    /// Every non-empty line is one token with no inner space: BERT's vocab.txt.
    static func looksLikeBertVocab(_ bytes: [UInt8]) -> Bool {
        var sawLine = false
        for line in bytes.prefix(1 << 16).split(separator: 0x0A) {
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            if trimmed.contains(0x20) { return false }
            sawLine = true
        }
        return sawLine
    }

    /// "base64 rank" on the first line.
    static func looksLikeTiktoken(_ bytes: [UInt8]) -> Bool {
        let line = bytes.prefix { $0 != 0x0A }
        let parts = line.split(separator: 0x20)
        guard parts.count == 2, parts[1].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return parts[0].allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2F || $0 == 0x3D }
    }

    /// tiktoken ranks: byte-level BPE with the named split pattern, no prefix space, no
    /// special tokens (tiktoken's `encode_ordinary`).
    static func tiktoken(_ bytes: [UInt8], path: String, pattern: String?) throws -> Tokenizer {
        let preTokenizer = try splitPattern(pattern ?? "gpt2")
        let model = try BPEModel.parseTiktoken(bytes, path: path)
        guard model.unitsComplete else {
            // tiktoken itself cannot encode a byte without a rank: refuse rather than drop text.
            let missing = (0..<256).filter { model.vocab[GPT2ByteMapping.character(for: UInt8($0))] == nil }.count
            throw TokenizerError.invalidFile(path: path, reason: "tiktoken ranks must give every one of the 256 bytes a rank (\(missing) missing)")
        }
        return Tokenizer(model: model, preTokenizer: preTokenizer, decoder: ByteLevelDecoder(addPrefixSpace: false))
    }

    static func splitPattern(_ pattern: String) throws -> any PreTokenizer {
        do { return try SplitPatterns.preTokenizer(named: pattern) } catch {
            throw TokenizerError.invalidArgument("--pattern \(pattern): \(error)")
        }
    }

    /// GPT-2's vocab.json + merges.txt, as HF's `GPT2TokenizerFast` sets it up.
    static func gpt2(vocab: JSONValue, path: String) throws -> Tokenizer {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let merges = directory + "/merges.txt"
        guard (try? LineReader.checkReadable(merges)) != nil else {
            throw TokenizerError.invalidFile(path: path, reason: "a GPT-2 vocab.json needs merges.txt beside it (\(merges) is missing)")
        }
        let model = try BPEModel.loadGPT2(vocabPath: path, mergesPath: merges)
        let specials = ["<|endoftext|>"].compactMap { token in model.id(forToken: token).map { AddedToken(id: $0, content: token, special: true) } }
        return Tokenizer(model: model, preTokenizer: ByteLevelPreTokenizer(addPrefixSpace: false),
                         postProcessor: ByteLevelPostProcessor(addPrefixSpace: true, trimOffsets: false),
                         decoder: ByteLevelDecoder(), addedTokens: specials)
    }
}
