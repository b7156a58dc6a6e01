#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the whole BERT front end (BertNormalizer with given options, then BertPreTokenizer) does
/// with one input character, precomputed for the BMP so the fused encoder reads one table entry
/// per character instead of running four normalisation steps and a pre-tokenizer.
///
///     'É' with lowercase + strip_accents -> .word, output "e"
///     '中' with handle_chinese_chars     -> .isolated, output "中"
///     '\u{0}' with clean_text           -> .skip
final class BertCharTable: @unchecked Sendable {
    enum Kind: UInt8 {
        case skip = 0        // removed (control, or an accent that strip_accents drops)
        case space = 1       // ends the current word
        case isolated = 2    // a piece of its own (punctuation, Chinese character)
        case word = 3        // output continues the current word, byte for byte aligned with input
        case wordRemapped = 4 // output continues the current word, but with other lengths
        case complex = 5     // several output characters of different classes: classify each
    }

    let kinds: UnsafeMutablePointer<UInt8>          // 65536
    let outputs: UnsafeMutablePointer<UInt32>       // start << 8 | length into `arena`
    private(set) var arena: [UInt8] = []
    let arenaBase: UnsafeMutablePointer<UInt8>
    let normalizer: BertNormalizer

    private init(_ normalizer: BertNormalizer) {
        self.normalizer = normalizer
        kinds = .allocate(capacity: 0x10000)
        outputs = .allocate(capacity: 0x10000)
        var bytes: [UInt8] = []
        var scalars: [UInt32] = []
        for cp in 0..<UInt32(0x10000) {
            let kind = Self.classify(cp, normalizer, &scalars)
            kinds[Int(cp)] = kind.rawValue
            let start = bytes.count
            for s in scalars { Self.appendUTF8(s, &bytes) }
            outputs[Int(cp)] = UInt32(start) << 8 | UInt32(bytes.count - start)
        }
        arena = bytes
        arenaBase = .allocate(capacity: max(bytes.count, 1))
        arenaBase.initialize(from: bytes, count: bytes.count)
    }

    /// The kind of `cp` and, in `scalars`, what the normaliser turns it into.
    static func classify(_ cp: UInt32, _ n: BertNormalizer, _ scalars: inout [UInt32]) -> Kind {
        scalars.removeAll(keepingCapacity: true)
        if cp >= 0xD800 && cp < 0xE000 { return .skip }  // never decoded; keeps the table total
        let flags = BertCharacters.flags(cp)
        if n.cleanText && flags & BertCharacters.control != 0 { return .skip }
        if flags & BertCharacters.whitespace != 0 { return .space }
        BertCharacters.transform(cp, stripAccents: n.stripsAccents, lowercase: n.lowercase, into: &scalars)
        if scalars.isEmpty { return .skip }
        if n.handleChineseChars && flags & BertCharacters.chinese != 0 { return .isolated }
        let classes = scalars.map { BertCharacters.flags($0) & (BertCharacters.whitespace | BertCharacters.punctuation) }
        if classes.allSatisfy({ $0 == 0 }) {
            return scalars.count == 1 && utf8Length(scalars[0]) == utf8Length(cp) ? .word : .wordRemapped
        }
        if scalars.count == 1 && classes[0] == BertCharacters.punctuation { return .isolated }
        return .complex
    }

    @inline(__always)
    static func utf8Length(_ cp: UInt32) -> Int { cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4 }

    static func appendUTF8(_ v: UInt32, _ out: inout [UInt8]) {
        UTF8Decoding.encode(Unicode.Scalar(v) ?? "\u{FFFD}", into: &out)
    }

    // MARK: one table per normaliser configuration, built on first use

    private static var cache: [Int: BertCharTable] = [:]
    private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    static func shared(for n: BertNormalizer) -> BertCharTable {
        let key = (n.cleanText ? 1 : 0) | (n.handleChineseChars ? 2 : 0) | (n.stripsAccents ? 4 : 0) | (n.lowercase ? 8 : 0)
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if let table = cache[key] { return table }
        let table = BertCharTable(n)
        cache[key] = table
        return table
    }
}
