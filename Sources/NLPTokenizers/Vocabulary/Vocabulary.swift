/// A token's UTF-8 bytes as a dictionary key.
///
/// Swift's `String` compares and hashes by Unicode canonical equivalence, so in a
/// `[String: Int32]` the tokens "K" (U+004B) and "K" (U+212A KELVIN SIGN) are one key, as are
/// "é" (U+00E9) and "e" + U+0301. Hugging Face tokenizers (Rust) and Python compare bytes and
/// keep both. Every vocabulary and merge lookup goes through this key so no token is lost.
public struct TokenKey: Hashable, Sendable {
    public let bytes: [UInt8]
    @inlinable public init(_ token: String) { bytes = Array(token.utf8) }
    @inlinable public init(bytes: [UInt8]) { self.bytes = bytes }
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// A token vocabulary: token -> id looked up by bytes (`TokenKey`), id -> token by index.
///
///     let v = Vocabulary(tokens: ["K", "\u{212A}"])
///     v["K"]           // 0
///     v["\u{212A}"]    // 1 ([String: Int32] would have merged them into one entry)
///
/// A token listed twice keeps its last id, as Hugging Face's maps do; the earlier id then has
/// no token (as in HF's reverse map).
public struct Vocabulary: Sendable, Equatable {
    private var idByKey: [TokenKey: Int32] = [:]
    private var tokenByID: [String?] = []

    public init() {}

    /// Token `i` gets id `i` (vocab.txt, a trainer's output).
    public init(tokens: [String]) {
        idByKey.reserveCapacity(tokens.count)
        tokenByID.reserveCapacity(tokens.count)
        for (id, token) in tokens.enumerated() { insert(token, id: Int32(id)) }
    }

    /// Ordered (token, id) pairs, as a JSON object lists them.
    public init<S: Sequence>(entries: S) where S.Element == (String, Int32) {
        idByKey.reserveCapacity(entries.underestimatedCount)
        for (token, id) in entries { insert(token, id: id) }
    }

    /// From a Swift dictionary. Canonically-equivalent tokens ("K" and "K") cannot both be
    /// keys of a `[String: Int32]`; pass such vocabularies as `init(tokens:)` or `init(entries:)`.
    public init(_ dictionary: [String: Int32]) {
        self.init(entries: dictionary.sorted { $0.value < $1.value }.lazy.map { ($0.key, $0.value) })
    }

    /// Sets `token`'s id (replacing an earlier id for the same bytes). Negative ids are kept
    /// for lookup but have no reverse entry.
    public mutating func insert(_ token: String, id: Int32) {
        let key = TokenKey(token)
        if let old = idByKey[key], old != id, old >= 0, Int(old) < tokenByID.count,
           let t = tokenByID[Int(old)], TokenKey(t) == key {
            tokenByID[Int(old)] = nil
        }
        idByKey[key] = id
        guard id >= 0 else { return }
        if Int(id) >= tokenByID.count { tokenByID.append(contentsOf: repeatElement(nil, count: Int(id) + 1 - tokenByID.count)) }
        tokenByID[Int(id)] = token
    }

    @inlinable public subscript(token: String) -> Int32? { id(of: TokenKey(token)) }
    public func id(of key: TokenKey) -> Int32? { idByKey[key] }
    public func id(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int32? { idByKey[TokenKey(bytes: Array(bytes))] }
    public func token(forID id: Int32) -> String? {
        id >= 0 && Int(id) < tokenByID.count ? tokenByID[Int(id)] : nil
    }
    public func contains(_ token: String) -> Bool { self[token] != nil }

    /// Number of distinct tokens (by bytes).
    public var count: Int { idByKey.count }
    public var isEmpty: Bool { idByKey.isEmpty }
    /// Largest id, or -1 when empty.
    public var maxID: Int32 { idByKey.values.max() ?? -1 }
    public var minID: Int32? { idByKey.values.min() }

    /// Every (token, id), in id order: the order Hugging Face writes vocab.txt and tokenizer.json in.
    /// Tokens with negative ids come first.
    public var entries: [(token: String, id: Int32)] {
        var out: [(token: String, id: Int32)] = []
        out.reserveCapacity(idByKey.count)
        for (key, id) in idByKey where id < 0 { out.append((key.string, id)) }
        out.sort { $0.id < $1.id }
        for (id, token) in tokenByID.enumerated() {
            if let token, idByKey[TokenKey(token)] == Int32(id) { out.append((token, Int32(id))) }
        }
        return out
    }

    /// The tokens in id order.
    public var tokens: [String] { entries.map(\.token) }

    /// As a Swift dictionary. Lossy: canonically-equivalent tokens collapse into one key.
    public var dictionary: [String: Int32] {
        var d: [String: Int32] = [:]
        for (token, id) in entries { d[token] = id }
        return d
    }

    public static func == (a: Vocabulary, b: Vocabulary) -> Bool { a.idByKey == b.idByKey }
}

/// `["K": 0, "\u{212A}": 1]` as a `Vocabulary` keeps both entries (a `[String: Int32]` literal
/// would trap on the "duplicate" key).
extension Vocabulary: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral entries: (String, Int32)...) { self.init(entries: entries) }
}
