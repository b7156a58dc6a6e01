import Testing
@testable import NLPTokenizers

@Suite struct BertNormalizerTests {
    func normalize(_ text: String, _ normalizer: BertNormalizer = BertNormalizer()) -> NormalizedText {
        var n = NormalizedText(text)
        normalizer.normalize(&n)
        return n
    }

    @Test func lowercasesStripsAccentsAndKeepsOffsets() {
        let n = normalize("Héllo")
        #expect(n.string == "hello")
        #expect(n.originalRange(of: 1..<2) == 1..<3)  // "e" came from the two bytes of "é"
        #expect(n.originalRange(of: 2..<5) == 3..<6)
    }

    @Test func cleansControlsAndPadsChineseCharacters() {
        let n = normalize("a\u{0}b\tc\u{FFFD}中\u{200B}d")
        #expect(n.string == "ab c 中 d")
        #expect(n.originalRange(of: 5..<8) == 8..<11)  // 中
    }

    @Test func lowercaseIsRustsFullMappingWhenAccentsAreKept() {
        // 'İ' lowercases to "i" + U+0307; with strip_accents it decomposes first and loses the dot.
        #expect(normalize("İx", BertNormalizer(stripAccents: false)).string == "i\u{0307}x")
        #expect(normalize("İx").string == "ix")
        #expect(normalize("ΣΑΣ").string == "σασ")  // per character: no final-sigma rule, as in HF
    }

    @Test func stripAccentsNullFollowsLowercase() throws {
        let json = try JSONValue.parse(#"{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,"lowercase":false}"#)
        let normalizer = try BertNormalizer(json: json)
        #expect(normalizer.stripAccents == nil && !normalizer.stripsAccents)
        #expect(normalize("Café", normalizer).string == "Café")
        #expect(normalizer.json == json)
    }
}

@Suite struct BertPreTokenizerTests {
    @Test func splitsWhitespaceAndIsolatesPunctuation() {
        // HF's own test: "Hey friend!     How are you?!?"
        let text = Array("Hey friend!     How are you?!?".utf8)
        var pieces: [Range<Int>] = []
        text.withUnsafeBufferPointer { BertPreTokenizer().split($0, range: 0..<$0.count, into: &pieces) }
        #expect(pieces == [0..<3, 4..<10, 10..<11, 16..<19, 20..<23, 24..<27, 27..<28, 28..<29, 29..<30])
    }

    @Test func asciiSymbolsAreBertPunctuationButUnicodeSymbolsAreNot() {
        let text = Array("a$b+c€d".utf8)
        var pieces: [Range<Int>] = []
        text.withUnsafeBufferPointer { BertPreTokenizer().split($0, range: 0..<$0.count, into: &pieces) }
        #expect(pieces == [0..<1, 1..<2, 2..<3, 3..<4, 4..<9])  // "c€d" stays one word
    }
}

@Suite struct WordPieceDecoderTests {
    @Test func joinsContinuationsLikeHuggingFace() {
        let raw = WordPieceDecoder(prefix: "##", cleanup: false)
        #expect(raw.decode(["##uelo", "Ara", "##új", "##o", "No", "##guera"]) == "##uelo Araújo Noguera")
        let clean = WordPieceDecoder()
        // Cleanup runs per token (as in HF), so only patterns inside one token's " x" change.
        #expect(clean.decode(["un", "##aff", "##able", "it", "isn", "'", "t", "!"]) == "unaffable it isn ' t!")
        #expect(clean.decode(["hello", ",", "it", "'s", "."]) == "hello, it's.")
        #expect(clean.decode(["i", "do", "not", "know", "."]) == "i do not know.")  // per token: " do not" spans two
    }

    @Test func jsonRoundTrips() throws {
        let json = try JSONValue.parse(###"{"type":"WordPiece","prefix":"##","cleanup":true}"###)
        #expect(try WordPieceDecoder(json: json).json == json)
    }
}
