/// What a word segment is made of, from ICU's word-break rule status.
public enum WordKind: Sendable, Equatable {
    /// Spaces, punctuation, symbols and emoji.
    case none
    case number, letter, kana, ideographic

    init(ruleStatus: Int32) {
        switch ruleStatus {
        case 100..<200: self = .number
        case 200..<300: self = .letter
        case 300..<400: self = .kana
        case 400..<500: self = .ideographic
        default: self = .none
        }
    }
}

public struct WordSegment: Equatable, Sendable {
    /// UTF-8 byte offsets into the input.
    public var range: Range<Int>
    public var kind: WordKind

    public init(range: Range<Int>, kind: WordKind) {
        self.range = range
        self.kind = kind
    }
}

/// Segments that callers usually do not want as words.
public struct SegmentFilter: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Segments made only of white space.
    public static let whitespace = SegmentFilter(rawValue: 1)
    /// Segments made only of punctuation (general category P*); symbols and emoji stay.
    public static let punctuation = SegmentFilter(rawValue: 2)
}

/// Words by ICU's rules (UAX #29 with ICU's tailorings) and, for Chinese, Japanese, Thai, Lao,
/// Khmer and Burmese, by ICU's dictionaries:
///
///     let words = try WordSegmenter(locale: "zh")
///     words.words(in: "我爱北京天安门", skipping: [.whitespace, .punctuation])  // 我 爱 北京 天安门
///     words.segments(in: "Hi, 42!")  // "Hi" letter, "," none, " " none, "42" number, "!" none
///
/// Segments are UTF-8 byte ranges of the input, contiguous and covering it unless filtered.
/// An instance owns one ICU iterator and reuses it for every call, which is what makes many
/// short lines fast; calls on one instance are serialised by a lock, so for parallel
/// segmentation give each thread its own instance.
public final class WordSegmenter: @unchecked Sendable {
    public let locale: String
    private let cursor: BreakCursor

    /// `locale` is an ICU locale id ("en", "zh", "ja", "th"; "" is the root locale).
    public init(locale: String = "") throws {
        self.locale = locale
        cursor = try BreakCursor(kind: 1 /* CNLP_BREAK_WORD */, locale: locale)
    }

    public func segments(_ utf8: UnsafeBufferPointer<UInt8>, skipping filter: SegmentFilter = []) -> [WordSegment] {
        var result: [WordSegment] = []
        cursor.forEachSegment(utf8) { range, status, text, range16 in
            let kind = WordKind(ruleStatus: status)
            if kind == .none && !filter.isEmpty && Self.isFiltered(text, range16, filter) { return }
            result.append(WordSegment(range: range, kind: kind))
        }
        return result
    }

    public func segments(in text: String, skipping filter: SegmentFilter = []) -> [WordSegment] {
        withUTF8Buffer(text) { segments($0, skipping: filter) }
    }

    /// The segments' text; skips white space and punctuation unless told otherwise.
    public func words(in text: String, skipping filter: SegmentFilter = [.whitespace, .punctuation]) -> [Substring] {
        let utf8 = text.utf8
        return segments(in: text, skipping: filter).map { segment in
            let start = utf8.index(utf8.startIndex, offsetBy: segment.range.lowerBound)
            let end = utf8.index(start, offsetBy: segment.range.count)
            return text[start..<end]
        }
    }

    static func isFiltered(_ text: UTF16Transcript, _ range16: Range<Int>, _ filter: SegmentFilter) -> Bool {
        text.allScalars(from: range16.lowerBound, to: range16.upperBound) { value in
            if TextCleaning.isWhiteSpace(value) { return filter.contains(.whitespace) }
            guard filter.contains(.punctuation), let scalar = Unicode.Scalar(value) else { return false }
            return GeneralCategory(scalar).isPunctuation
        }
    }
}
