/// The distinct words of a corpus as sequences of Unicode scalars, with their counts.
///
/// In byte-level mode each byte becomes its GPT-2 alphabet character, exactly as Hugging Face's
/// ByteLevel pre-tokenizer hands words to its trainer.
struct TrainingWords {
    /// All words' scalars back to back; word `w` is `scalars[starts[w]..<starts[w + 1]]`.
    var scalars: [UInt32] = []
    var starts: [Int] = [0]
    var counts: [Int] = []

    var wordCount: Int { counts.count }

    init() {}

    init(_ words: ByteStringCounter, byteLevel: Bool) {
        counts.reserveCapacity(words.count)
        starts.reserveCapacity(words.count + 1)
        scalars.reserveCapacity(words.arenaBytes)
        let byteMap = TrainingByteAlphabet.scalars
        words.forEach { bytes, count in
            if byteLevel {
                for b in bytes { scalars.append(byteMap[Int(b)]) }
            } else {
                var i = 0
                while i < bytes.count {
                    let (scalar, n) = UTF8Decoding.decode(bytes, at: i)
                    scalars.append(scalar.value)
                    i += n
                }
            }
            starts.append(scalars.count)
            counts.append(count)
        }
    }

    /// HF's `compute_alphabet`: characters weighted by word counts, `initial` ones always kept
    /// (weight = max), the least frequent dropped beyond `limit`, the rest sorted by code point.
    /// (HF sorts the counts with an unstable sort, so which of several equally rare characters
    /// survive a limit is arbitrary there; here ties drop the smaller code point first.)
    func alphabet(initial: [UInt32], limit: Int?) -> [UInt32] {
        var weight = [Int](repeating: 0, count: 0x110000)
        for w in 0..<wordCount {
            for i in starts[w]..<starts[w + 1] { weight[Int(scalars[i])] += counts[w] }
        }
        for scalar in initial where scalar < 0x110000 { weight[Int(scalar)] = Int.max }
        var kept: [(scalar: UInt32, weight: Int)] = []
        for (scalar, value) in weight.enumerated() where value > 0 { kept.append((UInt32(scalar), value)) }
        if let limit, kept.count > limit {
            kept.sort { $0.weight != $1.weight ? $0.weight < $1.weight : $0.scalar < $1.scalar }
            kept.removeFirst(kept.count - limit)
            kept.sort { $0.scalar < $1.scalar }
        }
        return kept.map(\.scalar)
    }

    /// HF's `tokenize_words`: each character in the vocabulary becomes a symbol (characters
    /// outside it, dropped by `limit_alphabet`, are skipped); non-first characters get `prefix`,
    /// the last character gets `suffix`. New prefixed/suffixed strings get ids in code-point
    /// order (HF assigns them in hash-map order, which varies from run to run).
    func symbolize(vocabulary: inout TrainingVocabulary, prefix: [UInt8]?, suffix: [UInt8]?,
                   order: [String]? = nil) -> TrainingSymbols {
        var scalarID = [Int32](repeating: -1, count: 0x110000)
        for (id, token) in vocabulary.tokens.enumerated() {
            let text = String(decoding: token, as: UTF8.self)
            if text.unicodeScalars.count == 1 { scalarID[Int(text.unicodeScalars.first!.value)] = Int32(id) }
        }
        var output = TrainingSymbols()
        output.ids.reserveCapacity(scalars.count)
        output.counts = counts
        output.starts.reserveCapacity(wordCount + 1)
        let decorated = prefix != nil || suffix != nil
        // Variant key: scalar << 2 | (notFirst ? 1 : 0) | (isLast ? 2 : 0).
        var variants: [UInt64: Int32] = [:]
        if decorated {
            var needed = Set<UInt64>()
            for w in 0..<wordCount {
                let range = starts[w]..<starts[w + 1]
                for i in range where scalarID[Int(scalars[i])] >= 0 {
                    let flags = (prefix != nil && i != range.lowerBound ? 1 : 0) | (suffix != nil && i == range.upperBound - 1 ? 2 : 0)
                    if flags != 0 { needed.insert(UInt64(scalars[i]) << 2 | UInt64(flags)) }
                }
            }
            for token in order ?? [] { _ = vocabulary.intern(Array(token.utf8), length: 1) }
            for key in needed.sorted() {
                var bytes: [UInt8] = []
                if key & 1 != 0 { bytes += prefix! }
                UTF8Decoding.encode(Unicode.Scalar(UInt32(key >> 2))!, into: &bytes)
                if key & 2 != 0 { bytes += suffix! }
                variants[key] = vocabulary.intern(bytes, length: 1)
            }
        }
        for w in 0..<wordCount {
            let range = starts[w]..<starts[w + 1]
            for i in range {
                let id = scalarID[Int(scalars[i])]
                if id < 0 { continue }
                if decorated {
                    let flags = (prefix != nil && i != range.lowerBound ? 1 : 0) | (suffix != nil && i == range.upperBound - 1 ? 2 : 0)
                    if flags != 0 { output.ids.append(variants[UInt64(scalars[i]) << 2 | UInt64(flags)]!); continue }
                }
                output.ids.append(id)
            }
            output.starts.append(output.ids.count)
        }
        return output
    }
}

/// Words as symbol ids (what the merge loop rewrites in place).
struct TrainingSymbols {
    var ids: [Int32] = []
    var starts: [Int] = [0]
    var counts: [Int] = []
}
