import CNLPUnicode

/// User-perceived characters (extended grapheme clusters, UAX #29) straight on UTF-8 via
/// utf8proc: "e\u{301}" is one cluster, "🇫🇷" one, "👩‍👩‍👧" one, "\r\n" one.
///
/// No UTF-16 copy and no shared state, so it is safe from any thread. Invalid UTF-8 counts as
/// U+FFFD, one per maximal subpart.
public enum GraphemeClusters {
    /// UTF-8 byte ranges of the clusters, contiguous and covering the input.
    public static func ranges(_ utf8: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        guard let p = utf8.baseAddress, utf8.count > 0 else { return result }
        var state: Int32 = 0
        var start = 0
        var previous = UTF8Scalar.decode(p, 0, utf8.count)
        var i = previous.length
        while i < utf8.count {
            let s = UTF8Scalar.decode(p, i, utf8.count)
            if cnlp_grapheme_break(Int32(bitPattern: previous.value), Int32(bitPattern: s.value), &state) != 0 {
                result.append(start..<i)
                start = i
            }
            previous = s
            i += s.length
        }
        result.append(start..<utf8.count)
        return result
    }

    public static func ranges(in text: String) -> [Range<Int>] { withUTF8Buffer(text) { ranges($0) } }

    public static func count(in text: String) -> Int { ranges(in: text).count }
}
