/// The standard BERT pipeline (BertNormalizer -> BertPreTokenizer -> WordPiece) fused into one
/// pass over UTF-8 bytes: no NormalizedText, no piece list, no Strings. Each character is read
/// once, looked up in a per-configuration table (`BertCharTable`), and either ends the current
/// word, becomes a piece of its own, or appends its normalised bytes to the word; a finished word
/// goes straight to the vocabulary's byte-slice tables. Ids and offsets equal the general path's
/// (a test checks every reference line).
///
///     let encoder = BertWordPieceEncoder(normalizer: BertNormalizer(), model: model)
///     var tokens = TokenBuffer()
///     line.withUnsafeBufferPointer { encoder.encode($0, into: &tokens) }
///     // tokens.ids, tokens.starts/ends = UTF-8 byte offsets into `line`
public final class BertWordPieceEncoder: @unchecked Sendable {
    public let normalizer: BertNormalizer
    public let model: WordPieceModel
    let table: BertCharTable

    public init(normalizer: BertNormalizer, model: WordPieceModel) {
        self.normalizer = normalizer
        self.model = model
        table = BertCharTable.shared(for: normalizer)
    }

    /// Appends the tokens of `bytes` (UTF-8; malformed bytes read as U+FFFD) to `output`, with
    /// offsets into `bytes`. Thread-safe: all state lives in locals.
    public func encode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout TokenBuffer) {
        guard let text = bytes.baseAddress, bytes.count > 0 else { return }
        var word = WordBuilder(maxCharacters: model.maxInputCharsPerWord)
        defer { word.deallocate() }
        let kinds = table.kinds, outputs = table.outputs, arena = table.arenaBase
        let n = bytes.count
        var i = 0
        var scalars: [UInt32] = []
        while i < n {
            let b = text[i]
            if b < 0x80 {
                // ASCII: one table read; the output byte is the (lowercased) input byte.
                switch kinds[Int(b)] {
                case BertCharTable.Kind.word.rawValue:
                    word.appendAligned(arena[Int(outputs[Int(b)] >> 8)], at: i)
                case BertCharTable.Kind.space.rawValue:
                    flush(&word, &output)
                case BertCharTable.Kind.isolated.rawValue:
                    flush(&word, &output)
                    word.appendAligned(arena[Int(outputs[Int(b)] >> 8)], at: i)
                    flush(&word, &output)
                default:
                    break  // skip
                }
                i += 1
                continue
            }
            let (cp, length) = SafeUTF8.decode(bytes, at: i, end: n)
            var kind: UInt8
            var out: UnsafePointer<UInt8>
            var outLength: Int
            if cp < 0x10000 {
                kind = kinds[Int(cp)]
                let o = outputs[Int(cp)]
                out = UnsafePointer(arena + Int(o >> 8))
                outLength = Int(o & 0xFF)
            } else {
                kind = BertCharTable.classify(cp, normalizer, &scalars).rawValue
                out = UnsafePointer(arena)
                outLength = 0
            }
            if cp >= 0x10000 && kind != BertCharTable.Kind.skip.rawValue && kind != BertCharTable.Kind.space.rawValue {
                // Astral characters are rare: handle them scalar by scalar, without the table.
                if kind == BertCharTable.Kind.isolated.rawValue { flush(&word, &output) }
                for s in scalars {
                    let f = BertCharacters.flags(s)
                    if kind != BertCharTable.Kind.isolated.rawValue && f & BertCharacters.whitespace != 0 {
                        flush(&word, &output)
                    } else if kind != BertCharTable.Kind.isolated.rawValue && f & BertCharacters.punctuation != 0 {
                        flush(&word, &output)
                        word.appendScalar(s, from: i, to: i + length)
                        flush(&word, &output)
                    } else {
                        word.appendScalar(s, from: i, to: i + length)
                    }
                }
                if kind == BertCharTable.Kind.isolated.rawValue { flush(&word, &output) }
                i += length
                continue
            }
            switch kind {
            case BertCharTable.Kind.word.rawValue:
                word.appendAligned(out, outLength, at: i)
            case BertCharTable.Kind.wordRemapped.rawValue:
                word.appendRemapped(out, outLength, from: i, to: i + length)
            case BertCharTable.Kind.space.rawValue:
                flush(&word, &output)
            case BertCharTable.Kind.isolated.rawValue:
                flush(&word, &output)
                word.appendRemapped(out, outLength, from: i, to: i + length)
                flush(&word, &output)
            case BertCharTable.Kind.complex.rawValue:
                var scalarStart = 0
                while scalarStart < outLength {
                    let (s, sLength) = SafeUTF8.decode(UnsafeBufferPointer(start: out, count: outLength),
                                                       at: scalarStart, end: outLength)
                    let f = BertCharacters.flags(s)
                    if f & BertCharacters.whitespace != 0 {
                        flush(&word, &output)
                    } else if f & BertCharacters.punctuation != 0 {
                        flush(&word, &output)
                        word.appendRemapped(out + scalarStart, sLength, from: i, to: i + length)
                        flush(&word, &output)
                    } else {
                        word.appendRemapped(out + scalarStart, sLength, from: i, to: i + length)
                    }
                    scalarStart += sLength
                }
            default:
                break  // skip
            }
            i += length
        }
        flush(&word, &output)
    }

    /// Tokenises the word collected so far and maps its offsets back to the input.
    @inline(__always)
    private func flush(_ word: inout WordBuilder, _ output: inout TokenBuffer) {
        guard word.characters > 0 else { return }
        defer { word.reset() }
        if word.characters > model.maxInputCharsPerWord {
            if let unk = model.unkID { output.append(id: unk, start: word.firstStart, end: word.lastEnd) }
            return
        }
        let before = output.count
        model.tokenizeWord(word.bytes, word.length, into: &output)
        output.starts.withUnsafeMutableBufferPointer { starts in
            output.ends.withUnsafeMutableBufferPointer { ends in
                if word.isAligned {
                    let base = Int32(truncatingIfNeeded: word.firstStart)
                    for k in before..<starts.count { starts[k] &+= base; ends[k] &+= base }
                } else {
                    for k in before..<starts.count {
                        starts[k] = word.originStart[Int(starts[k])]
                        ends[k] = word.originEnd[Int(ends[k]) - 1]
                    }
                }
            }
        }
    }
}

