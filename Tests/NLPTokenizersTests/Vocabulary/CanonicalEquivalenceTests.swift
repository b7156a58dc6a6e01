import Foundation
import Testing
@testable import NLPTokenizers

/// Tokens that differ in bytes but are canonically equivalent, which Swift's `String` ==
/// treats as equal: every vocabulary must keep both, as Hugging Face does.
/// References: scripts/reference/make_canonical_vocab_reference.py.
@Suite struct CanonicalEquivalenceTests {
    static let kelvin = "\u{212A}"        // KELVIN SIGN, canonically equivalent to "K"
    static let eAcute = "\u{E9}"          // precomposed é
    static let eCombining = "e\u{301}"    // e + COMBINING ACUTE ACCENT
    let K = "K"
    let kelvin = Self.kelvin
    let eAcute = Self.eAcute
    let eCombining = Self.eCombining

    func ids(_ model: any TokenModel, _ text: String) -> [Int32] {
        var out = TokenBuffer()
        Array(text.utf8).withUnsafeBufferPointer { model.tokenize($0, into: &out) }
        return out.ids
    }

    @Test func swiftStringsMergeThePairsVocabularyDoesNot() {
        #expect(K == kelvin && eAcute == eCombining)  // the hazard
        let v = Vocabulary(tokens: [K, kelvin, eAcute, eCombining])
        #expect(v.count == 4)
        #expect([v[K], v[kelvin], v[eAcute], v[eCombining]] == [0, 1, 2, 3])
        #expect(v.tokens.map { Array($0.utf8) } == [K, kelvin, eAcute, eCombining].map { Array($0.utf8) })
        let literal: Vocabulary = ["K": 0, "\u{212A}": 1]
        #expect(literal.count == 2 && literal[kelvin] == 1)
        #expect(Vocabulary([K: 0]).count == 1)
    }

    /// The tokenizer.json HF writes for a BPE model holding both spellings (byte for byte).
    static let tokenizerJSON = #"{"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,"pre_tokenizer":{"type":"WhitespaceSplit"},"post_processor":null,"decoder":null,"model":{"type":"BPE","dropout":null,"unk_token":null,"continuing_subword_prefix":null,"end_of_word_suffix":null,"fuse_unk":false,"byte_fallback":false,"ignore_merges":false,"vocab":{"K":0,"\#(kelvin)":1,"\#(eAcute)":2,"e":3,"\#u{301}":4,"\#(eCombining)":5},"merges":[["e","\#u{301}"]]}}"#

    @Test func tokenizerJSONKeepsBothSpellingsAndRoundTripsByteIdentically() throws {
        let tokenizer = try Tokenizer(json: .parse(Self.tokenizerJSON))
        #expect(tokenizer.vocabularySize() == 6)
        // HF: token_to_id and encode give 0, 1, 2, 5.
        for (text, id) in [(K, Int32(0)), (kelvin, 1), (eAcute, 2), (eCombining, 5)] {
            #expect(tokenizer.tokenToId(text) == id, "\(text.unicodeScalars.map { $0.value })")
            #expect(try tokenizer.encode(text).ids == [id])
            #expect(tokenizer.idToToken(id).map { Array($0.utf8) } == Array(text.utf8))
        }
        #expect(Array(tokenizer.json.serialized().utf8) == Array(Self.tokenizerJSON.utf8))
    }

    @Test func addedTokensAreKeyedByBytes() throws {
        var tokenizer = try Tokenizer(json: .parse(Self.tokenizerJSON))
        #expect(tokenizer.addSpecialTokens(["[X]"]) == 1)
        let before = tokenizer.vocabularySize()
        #expect(tokenizer.addTokens(["\u{212B}"]) == 1)   // ANGSTROM SIGN
        #expect(tokenizer.addTokens(["\u{C5}"]) == 1)     // Å, its canonical equivalent: a new token
        #expect(tokenizer.vocabularySize() == before + 2)
        #expect(tokenizer.tokenToId("\u{212B}") != tokenizer.tokenToId("\u{C5}"))
    }

    @Test func bertVocabTxtKeepsBothSpellings() throws {
        let text = "[PAD]\n[UNK]\n[CLS]\n[SEP]\nK\n\(kelvin)\n\(eAcute)\n\(eCombining)\n"
        let vocab = try BertVocabFile.parse(Array(text.utf8))
        #expect(vocab.count == 8)
        let model = WordPieceModel(vocab: vocab)
        #expect([ids(model, K), ids(model, kelvin), ids(model, eAcute), ids(model, eCombining)] == [[4], [5], [6], [7]])
        #expect(BertVocabFile.serialize(model) == Array(text.utf8))
        let tokenizer = try Tokenizer.bert(vocab: vocab)
        #expect(tokenizer.tokenToId(K) == 4 && tokenizer.tokenToId(kelvin) == 5)
        #expect(tokenizer.tokenToId(eAcute) == 6 && tokenizer.tokenToId(eCombining) == 7)
    }

