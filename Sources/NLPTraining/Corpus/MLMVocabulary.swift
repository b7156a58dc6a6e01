import NLPTokenizers

/// What masked-LM pretraining needs to know about a vocabulary: its size, the ids of the
/// special tokens it packs and masks with, which ids are special (never masked, never drawn as
/// random replacements) and which are word continuations (for whole-word masking).
///
/// Specials are found by name, BERT's first, then RoBERTa's / XLNet's spelling:
///
///     [CLS] or <s> or <cls>    sequence start
///     [SEP] or </s> or <sep>   sequence end and paragraph separator
///     [MASK] or <mask>         the mask token (required)
///     [PAD] or <pad>           padding (optional)
///     [UNK] or <unk>           unknown (optional; never masked: predicting it teaches nothing)
///
/// A token is a continuation when it starts with WordPiece's `##`: "playing" -> "play",
/// "##ing", so whole-word masking masks both or neither.
public struct MLMVocabulary: Sendable, Equatable {
    public let size: Int
    public let cls: Int32
    public let sep: Int32
    public let mask: Int32
    public let pad: Int32?
    public let unk: Int32?
    /// isSpecial[id]: never masked, never a random replacement.
    public let isSpecial: [Bool]
    /// isContinuation[id]: a `##` piece that belongs to the word before it.
    public let isContinuation: [Bool]

    /// Builds the table from `token(id)` for ids 0..<size; `special` lists extra ids to protect
    /// (for example every added special token of a tokenizer.json).
    public init(size: Int, token: (Int32) -> String?, special extra: [Int32] = [], continuationPrefix: String = "##") throws {
        guard size > 0 else { throw CorpusError("vocabulary: empty") }
        var byName: [String: Int32] = [:]
        var continuation = [Bool](repeating: false, count: size)
        for id in 0..<Int32(size) {
            guard let t = token(id) else { continue }
            if byName[t] == nil { byName[t] = id }
            if !continuationPrefix.isEmpty && t.hasPrefix(continuationPrefix) && t.count > continuationPrefix.count {
                continuation[Int(id)] = true
            }
        }
        func find(_ names: [String]) -> Int32? { names.lazy.compactMap { byName[$0] }.first }
        guard let cls = find(["[CLS]", "<s>", "<cls>"]) else { throw CorpusError("vocabulary: no sequence-start token ([CLS] or <s>)") }
        guard let sep = find(["[SEP]", "</s>", "<sep>"]) else { throw CorpusError("vocabulary: no separator token ([SEP] or </s>)") }
        guard let mask = find(["[MASK]", "<mask>"]) else { throw CorpusError("vocabulary: no mask token ([MASK] or <mask>); masked-LM pretraining needs one") }
        let pad = find(["[PAD]", "<pad>"]), unk = find(["[UNK]", "<unk>"])
        var special = [Bool](repeating: false, count: size)
        for id in [cls, sep, mask] + [pad, unk].compactMap({ $0 }) + extra where id >= 0 && Int(id) < size {
            special[Int(id)] = true
        }
        guard special.contains(false) else { throw CorpusError("vocabulary: every token is special") }
        self.size = size
        self.cls = cls
        self.sep = sep
        self.mask = mask
        self.pad = pad
        self.unk = unk
        isSpecial = special
        isContinuation = continuation
    }

    /// The vocabulary of a tokenizer (model vocabulary plus added tokens; added special tokens
    /// are protected).
    public init(_ tokenizer: Tokenizer) throws {
        let added = tokenizer.addedVocabulary.tokens
        let size = max(tokenizer.vocabularySize(withAddedTokens: true), Int(added.map(\.id).max() ?? -1) + 1)
        try self.init(size: size, token: { tokenizer.idToToken($0) }, special: added.filter(\.special).map(\.id))
    }
}
