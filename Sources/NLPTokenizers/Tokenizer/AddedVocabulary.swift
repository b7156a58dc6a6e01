import NLPUnicode

/// The added tokens of a tokenizer and how they cut the input (HF `AddedVocabulary`).
///
/// Added tokens are found first, so a model never splits them: tokens with `normalized: false`
/// are matched in the raw input, the others in each normalised remainder. What is left between
/// matches goes through pre-tokenizer and model as usual.
///
///     "[CLS] hello [SEP]" -> [CLS] | " hello " | [SEP]
public struct AddedVocabulary: Sendable {
    public private(set) var tokens: [AddedToken] = []
    private var indexByContent: [String: Int] = [:]
    private var indexByID: [Int32: Int] = [:]
    /// Normalised content of tokens with `normalized: true`, by id: what HF decodes them to.
    private var normalizedContent: [Int32: String] = [:]
    private var rawTrie = TokenTrie()
    private var normalizedTrie = TokenTrie()

    public init(_ tokens: [AddedToken] = [], normalizer: (any Normalizer)? = nil) {
        for token in tokens { insert(token) }
        refresh(normalizer: normalizer)
    }

    private mutating func insert(_ token: AddedToken) {
        if let existing = indexByContent[token.content] {
            tokens[existing] = token
        } else {
            indexByContent[token.content] = tokens.count
            tokens.append(token)
        }
        indexByID[token.id] = indexByContent[token.content]
    }

    /// Adds tokens (those already present are updated). A token the model knows keeps the model's
    /// id; a new one gets the next free id after the model vocabulary and the added tokens.
    public mutating func add(_ contents: [(content: String, special: Bool)], model: any TokenModel,
                             normalizer: (any Normalizer)?) -> Int {
        var added = 0
        for (content, special) in contents where !content.isEmpty {
            if let i = indexByContent[content] {
                tokens[i].special = tokens[i].special || special
                continue
            }
            let next = Int32(max(model.vocabularySize, Int(tokens.map(\.id).max() ?? -1) + 1))
            insert(AddedToken(id: model.id(forToken: content) ?? next, content: content, special: special))
            added += 1
        }
        refresh(normalizer: normalizer)
        return added
    }

    /// Rebuilds the matchers; normalised tokens are matched in their normalised form.
    public mutating func refresh(normalizer: (any Normalizer)?) {
        rawTrie = TokenTrie()
        normalizedTrie = TokenTrie()
        normalizedContent = [:]
        for (index, token) in tokens.enumerated() {
            if token.normalized {
                var text = NormalizedText(token.content)
                normalizer?.normalize(&text)
                normalizedTrie.insert(text.bytes, value: Int32(index))
                normalizedContent[token.id] = text.string
            } else {
                rawTrie.insert(Array(token.content.utf8), value: Int32(index))
            }
        }
    }

    public func token(forID id: Int32) -> AddedToken? { indexByID[id].map { tokens[$0] } }
    /// The text `decode` gives for an added token: its content, normalised if it is matched normalised.
    public func decodedContent(forID id: Int32) -> String? {
        guard let token = token(forID: id) else { return nil }
        return normalizedContent[id] ?? token.content
    }
    public func token(forContent content: String) -> AddedToken? { indexByContent[content].map { tokens[$0] } }
    public var isEmpty: Bool { tokens.isEmpty }
    var hasNormalizedTokens: Bool { !normalizedTrie.isEmpty }
    var hasRawTokens: Bool { !rawTrie.isEmpty }

    /// A run of input: either an added token (`token` set) or text for the rest of the pipeline.
    struct Split {
        var range: Range<Int>
        var token: AddedToken?
    }

    func splitRaw(_ bytes: UnsafeBufferPointer<UInt8>) -> [Split] { split(bytes, trie: rawTrie) }
    /// False when no raw added token can occur in `bytes` (no byte starts one).
    func rawMayMatch(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { rawTrie.mayMatch(in: bytes) }
    func normalizedMayMatch(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { normalizedTrie.mayMatch(in: bytes) }
    func splitNormalized(_ bytes: UnsafeBufferPointer<UInt8>) -> [Split] { split(bytes, trie: normalizedTrie) }

    /// HF's `find_matches`: applies single_word, lstrip and rstrip to each trie match.
    private func split(_ bytes: UnsafeBufferPointer<UInt8>, trie: TokenTrie) -> [Split] {
        let matches = trie.matches(in: bytes)
        if matches.isEmpty { return [Split(range: 0..<bytes.count, token: nil)] }
        var splits: [Split] = []
        var consumed = 0
        for (range, index) in matches {
            let token = tokens[Int(index)]
            var start = range.lowerBound
            var stop = range.upperBound
            if token.singleWord {
                let wordBefore = start > 0 && Self.isWordCharacter(Self.scalar(before: start, in: bytes))
                let wordAfter = stop < bytes.count && Self.isWordCharacter(UTF8Decoding.decode(bytes, at: stop).0)
                if wordBefore || wordAfter { continue }
            }
            if token.lstrip {
                var s = start
                while s > 0 {
                    let scalar = Self.scalar(before: s, in: bytes)
                    guard scalar.properties.isWhitespace else { break }
                    s -= UTF8.width(scalar)
                }
                start = max(s, consumed)
            }
            if token.rstrip {
                while stop < bytes.count {
                    let (scalar, length) = UTF8Decoding.decode(bytes, at: stop)
                    guard scalar.properties.isWhitespace else { break }
                    stop += length
                }
            }
            if start < consumed { continue }  // overlaps what an rstrip already took
            if consumed < start { splits.append(Split(range: consumed..<start, token: nil)) }
            splits.append(Split(range: start..<stop, token: token))
            consumed = stop
        }
        if consumed < bytes.count { splits.append(Split(range: consumed..<bytes.count, token: nil)) }
        return splits
    }

    private static func scalar(before end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        var start = end - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return UTF8Decoding.decode(bytes, at: start).0
    }

    /// Regex `\w`: letters, marks, decimal digits, connector punctuation.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        if scalar.properties.isAlphabetic { return true }
        let category = CodePoint.category(scalar)
        return category.isMark || category == .decimalNumber || category == .connectorPunctuation
    }
}