    @Test func wordPieceAndWordLevelJSONKeepBothSpellings() throws {
        let vocabJSON = #"{"[UNK]":0,"K":1,"\#(kelvin)":2,"\#(eAcute)":3,"\#(eCombining)":4}"#
        let wordPiece = ###"{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##","max_input_chars_per_word":100,"vocab":\###(vocabJSON)}"###
        let wordLevel = #"{"type":"WordLevel","vocab":\#(vocabJSON),"unk_token":"[UNK]"}"#
        let models: [(any TokenModel, String, JSONValue)] = [
            try { let m = try WordPieceModel(json: .parse(wordPiece)); return (m, wordPiece, m.json) }(),
            try { let m = try WordLevelModel(json: .parse(wordLevel)); return (m, wordLevel, m.json) }(),
        ]
        for (model, source, json) in models {
            #expect(model.vocabularySize == 5)
            #expect([ids(model, K), ids(model, kelvin), ids(model, eAcute), ids(model, eCombining)] == [[1], [2], [3], [4]])
            #expect(model.id(forToken: kelvin) == 2 && model.token(forID: 2).map { Array($0.utf8) } == Array(kelvin.utf8))
            #expect(Array(json.serialized().utf8) == Array(source.utf8))
        }
    }

    @Test func gpt2VocabJSONKeepsBothSpellings() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vocabkeys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let vocabPath = dir.appendingPathComponent("vocab.json").path
        let mergesPath = dir.appendingPathComponent("merges.txt").path
        try Data(#"{"K":0,"\#(kelvin)":1,"\#(eAcute)":2,"e":3,"\#u{301}":4,"\#(eCombining)":5}"#.utf8).write(to: URL(fileURLWithPath: vocabPath))
        try Data("#version: 0.2\ne \u{301}\n".utf8).write(to: URL(fileURLWithPath: mergesPath))
        let model = try BPEModel.loadGPT2(vocabPath: vocabPath, mergesPath: mergesPath, options: BPEModel.Options(byteLevel: false))
        #expect(model.vocabularySize == 6)
        #expect([ids(model, K), ids(model, kelvin), ids(model, eAcute), ids(model, eCombining)] == [[0], [1], [2], [5]])
        // tokenizers < 0.20 write merges as "a b" strings; " " + U+0301 is one Swift Character.
        let old = try BPEModel(json: .parse(#"{"type":"BPE","vocab":{"e":0,"\#u{301}":1,"\#(eCombining)":2},"merges":["e \#u{301}"]}"#))
        #expect(ids(old, eCombining) == [2])
    }

    /// HF BpeTrainer (vocab_size 40, special "[UNK]") on these words, each 3 times, learns 24 tokens.
    @Test func bpeTrainerKeepsBothSpellingsLikeHuggingFace() throws {
        var words = ByteStringCounter()
        for word in [K, kelvin, "Kelvin", kelvin + "elvin", "caf" + eAcute, "caf" + eCombining, "cafe"] {
            words.add(word.utf8, count: 3)
        }
        let result = try BPETrainer(BPETrainerOptions(vocabSize: 40, minFrequency: 0, specialTokens: ["[UNK]"])).train(words)
        let expected = ["[UNK]", "K", "a", "c", "e", "f", "i", "l", "n", "v", eAcute, "\u{301}", kelvin, "af", "caf", "el",
                        "in", "vin", "cafe", "elvin", "Kelvin", kelvin + "elvin", "caf" + eAcute, "caf" + eCombining]
        #expect(result.vocab.count == 24)
        #expect(result.vocab.tokens.map { Array($0.utf8) } == expected.map { Array($0.utf8) })
        let expectedMerges = [("a", "f"), ("c", "af"), ("e", "l"), ("i", "n"), ("v", "in"), ("caf", "e"), ("el", "vin"),
                              ("K", "elvin"), (kelvin, "elvin"), ("caf", eAcute), ("cafe", "\u{301}")]
        #expect(result.merges.map { Array(($0.0 + " " + $0.1).utf8) } == expectedMerges.map { Array(($0.0 + " " + $0.1).utf8) })

        let model = try result.makeModel(unkToken: "[UNK]")
        #expect(model.vocabularySize == 24)
        for (word, id) in [(K, Int32(1)), (kelvin, 12), ("Kelvin", 20), (kelvin + "elvin", 21), ("caf" + eAcute, 22), ("caf" + eCombining, 23)] {
            #expect(ids(model, word) == [id])
        }
        let wordPiece = try WordPieceTrainer(BPETrainerOptions(vocabSize: 40, specialTokens: ["[UNK]"])).train(words)
        #expect(wordPiece.vocab.count == wordPiece.tokens.count)
        #expect(wordPiece.makeModel().vocabularySize == wordPiece.tokens.count)
    }

    @Test func wordLevelTrainerKeepsBothSpellings() {
        var words = ByteStringCounter()
        for (word, count) in [(K, 4), (kelvin, 3), (eAcute, 2), (eCombining, 1)] { words.add(word.utf8, count: count) }
        let model = WordLevelTrainer(specialTokens: ["<unk>"]).train(words)
        #expect(model.vocabularySize == 5)
        #expect([ids(model, K), ids(model, kelvin), ids(model, eAcute), ids(model, eCombining)] == [[1], [2], [3], [4]])
    }
}
