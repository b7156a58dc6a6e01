import Foundation
import Testing
@testable import NLPTokenizers

@Suite struct WordPieceModelTests {
    func tokenize(_ model: WordPieceModel, _ word: String) -> [(Int32, Range<Int>)] {
        var tokens = TokenBuffer()
        var bytes = Array(word.utf8)
        bytes.withUnsafeMutableBufferPointer { model.tokenize(UnsafeBufferPointer($0), into: &tokens) }
        return (0..<tokens.count).map { (tokens.ids[$0], Int(tokens.starts[$0])..<Int(tokens.ends[$0])) }
    }

    @Test func greedyLongestMatchWithContinuationPrefix() {
        // HF's own unit test: "banana" -> ba ##na ##na; "nanana" cannot start with "na" -> [UNK].
        let model = WordPieceModel(vocab: ["##na": 0, "ba": 1, "[UNK]": 2])
        #expect(tokenize(model, "banana").map(\.0) == [1, 0, 0])
        #expect(tokenize(model, "banana").map(\.1) == [0..<2, 2..<4, 4..<6])
        #expect(tokenize(model, "nanana").map(\.0) == [2])
        #expect(tokenize(model, "nanana").map(\.1) == [0..<6])
    }

    @Test func longestMatchWinsOverShorter() {
        let model = WordPieceModel(vocab: ["[UNK]": 0, "un": 1, "una": 2, "##ff": 3, "##aff": 4, "##able": 5])
        // Greedy: the longest start "una" wins, then "##ff", "##able"; it never backtracks to "un".
        #expect(tokenize(model, "unaffable").map(\.0) == [2, 3, 5])
        #expect(tokenize(model, "unaffable").map(\.1) == [0..<3, 3..<5, 5..<9])
    }

    @Test func wholeWordBecomesUnknownWhenAnyPieceFails() {
        let model = WordPieceModel(vocab: ["[UNK]": 0, "a": 1, "##b": 2])
        #expect(tokenize(model, "abx").map(\.0) == [0])
        #expect(tokenize(model, "abx").map(\.1) == [0..<3])
    }

    @Test func maxInputCharsCountsCharactersNotBytes() {
        let model = WordPieceModel(vocab: ["[UNK]": 0, "é": 1, "##é": 2], maxInputCharsPerWord: 3)
        #expect(tokenize(model, "ééé").map(\.0) == [1, 2, 2])      // 3 characters, 6 bytes
        #expect(tokenize(model, "éééé").map(\.0) == [0])           // 4 characters
        #expect(tokenize(model, "éééé").map(\.1) == [0..<8])
    }

    @Test func missingUnknownTokenEmitsNothing() {
        let model = WordPieceModel(vocab: ["a": 0])
        #expect(tokenize(model, "b").isEmpty)
        #expect(model.unkID == nil)
    }

    @Test func jsonRoundTripsInHuggingFaceShape() throws {
        let text = ###"{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##","max_input_chars_per_word":100,"vocab":{"[UNK]":0,"a":1,"##b":2}}"###
        let model = try WordPieceModel(json: JSONValue.parse(text))
        #expect(model.json.serialized() == text)
        #expect(model.vocabularySize == 3 && model.token(forID: 2) == "##b" && model.id(forToken: "a") == 1)
    }

    @Test func jsonRejectsMissingFieldsWithOneLine() throws {
        let missing = ###"{"type":"WordPiece","continuing_subword_prefix":"##","max_input_chars_per_word":100,"vocab":{}}"###
        #expect(throws: TokenizerError.invalidArgument("WordPiece model: missing \"unk_token\"")) {
            try WordPieceModel(json: JSONValue.parse(missing))
        }
        let wrongType = ###"{"type":"WordLevel","unk_token":"[UNK]","vocab":{}}"###
        #expect(throws: TokenizerError.self) { try WordPieceModel(json: JSONValue.parse(wrongType)) }
    }
}

@Suite struct BertVocabFileTests {
    @Test func idIsLineNumberWithCRLFAndTrailingNewline() throws {
        let vocab = try BertVocabFile.parse(Array("[PAD]\r\n[UNK]\r\nhello \r\n##lo\n".utf8))
        #expect(vocab == ["[PAD]": 0, "[UNK]": 1, "hello": 2, "##lo": 3])
    }

    @Test func emptyLineInTheMiddleIsATokenAndDuplicatesKeepTheLastLine() throws {
        let vocab = try BertVocabFile.parse(Array("a\n\nb\na\nc".utf8))
        #expect(vocab == ["a": 3, "": 1, "b": 2, "c": 4])
        let model = WordPieceModel(vocab: vocab)
        #expect(model.token(forID: 0) == nil && model.token(forID: 3) == "a")
    }

    @Test func refusesEmptyBinaryAndInvalidFiles() throws {
        #expect(throws: TokenizerError.invalidFile(path: "v.txt", reason: "empty vocabulary file")) {
            try BertVocabFile.parse([], path: "v.txt")
        }
        #expect(throws: TokenizerError.invalidFile(path: "v.txt", reason: "not a vocab.txt (NUL byte at offset 2; binary file?)")) {
            try BertVocabFile.parse([0x61, 0x0A, 0x00], path: "v.txt")
        }
        #expect(throws: TokenizerError.invalidFile(path: "v.txt", reason: "invalid UTF-8 on line 2")) {
            try BertVocabFile.parse([0x61, 0x0A, 0xFF, 0x0A], path: "v.txt")
        }
        #expect(throws: TokenizerError.self) { try BertVocabFile.read(path: "/nonexistent/vocab.txt") }
        #expect(throws: TokenizerError.invalidFile(path: "/tmp", reason: "is a directory")) {
            try BertVocabFile.read(path: "/tmp")
        }
    }

    @Test func writerRoundTripsMiniLMVocabByteForByte() throws {
        let path = try WordPieceFixtures.path("minilm-vocab.txt")
        let model = try WordPieceModel(vocabFile: path)
        #expect(model.vocabularySize == 30522)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(BertVocabFile.serialize(model) == Array(original))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("wp-vocab-\(getpid()).txt").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        try BertVocabFile.write(model, to: out)
        #expect(try BertVocabFile.read(path: out) == model.vocab)
    }
}