/// The normalised bytes of the word being read, and where each came from in the input. While
/// every character so far was copied at its own length from consecutive input, the origins are
/// implicit (`isAligned`: byte k came from input byte firstStart + k) and nothing is recorded.
struct WordBuilder {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var originStart: UnsafeMutablePointer<Int32>
    private(set) var originEnd: UnsafeMutablePointer<Int32>
    private var capacity: Int
    private(set) var length = 0
    /// Output characters so far (the model's max_input_chars_per_word counts these).
    private(set) var characters = 0
    private(set) var isAligned = true
    private(set) var firstStart = 0
    private(set) var lastEnd = 0
    let maxCharacters: Int

    init(maxCharacters: Int) {
        self.maxCharacters = maxCharacters
        capacity = 256
        bytes = .allocate(capacity: capacity)
        originStart = .allocate(capacity: capacity)
        originEnd = .allocate(capacity: capacity)
    }

    func deallocate() {
        bytes.deallocate(); originStart.deallocate(); originEnd.deallocate()
    }

    @inline(__always)
    mutating func reset() {
        length = 0
        characters = 0
        isAligned = true
    }

    /// One ASCII byte (already lowercased) from input position `at`.
    @inline(__always)
    mutating func appendAligned(_ byte: UInt8, at position: Int) {
        if characters == 0 { firstStart = position }
        characters += 1
        lastEnd = position + 1
        if characters > maxCharacters { return }  // the word is [UNK]: stop storing it
        if isAligned && firstStart + length != position { breakAlignment() }
        if length == capacity { grow() }
        bytes[length] = byte
        if !isAligned {
            originStart[length] = Int32(truncatingIfNeeded: position)
            originEnd[length] = Int32(truncatingIfNeeded: position + 1)
        }
        length += 1
    }

    /// A character whose output has the input's length, from consecutive input bytes.
    @inline(__always)
    mutating func appendAligned(_ out: UnsafePointer<UInt8>, _ count: Int, at position: Int) {
        if isAligned && characters > 0 && firstStart + length != position { breakAlignment() }
        if isAligned {
            if characters == 0 { firstStart = position }
            characters += 1
            lastEnd = position + count
            if characters > maxCharacters { return }
            while length + count > capacity { grow() }
            (bytes + length).update(from: out, count: count)
            length += count
        } else {
            appendRemapped(out, count, from: position, to: position + count)
        }
    }

    /// Output bytes that all stand for input bytes from..<to.
    @inline(__always)
    mutating func appendRemapped(_ out: UnsafePointer<UInt8>, _ count: Int, from: Int, to: Int) {
        if count == 0 { return }
        if characters == 0 { firstStart = from }
        // Characters in the output (one input character may become several).
        var added = 0
        for k in 0..<count where out[k] & 0xC0 != 0x80 { added += 1 }
        characters += added
        lastEnd = to
        if characters > maxCharacters { return }
        if isAligned { breakAlignment() }
        while length + count > capacity { grow() }
        (bytes + length).update(from: out, count: count)
        for k in length..<(length + count) {
            originStart[k] = Int32(truncatingIfNeeded: from)
            originEnd[k] = Int32(truncatingIfNeeded: to)
        }
        length += count
    }

    mutating func appendScalar(_ scalar: UInt32, from: Int, to: Int) {
        var utf8: [UInt8] = []
        UTF8Decoding.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}", into: &utf8)
        utf8.withUnsafeBufferPointer { appendRemapped($0.baseAddress!, $0.count, from: from, to: to) }
    }

    /// Records the implicit origins of the bytes so far. Offsets are only read at a token's first
    /// byte (a character start) and last byte (a character end), so start k / end k + 1 suffices.
    private mutating func breakAlignment() {
        isAligned = false
        for k in 0..<length {
            originStart[k] = Int32(truncatingIfNeeded: firstStart + k)
            originEnd[k] = Int32(truncatingIfNeeded: firstStart + k + 1)
        }
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        let s = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
        let e = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
        b.update(from: bytes, count: length)
        s.update(from: originStart, count: length)
        e.update(from: originEnd, count: length)
        deallocate()
        bytes = b; originStart = s; originEnd = e
        capacity = newCapacity
    }
}
