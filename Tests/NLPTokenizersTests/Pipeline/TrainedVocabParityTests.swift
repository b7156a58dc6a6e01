import Foundation
import Testing
@testable import NLPTokenizers

/// "A vocabulary trained by `nlp vocab train` loads in Hugging Face tokenizers and encodes
/// identically": trained-*.json were written by `nlp vocab train`, and the ids beside them come
/// from HF tokenizers loading those files (scripts/reference/make_trained_vocab_reference.py).
/// The CLI tests check that `nlp vocab train` still writes exactly these files.
@Suite struct TrainedVocabParityTests {
    @Test(arguments: ["bpe", "bytelevel"])
    func ourTrainedVocabularyEncodesAsHuggingFace(_ algorithm: String) throws {
        let tokenizer = try Tokenizer(contentsOf: WordPieceFixtures.path("trained-\(algorithm).json"))
        let data = try #require(FileManager.default.contents(atPath: WordPieceFixtures.path("trained-vocab-reference.json")))
        let cases = try #require(try JSONValue.parse(Array(data))[algorithm]?.arrayValue)
        #expect(cases.count > 300)
        var mismatches = 0
        for c in cases {
            let text = c["text"]!.stringValue!
            let expected = c["ids"]!.arrayValue!.map { Int32($0.intValue!) }
            let ids = try tokenizer.encode(text).ids
            if ids != expected { mismatches += 1 }
            #expect(ids == expected, "\(text.debugDescription)")
        }
        #expect(mismatches == 0)
    }
}
