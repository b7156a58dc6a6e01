import NLPUnicode

/// Words by ICU's word-break rules and dictionaries (Chinese, Japanese, Thai, ...), as pieces:
///
///     locale "zh": "我爱北京天安门。" -> 我 | 爱 | 北京 | 天安门 | 。
///
/// White space is dropped; punctuation and symbols stay, each a piece. Not a Hugging Face stage:
/// it is written as `{"type": "ICUWord", "locale": "zh"}`, which only this package reads.
/// ICU iterators are not shareable, so a small pool lets several threads split at once.
public struct ICUWordPreTokenizer: PreTokenizer {
    public static let typeName = "ICUWord"
    public let locale: String
    private let pool: SegmenterPool

    public init(locale: String = "") throws {
        self.locale = locale
        pool = try SegmenterPool(locale: locale)
    }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        try self.init(locale: try JSONFields.string(json, "locale", of: Self.typeName, default: ""))
    }

    public var json: JSONValue { .object([("type", .string(Self.typeName)), ("locale", .string(locale))]) }

    public func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>]) {
        guard !range.isEmpty else { return }
        let segmenter = pool.take()
        defer { pool.give(segmenter) }
        let base = range.lowerBound
        for segment in segmenter.segments(UnsafeBufferPointer(rebasing: text[range]), skipping: .whitespace) {
            pieces.append(segment.range.lowerBound + base ..< segment.range.upperBound + base)
        }
    }
}

/// Segmenters for one locale, handed out one per concurrent caller.
final class SegmenterPool: @unchecked Sendable {
    private let locale: String
    private var idle: [WordSegmenter]
    private let lock = NSLockLite()

    init(locale: String) throws {
        self.locale = locale
        idle = [try WordSegmenter(locale: locale)]  // fails early on a bad locale
    }

    func take() -> WordSegmenter {
        if let s = lock.withLock({ idle.popLast() }) { return s }
        return (try? WordSegmenter(locale: locale)) ?? (try! WordSegmenter(locale: ""))
    }

    func give(_ segmenter: WordSegmenter) { lock.withLock { idle.append(segmenter) } }
}
