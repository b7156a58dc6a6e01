/// Hugging Face's "Whitespace" pre-tokenizer: the pieces are the matches of `\w+|[^\w\s]+`
/// (Rust regex, Unicode classes), so runs of word characters and runs of punctuation/symbols
/// become separate pieces and white space is dropped.
///
///     "Hello, world!!  ça va?" -> "Hello" "," "world" "!!" "ça" "va" "?"
public struct WhitespacePreTokenizer: PreTokenizer, Equatable {
    public static let typeName = "Whitespace"

    public init() {}

    public init(json: JSONValue) throws {
        guard json["type"]?.stringValue == Self.typeName else {
            throw TokenizerError.invalidArgument("expected a pre-tokenizer of type \(Self.typeName)")
        }
    }

    public var json: JSONValue { .object([("type", .string(Self.typeName))]) }

    public func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>]) {
        var i = range.lowerBound
        let end = range.upperBound
        var pieceStart = i
        var current = PerlWordClass.space
        while i < end {
            let b = text[i]
            let kind: PerlWordClass
            let length: Int
            if b < 0x80 {
                kind = PerlWordClass.asciiClass(b); length = 1
            } else {
                (kind, length) = PerlWordClass.classify(text, at: i)
            }
            if kind != current {
                if current != .space { pieces.append(pieceStart..<i) }
                current = kind
                pieceStart = i
            }
            i += length
        }
        if current != .space && pieceStart < end { pieces.append(pieceStart..<end) }
    }
}

/// Hugging Face's "WhitespaceSplit" pre-tokenizer: splits on Unicode White_Space only (Rust's
/// `char::is_whitespace`), keeping punctuation attached.
///
///     "Hello, world!!  ça va?" -> "Hello," "world!!" "ça" "va?"
public struct WhitespaceSplitPreTokenizer: PreTokenizer, Equatable {
    public static let typeName = "WhitespaceSplit"

    public init() {}

    public init(json: JSONValue) throws {
        guard json["type"]?.stringValue == Self.typeName else {
            throw TokenizerError.invalidArgument("expected a pre-tokenizer of type \(Self.typeName)")
        }
    }

    public var json: JSONValue { .object([("type", .string(Self.typeName))]) }

    public func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>]) {
        var i = range.lowerBound
        let end = range.upperBound
        var pieceStart = -1
        while i < end {
            let b = text[i]
            let isSpace: Bool
            let length: Int
            if b < 0x80 {
                isSpace = b == 0x20 || (b >= 0x09 && b <= 0x0D); length = 1
            } else {
                let (scalar, n) = UTF8Decoding.decode(text, at: i)
                isSpace = PerlWordClass.isWhiteSpace(scalar.value); length = n
            }
            if isSpace {
                if pieceStart >= 0 { pieces.append(pieceStart..<i); pieceStart = -1 }
            } else if pieceStart < 0 {
                pieceStart = i
            }
            i += length
        }
        if pieceStart >= 0 { pieces.append(pieceStart..<end) }
    }
}
