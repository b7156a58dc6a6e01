/// GPT-2's pre-tokenisation pattern, hand-written over UTF-8 bytes.
///
/// tiktoken (r50k/p50k/gpt2) and Hugging Face's ByteLevel pre-tokenizer spell it differently:
///
///     tiktoken: '(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s
///     HF:       's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
///
/// but they match the same pieces: the contractions are the same set; possessive and greedy
/// runs agree because no later part of an alternative could take a character back; `\s++$` is
/// the case of `\s+(?!\S)` that reaches the end; and `\s+` is only ever reached for a single
/// space before a non-space, where it equals `\s`. (Their engines' Unicode tables can differ
/// for characters newer than either; we follow utf8proc's.) So one scanner serves both:
///
///     "Hello  world's 42!\n" -> "Hello" " " " world" "'s" " 42" "!" "\n"
///
/// At each position, in the regex's order: a lowercase contraction after an apostrophe; an
/// optional single space then a run of letters, or digits, or other non-space characters;
/// otherwise a whitespace run, minus its last character when a non-space follows (that
/// character then leads the next piece, or stands alone if it is not U+0020).
public enum GPT2Splitter {
    public static func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>]) {
        guard let base = text.baseAddress, !range.isEmpty else { return }
        forEachPiece(base, range.lowerBound, range.upperBound) { pieces.append($0..<$1) }
    }

    /// Calls `body(start, end)` for each piece of `p[start..<end]`, left to right.
    @inline(__always)
    public static func forEachPiece(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ body: (Int, Int) -> Void) {
        let space = RegexCharClass.space
        var i = start
        while i < end {
            let b = p[i]
            if b == 0x27 && i + 1 < end {  // '
                let c1 = p[i + 1]
                if c1 == 0x73 || c1 == 0x64 || c1 == 0x6D || c1 == 0x74 { body(i, i + 2); i += 2; continue }  // s d m t
                if i + 2 < end {
                    let c2 = p[i + 2]
                    if (c1 == 0x6C && c2 == 0x6C) || (c1 == 0x76 && c2 == 0x65) || (c1 == 0x72 && c2 == 0x65) {  // ll ve re
                        body(i, i + 3); i += 3; continue
                    }
                }
            }
            var (cls, length) = RegexCharClass.at(p, i, end)
            var runStart = i
            if b == 0x20 && i + 1 < end {
                let (nextClass, nextLength) = RegexCharClass.at(p, i + 1, end)
                if nextClass != space { cls = nextClass; length = nextLength; runStart = i + 1 }
            }
            if cls != space {
                var j = runStart + length
                while j < end {
                    let (c, l) = RegexCharClass.at(p, j, end)
                    if c != cls { break }
                    j += l
                }
                body(i, j)
                i = j
                continue
            }
            var j = i + length
            var lastStart = i
            while j < end {
                let (c, l) = RegexCharClass.at(p, j, end)
                if c != space { break }
                lastStart = j
                j += l
            }
            if j == end || lastStart == i {
                body(i, j == end ? end : i + length)
                i = j == end ? end : i + length
            } else {
                body(i, lastStart)
                i = lastStart
            }
        }
    }
}
