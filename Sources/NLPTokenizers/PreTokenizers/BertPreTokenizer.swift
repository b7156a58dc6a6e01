/// BERT's pre-tokenizer (HF "BertPreTokenizer"): split on white space (dropped), and make every
/// punctuation character a piece of its own.
///
///     "Hey friend!  How?!" -> "Hey" "friend" "!" "How" "?" "!"
///
/// Punctuation is BERT's: every ASCII symbol ("$", "+", "^" too, though Unicode calls them S*)
/// plus the Unicode P* categories, as Hugging Face's tables have them (`BertCharacters`).
public struct BertPreTokenizer: PreTokenizer, Equatable {
    public static let typeName = "BertPreTokenizer"

    public init() {}

    public func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>]) {
        var wordStart = -1
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let (cp, length) = SafeUTF8.decode(text, at: i, end: end)
            let flags = BertCharacters.flags(cp)
            if flags & (BertCharacters.whitespace | BertCharacters.punctuation) == 0 {
                if wordStart < 0 { wordStart = i }
            } else {
                if wordStart >= 0 { pieces.append(wordStart..<i); wordStart = -1 }
                if flags & BertCharacters.whitespace == 0 { pieces.append(i..<(i + length)) }
            }
            i += length
        }
        if wordStart >= 0 { pieces.append(wordStart..<end) }
    }

    public init(json: JSONValue) throws {
        guard json["type"]?.stringValue == Self.typeName else {
            throw TokenizerError.invalidArgument("BertPreTokenizer: expected \"type\": \"\(Self.typeName)\"")
        }
    }

    public var json: JSONValue { .object([("type", .string(Self.typeName))]) }
}

/// UTF-8 decoding that never reads past `end`: a malformed or truncated sequence is one U+FFFD
/// per byte, so bad input costs a wrong token, never a crash.
enum SafeUTF8 {
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard i + k < end else { return nil }
            let b = bytes[i + k]
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b0 >= 0xC2 && b0 < 0xE0, let c1 = cont(1) {
            return ((b0 & 0x1F) << 6 | c1, 2)
        }
        if b0 >= 0xE0 && b0 < 0xF0, let c1 = cont(1), let c2 = cont(2) {
            let v = (b0 & 0x0F) << 12 | c1 << 6 | c2
            if v >= 0x800 && !(0xD800...0xDFFF).contains(v) { return (v, 3) }
        }
        if b0 >= 0xF0 && b0 < 0xF5, let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
            let v = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            if v >= 0x10000 && v <= 0x10FFFF { return (v, 4) }
        }
        return (0xFFFD, 1)
    }
}
