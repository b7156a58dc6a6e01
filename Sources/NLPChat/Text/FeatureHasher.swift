import NLPUnicode

/// Turns a message into hashed feature ids, fastText-style, so that one small linear model can
/// read English and Chinese, typos and unseen words:
///
///     "I lost my card"  -> w:i w:lost w:my w:card, b:i|lost b:lost|my b:my|card,
///                          <lo los ost st> <los lost ost> ... (character 3- to 5-grams of <word>)
///     "我的卡丢了"        -> ICU dictionary words w:我的 w:卡 w:丢了 (zh rules), their bigrams, and
///                          the characters and character pairs of each word: c:我 c:的 cc:我的 ...
///     "ending 4821"     -> w:ending <num> <num4> (numbers by shape, not value)
///
/// Each feature is a 64-bit FNV-1a hash of a kind byte and the feature's UTF-8 bytes, reduced to
/// `buckets` ids. Text is case-folded, accent-stripped and NFKC-normalised first.
public struct FeatureHasher: Sendable {
    public var buckets: UInt32
    private let words: WordSegmenter

    public init(buckets: UInt32 = 1 << 21) {
        self.buckets = buckets
        // ICU picks the dictionary for Han text in any locale; "zh" also tailors the rest sensibly.
        self.words = try! WordSegmenter(locale: "zh")
    }

    enum Kind: UInt8 { case word = 1, bigram, charGram, hanChar, hanPair, number }

    public func features(_ text: String) -> [UInt32] {
        let folded = ChatText.matchingForm(text)
        var out: [UInt32] = []
        var previous: [UInt8]? = nil
        let utf8 = Array(folded.utf8)
        for segment in words.segments(in: folded, skipping: [.whitespace, .punctuation]) {
            let word = Array(utf8[segment.range])
            var token = word
            switch segment.kind {
            case .number:
                token = Array("<num>".utf8)
                out.append(hash(.number, token))
                out.append(hash(.number, Array("<num\(word.count)>".utf8)))
            case .ideographic, .kana:
                out.append(hash(.word, word))
                let chars = String(decoding: word, as: UTF8.self).unicodeScalars.map { Array(String($0).utf8) }
                for (i, c) in chars.enumerated() {
                    out.append(hash(.hanChar, c))
                    if i + 1 < chars.count { out.append(hash(.hanPair, c + chars[i + 1])) }
                }
            default:
                out.append(hash(.word, word))
                appendCharGrams(word, to: &out)
            }
            if let previous { out.append(hash(.bigram, previous + [0x7C] + token)) }
            previous = token
        }
        return out
    }

    /// Character 3- to 5-grams of `<word>` (scalars, not bytes); words over 24 scalars contribute
    /// their first 24 only, which bounds the cost of pasted junk.
    private func appendCharGrams(_ word: [UInt8], to out: inout [UInt32]) {
        var scalars: [[UInt8]] = [[0x3C]]
        for s in String(decoding: word, as: UTF8.self).unicodeScalars.prefix(24) { scalars.append(Array(String(s).utf8)) }
        scalars.append([0x3E])
        guard scalars.count > 3 else { return }
        for n in 3...5 where scalars.count >= n {
            for start in 0...(scalars.count - n) {
                var gram: [UInt8] = []
                for k in start..<(start + n) { gram += scalars[k] }
                out.append(hash(.charGram, gram))
            }
        }
    }

    func hash(_ kind: Kind, _ bytes: [UInt8]) -> UInt32 {
        var h: UInt64 = 0xcbf29ce484222325
        h = (h ^ UInt64(kind.rawValue)) &* 0x100000001b3
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return UInt32(truncatingIfNeeded: (h ^ (h >> 32)) % UInt64(buckets))
    }
}
