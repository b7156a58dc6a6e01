import Foundation
import Testing
@testable import NLPTokenizers

/// `IDEncoder` (the ids-only fast path of `nlp tokenize --format ids`) must give exactly the ids
/// of the general `Tokenizer.encode`, on the reference lines and with added/special tokens in them.
@Suite struct IDEncoderTests {
    /// Reference lines of both parity suites, plus lines that contain added and special tokens.
    static let lines: [String] = {
        var lines = ByteLevelParityTests.lines
        lines += ((try? WordPieceFixtures.referenceLines()) ?? []).map(\.text)
        lines += ["[CLS] hello [SEP] world [MASK]", "a[SEP]b", "[cls] lower case", "<|endoftext|>Hi<|endoftext|> there",
                  "x <|endoftext|>", "", " ", "[UNK][PAD]", "<|endoftext|", "naïve café 東京 😀 [MASK]."]
        return lines
    }()

    static func tokenizers() throws -> [(String, Tokenizer)] {
        var gpt2 = try Tokenizer.load(path: Fixtures.path("gpt2.tiktoken"))
        gpt2.addSpecialTokens(["<|endoftext|>"])
        var cl100kSplit = try Tokenizer.load(path: Fixtures.path("gpt2.tiktoken"), pattern: "cl100k")
        cl100kSplit.addTokens(["[MASK]"])
        let bert = try Tokenizer.load(path: WordPieceFixtures.path("minilm-vocab.txt"))
        var truncated = bert
        truncated.truncation = Truncation(maxLength: 8, stride: 0, strategy: .longestFirst, direction: .right)
        var padded = bert
        padded.padding = Padding(strategy: .fixed(24))
        return [
            ("tiktoken + <|endoftext|>", gpt2),
            ("tiktoken, cl100k split, [MASK] added", cl100kSplit),
            ("byte-level tokenizer.json", try Tokenizer.load(path: Fixtures.path("trained-bytelevel.json"))),
            ("char BPE tokenizer.json (general path)", try Tokenizer.load(path: Fixtures.path("trained-bpe.json"))),
            ("BERT vocab.txt", bert),
            ("BERT truncated to 8", truncated),
            ("BERT padded to 24", padded),
        ]
    }

    @Test func fastPathsAreChosen() throws {
        let paths = try Self.tokenizers().map { $0.1.makeIDEncoder().path }
        #expect(paths == ["bytelevel", "bytelevel", "bytelevel", "general", "bert", "bert", "bert"])
    }

    @Test(arguments: [true, false])
    func idsEqualGeneralEncode(addSpecialTokens: Bool) throws {
        for (name, tokenizer) in try Self.tokenizers() {
            var encoder = tokenizer.makeIDEncoder(addSpecialTokens: addSpecialTokens)
            for line in Self.lines {
                let expected = try tokenizer.encode(line, addSpecialTokens: addSpecialTokens).ids
                #expect(try encoder.encode(line) == expected, "\(name): \(line.debugDescription)")
                #expect(try tokenizer.encodeIDs(line, addSpecialTokens: addSpecialTokens) == expected, "\(name)")
            }
        }
    }
}
