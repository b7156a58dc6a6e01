/// The stages of a tokenizer, as in Hugging Face `tokenizers`:
///
///     text -> Normalizer -> PreTokenizer -> TokenModel -> PostProcessor -> Encoding
///     ids  -> TokenModel (id -> token) -> Decoder -> text
///
/// Every stage works on UTF-8 bytes and is serialisable to and from its `tokenizer.json` object
/// (`JSONConvertible`). Offsets are UTF-8 byte offsets into the caller's original text.

/// A normaliser rewrites text, keeping for every output byte the original bytes it came from.
public protocol Normalizer: Sendable, JSONConvertible {
    func normalize(_ text: inout NormalizedText)
}

/// A pre-tokenizer cuts normalised text into pieces that the model tokenises independently.
public protocol PreTokenizer: Sendable, JSONConvertible {
    /// Appends the byte ranges of the pieces of `text` that lie inside `range`, in order.
    /// Bytes that belong to no piece (for example whitespace that BERT drops) are skipped.
    func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>])
}

/// A subword model turns one piece into ids. Token strings are made only on request.
public protocol TokenModel: AnyObject, Sendable, JSONConvertible {
    /// Appends the tokens of `piece`; offsets in `output` are relative to `piece`'s first byte.
    func tokenize(_ piece: UnsafeBufferPointer<UInt8>, into output: inout TokenBuffer)
    func id(forToken token: String) -> Int32?
    func token(forID id: Int32) -> String?
    var vocabularySize: Int { get }
}

/// Adds special tokens (`[CLS] A [SEP] B [SEP]`, `<s> A </s>`) and type ids to finished encodings.
public protocol PostProcessor: Sendable, JSONConvertible {
    /// How many tokens `process` adds, so truncation can leave room for them.
    func addedTokenCount(isPair: Bool) -> Int
    func process(_ first: Encoding, pair: Encoding?) -> Encoding
}

/// Turns token strings back into text (undoing byte-level mapping, `##` prefixes, `</w>` suffixes).
public protocol Decoder: Sendable, JSONConvertible {
    func decode(_ tokens: [String]) -> String
}

/// Tokens appended by a model: parallel arrays, so the hot path allocates nothing per token.
public struct TokenBuffer: Sendable {
    public var ids: [Int32] = []
    public var starts: [Int32] = []
    public var ends: [Int32] = []

    public init() {}

    @inline(__always)
    public mutating func append(id: Int32, start: Int, end: Int) {
        ids.append(id)
        starts.append(Int32(truncatingIfNeeded: start))
        ends.append(Int32(truncatingIfNeeded: end))
    }

    public mutating func removeAll() {
        ids.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    public var count: Int { ids.count }
}

/// The result of encoding one text (or a pair), shaped like Hugging Face's `Encoding`.
public struct Encoding: Sendable, Equatable {
    public var ids: [Int32]
    public var tokens: [String]
    /// UTF-8 byte range of each token in the original text; (0, 0) for added special tokens.
    public var offsets: [Range<Int>]
    public var typeIDs: [Int32]
    public var attentionMask: [Int32]
    public var specialTokensMask: [Int32]
    /// Which input (0 = first, 1 = pair) each token came from; nil for special tokens.
    public var sequenceIDs: [Int?]
    /// What truncation cut off, as further encodings of the same length (HF's `overflowing`).
    public var overflowing: [Encoding]

    public init(ids: [Int32] = [], tokens: [String] = [], offsets: [Range<Int>] = [],
                typeIDs: [Int32]? = nil, attentionMask: [Int32]? = nil,
                specialTokensMask: [Int32]? = nil, sequenceIDs: [Int?]? = nil,
                overflowing: [Encoding] = []) {
        self.ids = ids
        self.tokens = tokens
        self.offsets = offsets
        self.typeIDs = typeIDs ?? Array(repeating: 0, count: ids.count)
        self.attentionMask = attentionMask ?? Array(repeating: 1, count: ids.count)
        self.specialTokensMask = specialTokensMask ?? Array(repeating: 0, count: ids.count)
        self.sequenceIDs = sequenceIDs ?? Array(repeating: 0, count: ids.count)
        self.overflowing = overflowing
    }

    public var count: Int { ids.count }
}

/// Errors a user can cause with a bad file or bad arguments; each prints as one clear line.
public enum TokenizerError: Error, CustomStringConvertible, Equatable {
    case invalidFile(path: String, reason: String)
    case unsupported(String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidFile(let path, let reason): return "\(path): \(reason)"
        case .unsupported(let what): return "unsupported: \(what)"
        case .invalidArgument(let what): return what
        }
    }
}
