public struct SentenceSegment: Equatable, Sendable {
    /// UTF-8 byte offsets into the input.
    public var range: Range<Int>
    /// True when the sentence ends with a terminator (. ? ! 。 ...), false when it ended at a
    /// paragraph separator or the end of the text (ICU's UBRK_SENTENCE_TERM vs _SEP).
    public var isTerminated: Bool

    public init(range: Range<Int>, isTerminated: Bool) {
        self.range = range
        self.isTerminated = isTerminated
    }
}

/// Sentences by ICU's rules (UAX #29, with the locale's exceptions where ICU has them).
///
///     let sentences = try SentenceSegmenter(locale: "en")
///     sentences.sentences(in: "Hi there. How are you? Fine")  // "Hi there.", "How are you?", "Fine"
///
/// As UAX #29 says, a sentence includes the white space after it; `trimmingWhitespace` cuts it
/// (and any leading white space) off the ranges and drops segments that were only white space.
/// Threading as for `WordSegmenter`: one iterator per instance, calls serialised by a lock.
public final class SentenceSegmenter: @unchecked Sendable {
    public let locale: String
    private let cursor: BreakCursor

    public init(locale: String = "") throws {
        self.locale = locale
        cursor = try BreakCursor(kind: 3 /* CNLP_BREAK_SENTENCE */, locale: locale)
    }

    public func segments(_ utf8: UnsafeBufferPointer<UInt8>, trimmingWhitespace: Bool = false) -> [SentenceSegment] {
        var result: [SentenceSegment] = []
        cursor.forEachSegment(utf8) { range, status, _, _ in
            var range = range
            if trimmingWhitespace {
                range = Self.trimmed(range, utf8)
                if range.isEmpty { return }
            }
            result.append(SentenceSegment(range: range, isTerminated: status < 100))
        }
        return result
    }

    public func segments(in text: String, trimmingWhitespace: Bool = false) -> [SentenceSegment] {
        withUTF8Buffer(text) { segments($0, trimmingWhitespace: trimmingWhitespace) }
    }

    /// The sentences' text, trimmed.
    public func sentences(in text: String) -> [Substring] {
        let utf8 = text.utf8
        return segments(in: text, trimmingWhitespace: true).map { segment in
            let start = utf8.index(utf8.startIndex, offsetBy: segment.range.lowerBound)
            return text[start..<utf8.index(start, offsetBy: segment.range.count)]
        }
    }

    /// Shrinks `range` past white-space scalars at both ends.
    static func trimmed(_ range: Range<Int>, _ utf8: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        guard let p = utf8.baseAddress else { return range }
        var start = range.lowerBound, end = range.upperBound
        while start < end {
            let s = UTF8Scalar.decode(p, start, end)
            guard TextCleaning.isWhiteSpace(s.value) else { break }
            start += s.length
        }
        while end > start {
            var k = end - 1
            while k > start && p[k] & 0xC0 == 0x80 { k -= 1 }
            let s = UTF8Scalar.decode(p, k, end)
            guard k + s.length == end, TextCleaning.isWhiteSpace(s.value) else { break }
            end = k
        }
        return start..<end
    }
}
