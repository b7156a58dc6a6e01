import Foundation
import Testing
@testable import NLPTokenizers

/// WordPiece and WordLevel training against HF's trainers on the same corpus
/// (scripts/reference/make_bpe_trainer_reference.py, cases "wordpiece" and "word_level").
struct WordPieceAndWordLevelTrainerTests {
    func encode(_ model: any TokenModel, _ text: String) -> [Int32] {
        let bytes = Array(text.utf8)
        var pieces: [Range<Int>] = []
        var output = TokenBuffer()
        bytes.withUnsafeBufferPointer { buffer in
            WhitespacePreTokenizer().split(buffer, range: 0..<buffer.count, into: &pieces)
            for piece in pieces { model.tokenize(UnsafeBufferPointer(rebasing: buffer[piece]), into: &output) }
        }
        return output.ids
    }

    func vocab(_ reference: JSONValue) -> Vocabulary {
        var vocab = Vocabulary()
        for (token, id) in reference["vocab"]?.objectValue ?? [] { vocab.insert(token, id: Int32(id.intValue!)) }
        return vocab
    }

    func expectEncodingsMatch(_ model: any TokenModel, _ reference: JSONValue) {
        for item in reference["encodings"]?.arrayValue ?? [] {
            let text = item["text"]?.stringValue ?? ""
            let ids = (item["ids"]?.arrayValue ?? []).compactMap { $0.intValue.map(Int32.init) }
            #expect(encode(model, text) == ids, "\(text)")
        }
    }

    @Test func wordPieceVocabularyAndEncodingsMatchHuggingFace() throws {
        let reference = try #require(try TrainingFixtures.reference()["wordpiece"])
        var options = TrainingFixtures.options(try #require(reference["options"]))
        let expected = vocab(reference)
        options.continuingSubwordPrefix = "##"
        options.decoratedOrder = TrainingFixtures.decoratedOrder(reference, options)
        let words = try WordCounter(preTokenizer: WhitespacePreTokenizer()).count(files: [TrainingFixtures.corpusPath])
        let result = try WordPieceTrainer(options).train(words)
        #expect(result.vocab == expected)
        #expect(result.continuingSubwordPrefix == "##")
        expectEncodingsMatch(result.makeModel(unkToken: "[UNK]"), reference)
    }

    @Test func wordLevelVocabularyAndEncodingsMatchHuggingFace() throws {
        let reference = try #require(try TrainingFixtures.reference()["word_level"])
        let options = try #require(reference["options"])
        let trainer = WordLevelTrainer(vocabSize: options["vocab_size"]!.intValue!, minFrequency: options["min_frequency"]!.intValue!,
                                       specialTokens: options["special_tokens"]!.arrayValue!.compactMap(\.stringValue))
        let words = try WordCounter(preTokenizer: WhitespacePreTokenizer()).count(files: [TrainingFixtures.corpusPath])
        let model = trainer.train(words, unkToken: "<unk>")
        #expect(model.vocab == vocab(reference))
        expectEncodingsMatch(model, reference)
    }

    @Test func wordLevelFollowsHuggingFacesUnitExample() {
        // tokenizers/src/models/wordlevel/trainer.rs `test_train`.
        let counts = ["the": 25, "roses": 22, "are": 24, "red": 12, "voilets": 10, "blue": 16]
        #expect(WordLevelTrainer(vocabSize: 5).train(wordCounts: counts).vocab
                == ["the": 0, "are": 1, "roses": 2, "blue": 3, "red": 4])
        #expect(WordLevelTrainer(vocabSize: 5, minFrequency: 15).train(wordCounts: counts).vocab
                == ["the": 0, "are": 1, "roses": 2, "blue": 3])
        // Equal counts: byte order ("B" < "a" < "b").
        #expect(WordLevelTrainer().tokens({ var c = ByteStringCounter(); for w in ["b", "a", "B"] { c.add(w.utf8) }; return c }())
                == ["B", "a", "b"])
    }

    @Test func wordLevelModelUnknownsAndJSON() throws {
        let model = WordLevelModel(vocab: ["<unk>": 0, "the": 1, "cat": 2], unkToken: "<unk>")
        #expect(encode(model, "the dog cat") == [1, 0, 2])
        let json = #"{"type":"WordLevel","vocab":{"<unk>":0,"the":1,"cat":2},"unk_token":"<unk>"}"#
        #expect(model.json.serialized() == json)
        let loaded = try WordLevelModel(json: .parse(json))
        #expect(loaded.vocab == model.vocab && loaded.unkToken == "<unk>" && loaded.token(forID: 2) == "cat")
        // Without the unknown token in the vocabulary, unknown pieces produce nothing.
        #expect(encode(WordLevelModel(vocab: ["a": 0]), "a b") == [0])
        #expect(throws: TokenizerError.self) { try WordLevelModel(json: .parse(#"{"type":"BPE","vocab":{}}"#)) }
    }
}
