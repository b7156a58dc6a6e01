import Testing
@testable import NLPTokenizers

/// Every reference line must give HF's ids and byte offsets, through the stage-by-stage pipeline
/// and through the fused fast path alike.
@Suite struct WordPieceParityTests {
    @Test func generalPathMatchesHuggingFaceOnEveryLine() throws {
        let model = try #require(WordPieceFixtures.model)
        let lines = try WordPieceFixtures.referenceLines()
        #expect(lines.count >= 250)
        var matched = 0
        for line in lines {
            let got = WordPieceFixtures.encodeGeneral(line.text, normalizer: BertNormalizer(), model: model)
            if got.ids == line.ids && got.offsets == line.offsets { matched += 1; continue }
            Issue.record("\(line.text.debugDescription): ids \(got.ids) offsets \(got.offsets), HF \(line.ids) \(line.offsets)")
        }
        #expect(matched == lines.count)
    }

    @Test func fusedPathMatchesHuggingFaceOnEveryLine() throws {
        let model = try #require(WordPieceFixtures.model)
        let encoder = BertWordPieceEncoder(normalizer: BertNormalizer(), model: model)
        let lines = try WordPieceFixtures.referenceLines()
        var matched = 0
        for line in lines {
            let got = WordPieceFixtures.encodeFused(line.text, encoder: encoder)
            if got.ids == line.ids && got.offsets == line.offsets { matched += 1; continue }
            Issue.record("\(line.text.debugDescription): ids \(got.ids) offsets \(got.offsets), HF \(line.ids) \(line.offsets)")
        }
        #expect(matched == lines.count)
    }

    /// Other normaliser options are not in MiniLM's file, so the fused path is held to the general
    /// one (itself built from HF-checked parts) on the same lines.
    @Test(arguments: [
        BertNormalizer(cleanText: false, handleChineseChars: true, stripAccents: nil, lowercase: true),
        BertNormalizer(cleanText: true, handleChineseChars: false, stripAccents: nil, lowercase: true),
        BertNormalizer(cleanText: true, handleChineseChars: true, stripAccents: false, lowercase: true),
        BertNormalizer(cleanText: true, handleChineseChars: true, stripAccents: true, lowercase: false),
        BertNormalizer(cleanText: false, handleChineseChars: false, stripAccents: false, lowercase: false),
    ])
    func fusedPathEqualsGeneralPath(normalizer: BertNormalizer) throws {
        let model = try #require(WordPieceFixtures.model)
        let encoder = BertWordPieceEncoder(normalizer: normalizer, model: model)
        for line in try WordPieceFixtures.referenceLines() {
            let general = WordPieceFixtures.encodeGeneral(line.text, normalizer: normalizer, model: model)
            let fused = WordPieceFixtures.encodeFused(line.text, encoder: encoder)
            #expect(fused.ids == general.ids, "\(line.text.debugDescription)")
            #expect(fused.offsets == general.offsets, "\(line.text.debugDescription)")
        }
    }

    @Test func fusedPathSurvivesMalformedUTF8() throws {
        let model = try #require(WordPieceFixtures.model)
        let encoder = BertWordPieceEncoder(normalizer: BertNormalizer(), model: model)
        var tokens = TokenBuffer()
        let bytes: [UInt8] = [0x68, 0x69, 0xFF, 0x20, 0xE4, 0xB8, 0x20, 0x6F, 0x6B, 0xF0, 0x9F]
        bytes.withUnsafeBufferPointer { encoder.encode($0, into: &tokens) }
        #expect(tokens.ids == [model.vocab["hi"]!, model.vocab["ok"]!])
        #expect(tokens.starts == [0, 7] && tokens.ends == [2, 9])
    }

    @Test func aMegabyteWordWithoutSpacesIsOneUnknownToken() throws {
        let model = try #require(WordPieceFixtures.model)
        let encoder = BertWordPieceEncoder(normalizer: BertNormalizer(), model: model)
        let text = "ok " + String(repeating: "É", count: 500_000) + " ok"
        let got = WordPieceFixtures.encodeFused(text, encoder: encoder)
        #expect(got.ids == [model.vocab["ok"]!, model.unkID!, model.vocab["ok"]!])
        #expect(got.offsets == [0..<2, 3..<1_000_003, 1_000_004..<1_000_006])
        #expect(WordPieceFixtures.encodeGeneral(text, normalizer: BertNormalizer(), model: model).ids == got.ids)
    }
}
