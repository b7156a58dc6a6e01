import Testing
@testable import NLPTokenizers

/// Behaviours of single stages that users rely on, with worked examples from HF's docs/tests.
@Suite struct StageBehaviourTests {
    func normalized(_ text: String, _ normalizer: any Normalizer) -> NormalizedText {
        var t = NormalizedText(text)
        normalizer.normalize(&t)
        return t
    }

    @Test func nfcKeepsOffsetsOfComposedCharacters() {
        let t = normalized("Cafe\u{301}!", NFCNormalizer())
        #expect(t.string == "Café!")
        #expect(t.originalRange(of: 3..<5) == 3..<6)  // "é" <- "e" + U+0301
        #expect(t.originalRange(of: 5..<6) == 6..<7)  // "!"
        #expect(t.originalRange(of: 0..<1) == 0..<1)
    }

    @Test func nfkdAndStripAccents() {
        let t = normalized("ﬁancé", SequenceNormalizer([NFKDNormalizer(), StripAccentsNormalizer()]))
        #expect(t.string == "fiance")
        #expect(t.originalRange(of: 0..<2) == 0..<3)  // "fi" <- the ligature
        #expect(t.originalRange(of: 5..<6) == 6..<8)  // "e" <- "é" (the ligature is 3 bytes)
    }

    @Test func lowercaseIsRustsFullMapping() {
        #expect(normalized("İSTANBUL ΣΑΣ", LowercaseNormalizer()).string == "i̇stanbul σασ")
        let t = normalized("AB", LowercaseNormalizer())
        #expect(t.string == "ab" && t.originalRange(of: 1..<2) == 1..<2)
    }

    @Test func stripRemovesOnlyTheEndsAsked() {
        #expect(normalized("  a b \u{3000}", StripNormalizer()).string == "a b")
        #expect(normalized("  a b  ", StripNormalizer(left: false, right: true)).string == "  a b")
        let t = normalized("  ab", StripNormalizer())
        #expect(t.originalRange(of: 0..<2) == 2..<4)
    }

