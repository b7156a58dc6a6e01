/// Turns WordPiece tokens back into text (HF decoder "WordPiece"): a token with the prefix glues
/// onto the one before, any other token starts a new word; `cleanup` then undoes BERT's spaces
/// before punctuation and in contractions, one token (with its leading space) at a time, as HF does.
///
///     ["un", "##aff", "##able", ",", "it", "'s", "."] -> "unaffable, it's."
public struct WordPieceDecoder: Decoder, Equatable {
    public static let typeName = "WordPiece"

    public var prefix: String
    public var cleanup: Bool

    public init(prefix: String = "##", cleanup: Bool = true) {
        self.prefix = prefix
        self.cleanup = cleanup
    }

    public func decode(_ tokens: [String]) -> String {
        var text = ""
        for (n, token) in tokens.enumerated() {
            var piece = token
            if n != 0 {
                if !prefix.isEmpty, piece.hasPrefix(prefix) {
                    piece = String(piece.dropFirst(prefix.count))
                } else if prefix.isEmpty {
                    // an empty prefix matches every token, and removing it changes nothing (as in HF)
                } else {
                    piece = " " + piece
                }
            }
            if cleanup { piece = Self.cleanup(piece) }
            text += piece
        }
        return text
    }

    /// HF's `cleanup`, one replacement after another in its order.
    public static func cleanup(_ text: String) -> String {
        var s = text
        for (from, to) in [(" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"),
                           (" 'm", "'m"), (" do not", " don't"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re")] {
            s = replacingAll(s, from, to)
        }
        return s
    }

    /// Non-overlapping left-to-right replacement on bytes (Rust's `str::replace`).
    static func replacingAll(_ s: String, _ from: String, _ to: String) -> String {
        let bytes = Array(s.utf8), pattern = Array(from.utf8)
        guard bytes.count >= pattern.count else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var changed = false
        while i < bytes.count {
            if i + pattern.count <= bytes.count && bytes[i] == pattern[0]
                && bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
                out.append(contentsOf: to.utf8)
                i += pattern.count
                changed = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : s
    }

    public init(json: JSONValue) throws {
        guard json["type"]?.stringValue == Self.typeName else {
            throw TokenizerError.invalidArgument("WordPiece decoder: expected \"type\": \"\(Self.typeName)\"")
        }
        prefix = json["prefix"]?.stringValue ?? "##"
        cleanup = json["cleanup"]?.boolValue ?? true
    }

    public var json: JSONValue {
        .object([("type", .string(Self.typeName)), ("prefix", .string(prefix)), ("cleanup", .bool(cleanup))])
    }
}
