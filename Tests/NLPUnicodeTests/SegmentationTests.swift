import Testing
@testable import NLPUnicode

struct SegmentationTests {
    func texts(_ text: String, _ ranges: [Range<Int>]) -> [String] {
        let bytes = Array(text.utf8)
        return ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func chineseBySegmentationDictionary() throws {
        let words = try WordSegmenter(locale: "zh")
        #expect(words.words(in: "我爱北京天安门") == ["我", "爱", "北京", "天安门"])
        let segments = words.segments(in: "我爱北京天安门")
        #expect(segments.map(\.range) == [0..<3, 3..<6, 6..<12, 12..<21])
        #expect(segments.allSatisfy { $0.kind == .ideographic })
    }

    @Test func japaneseAndThaiByDictionary() throws {
        let ja = try WordSegmenter(locale: "ja")
        #expect(ja.words(in: "日本語の文章を単語に分割します。") == ["日本語", "の", "文章", "を", "単語", "に", "分割", "し", "ます"])
        #expect(ja.words(in: "今日は良い天気です") == ["今日", "は", "良い", "天気", "です"])
        let th = try WordSegmenter(locale: "th")
        #expect(th.words(in: "สวัสดีครับ ผมชื่อสมชาย") == ["สวัสดี", "ครับ", "ผม", "ชื่อ", "สมชาย"])
    }

    @Test func kindsAndFilters() throws {
        let words = try WordSegmenter(locale: "en")
        let text = "Hi, it's 42.5 km — ok? 😀"
        let all = words.segments(in: text)
        #expect(texts(text, all.map(\.range)).joined() == text) // contiguous, covering
        #expect(texts(text, all.filter { $0.kind == .letter }.map(\.range)) == ["Hi", "it's", "km", "ok"])
        #expect(texts(text, all.filter { $0.kind == .number }.map(\.range)) == ["42.5"])
        #expect(words.words(in: text) == ["Hi", "it's", "42.5", "km", "ok", "😀"]) // emoji is not punctuation
        #expect(words.words(in: text, skipping: .whitespace) == ["Hi", ",", "it's", "42.5", "km", "—", "ok", "?", "😀"])
        #expect(words.segments(in: "").isEmpty)
    }

    @Test func reusesItsIteratorAcrossLinesAndInvalidBytes() throws {
        let words = try WordSegmenter()
        for _ in 0..<3 {
            #expect(words.words(in: "one two") == ["one", "two"])
            #expect(words.words(in: "中文 text") == ["中文", "text"])
        }
        // Invalid bytes become U+FFFD internally; ranges still point at the original bytes.
        let bytes: [UInt8] = Array("ab ".utf8) + [0xE2, 0x82] + Array(" cd".utf8)
        let segments = bytes.withUnsafeBufferPointer { words.segments($0) }
        #expect(segments.map(\.range) == [0..<2, 2..<3, 3..<5, 5..<6, 6..<8])
    }

    @Test func sharedAcrossThreads() async throws {
        let words = try WordSegmenter(locale: "zh")
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<50).allSatisfy { _ in words.words(in: "我爱北京天安门") == ["我", "爱", "北京", "天安门"] } }
            }
            for await ok in group { #expect(ok) }
        }
    }

    @Test func sentences() throws {
        let sentences = try SentenceSegmenter(locale: "en")
        #expect(sentences.sentences(in: "Hi there. How are you? Fine") == ["Hi there.", "How are you?", "Fine"])
        let segments = sentences.segments(in: "Hi there. Fine")
        #expect(segments.map(\.range) == [0..<10, 10..<14])
        #expect(segments.map(\.isTerminated) == [true, false])
        #expect(sentences.sentences(in: "他来了。我们走吧！好") == ["他来了。", "我们走吧！", "好"])
    }

    @Test func graphemeClusters() {
        // Unicode 15.0 (utf8proc 2.8) has no Indic-conjunct rule yet: "क्षि" is "क्" + "षि".
        #expect(GraphemeClusters.count(in: "e\u{301}🇫🇷👩‍👩‍👧\r\nक्षि") == 6)
        #expect(texts("ab\u{308}", GraphemeClusters.ranges(in: "ab\u{308}")) == ["a", "b\u{308}"])
        #expect(GraphemeClusters.ranges(in: "").isEmpty)
    }
}