    @Test func replaceMapsTheReplacementToTheMatch() {
        let t = normalized("a  b", ReplaceNormalizer(pattern: .regex(#"\s+"#), content: "▁"))
        #expect(t.string == "a▁b")
        #expect(t.originalRange(of: 1..<4) == 1..<3)
        #expect(t.originalRange(of: 4..<5) == 3..<4)
        #expect(normalized("aaa", ReplaceNormalizer(pattern: .string("aa"), content: "b")).string == "ba")
    }

    @Test func prependOnlyNonEmptyText() {
        #expect(normalized("hi", PrependNormalizer("▁")).string == "▁hi")
        #expect(normalized("", PrependNormalizer("▁")).string == "")
    }

    func pieces(_ text: String, _ p: any PreTokenizer) -> [String] {
        let bytes = Array(text.utf8)
        var out: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { p.split($0, range: 0..<bytes.count, into: &out) }
        return out.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func delimiterBehaviours() {
        let cases: [(SplitDelimiterBehavior, [String])] = [
            (.removed, ["a", "b"]), (.isolated, ["a", "!", "!", "b"]), (.mergedWithPrevious, ["a!", "!", "b"]),
            (.mergedWithNext, ["a", "!", "!b"]), (.contiguous, ["a", "!!", "b"]),
        ]
        for (behavior, expected) in cases {
            #expect(pieces("a!!b", PunctuationPreTokenizer(behavior: behavior)) == expected, "\(behavior)")
        }
    }

    @Test func digits() {
        #expect(pieces("a123b", DigitsPreTokenizer()) == ["a", "123", "b"])
        #expect(pieces("a123b", DigitsPreTokenizer(individualDigits: true)) == ["a", "1", "2", "3", "b"])
    }

    @Test func icuWordsUseDictionaries() throws {
        #expect(pieces("我爱北京天安门", try ICUWordPreTokenizer(locale: "zh")) == ["我", "爱", "北京", "天安门"])
        #expect(pieces("Hi, 42 you!", try ICUWordPreTokenizer()) == ["Hi", ",", "42", "you", "!"])
    }

    @Test func decoders() {
        #expect(StripDecoder(content: "▁", start: 1, stop: 0).decodeChain(["▁▁a", "b▁"]) == ["▁a", "b▁"])
        #expect(StripDecoder(content: "x", start: 0, stop: 5).decodeChain(["", "axx"]) == ["", "a"])
        #expect(ReplaceDecoder(pattern: .string("▁"), content: " ").decodeChain(["▁hello", "▁world"]) == [" hello", " world"])
        let sentencePiece = SequenceDecoder([ReplaceDecoder(pattern: .string("▁"), content: " "), FuseDecoder(),
                                             StripDecoder(content: " ", start: 1, stop: 0)])
        #expect(sentencePiece.decode(["▁Hello", "▁wor", "ld", "!"]) == "Hello world!")
    }

    @Test func templateStringsParseAsHF() throws {
        let t = try TemplateProcessing(single: "[CLS] $A [SEP]", pair: "[CLS] $A [SEP] $B:1 [SEP]:1",
                                       specialTokens: [("[CLS]", 101), ("[SEP]", 102)])
        #expect(t.pair[3] == .sequence(isPair: true, typeID: 1))
        #expect(t.addedTokenCount(isPair: false) == 2 && t.addedTokenCount(isPair: true) == 3)
        #expect(try TemplateProcessing.parse("$ $B $1 <s>:2") == [.sequence(isPair: false, typeID: 0), .sequence(isPair: true, typeID: 0),
                                                                  .sequence(isPair: false, typeID: 1), .specialToken(id: "<s>", typeID: 2)])
    }

    @Test func truncationWindowsOverlapByStride() throws {
        var e = Encoding(ids: [1, 2, 3, 4, 5, 6], tokens: ["a", "b", "c", "d", "e", "f"], offsets: Array(repeating: 0..<0, count: 6))
        try e.truncate(to: 4, stride: 1, direction: .right)
        #expect(e.ids == [1, 2, 3, 4] && e.overflowing.map(\.ids) == [[4, 5, 6]])
        var l = Encoding(ids: [1, 2, 3, 4, 5, 6], tokens: ["a", "b", "c", "d", "e", "f"], offsets: Array(repeating: 0..<0, count: 6))
        try l.truncate(to: 4, stride: 1, direction: .left)
        #expect(l.ids == [3, 4, 5, 6] && l.overflowing.map(\.ids) == [[1, 2, 3]])
        #expect(throws: TokenizerError.self) { try l.truncate(to: 2, stride: 2, direction: .right) }
    }

    @Test func paddingToMultiple() {
        var batch = [Encoding(ids: [5, 6, 7], tokens: ["a", "b", "c"], offsets: [0..<1, 1..<2, 2..<3]), Encoding(ids: [8], tokens: ["d"], offsets: [0..<1])]
        Padding(strategy: .batchLongest, direction: .left, padToMultipleOf: 4, padID: 9, padToken: "<pad>").pad(&batch)
        #expect(batch[0].ids == [9, 5, 6, 7] && batch[1].ids == [9, 9, 9, 8])
        #expect(batch[1].attentionMask == [0, 0, 0, 1] && batch[1].specialTokensMask == [1, 1, 1, 0])
        #expect(batch[1].sequenceIDs == [nil, nil, nil, 0])
    }

    @Test func addedTokensMatchLeftmostLongest() {
        let vocab = AddedVocabulary([AddedToken(id: 1, content: "<s>", special: true), AddedToken(id: 2, content: "<s>x", special: true)])
        let text = Array("a<s>xb<s>".utf8)
        let splits = text.withUnsafeBufferPointer { vocab.splitRaw($0) }
        #expect(splits.map(\.range) == [0..<1, 1..<5, 5..<6, 6..<9])
        #expect(splits.map { $0.token?.id } == [nil, 2, nil, 1])
    }
}
