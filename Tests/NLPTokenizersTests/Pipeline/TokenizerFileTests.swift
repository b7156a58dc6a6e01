import Foundation
import Testing
@testable import NLPTokenizers

/// Opening vocabulary files by their content, writing tokenizer.json atomically, and the errors
/// a user sees for files that are not vocabularies.
@Suite struct TokenizerFileTests {
    func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "pipeline-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func write(_ text: String, _ path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }

    func reason(_ body: () throws -> Tokenizer) -> String {
        do { _ = try body(); return "" } catch { return "\(error)" }
    }

    @Test func bertVocabTxtGetsTheUncasedBertPipeline() throws {
        let tokenizer = try Tokenizer.load(path: WordPieceFixtures.path("minilm-vocab.txt"))
        let e = try tokenizer.encode("Hello World!", pair: "Héllo")
        #expect(e.ids == [101, 7592, 2088, 999, 102, 7592, 102])
        #expect(e.typeIDs == [0, 0, 0, 0, 0, 1, 1])
        #expect(e.offsets == [0..<0, 0..<5, 6..<11, 11..<12, 0..<0, 0..<6, 0..<0])
        #expect(tokenizer.decode(e.ids) == "hello world! hello")
        #expect(tokenizer.tokenToId("[MASK]") == 103 && tokenizer.idToToken(7592) == "hello")
        #expect(tokenizer.vocabularySize(withAddedTokens: true) == 30522)
    }

    @Test func tiktokenFileGetsGPT2Splitting() throws {
        let tokenizer = try Tokenizer.load(path: WordPieceFixtures.path("gpt2.tiktoken"))
        let e = try tokenizer.encode("Hello world")
        #expect(e.ids == [15496, 995])
        #expect(tokenizer.decode(e.ids) == "Hello world")
        #expect(throws: TokenizerError.self) { try Tokenizer.load(path: WordPieceFixtures.path("gpt2.tiktoken"), pattern: "p{nope") }
    }

    @Test func writeIsAtomicAndRoundTrips() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var tokenizer = try Tokenizer.load(path: WordPieceFixtures.path("minilm-vocab.txt"))
        tokenizer.truncation = Truncation(maxLength: 8, stride: 2)
        tokenizer.padding = Padding(strategy: .fixed(8))
        tokenizer.addTokens(["<new>"])
        let path = dir + "/tokenizer.json"
        try write("old content", path)
        try tokenizer.write(to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["tokenizer.json"])  // no temp files left
        let again = try Tokenizer(contentsOf: path)
        #expect(again.json == tokenizer.json)
        #expect(try again.encode("a <new> b") == tokenizer.encode("a <new> b"))
        #expect(again.tokenToId("<new>") == 30522)
        // A directory that does not exist: an error, nothing written.
        #expect(throws: TokenizerError.self) { try tokenizer.write(to: dir + "/missing/tokenizer.json") }
    }

    @Test func badFilesAreOneLineErrorsNamingTheFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("", dir + "/empty.txt")
        try write("{\"model\": {\"type\": \"WordPiece\", ", dir + "/corrupt.json")
        try write(#"{"normalizer":{"type":"Precompiled"},"model":{"type":"WordPiece","unk_token":"[UNK]","vocab":{"[UNK]":0}}}"#, dir + "/tok.json")
        try write("#version: 0.2\na b\n", dir + "/merges.txt")
        try write("hello there world\nthis is prose\n", dir + "/prose.md")
        try FileManager.default.createDirectory(atPath: dir + "/gpt2", withIntermediateDirectories: true)
        try write(#"{"a": 1, "b": 2}"#, dir + "/gpt2/vocab.json")
        #expect(reason { try Tokenizer.load(path: dir + "/nope.json") } == "\(dir)/nope.json: no such file")
        #expect(reason { try Tokenizer.load(path: dir) } == "\(dir): is a directory")
        #expect(reason { try Tokenizer.load(path: dir + "/empty.txt") } == "\(dir)/empty.txt: empty vocabulary file")
        #expect(reason { try Tokenizer.load(path: dir + "/corrupt.json") }.hasPrefix("\(dir)/corrupt.json: corrupt JSON"))
        #expect(reason { try Tokenizer.load(path: dir + "/tok.json") } == "\(dir)/tok.json: unsupported normalizer type \"Precompiled\"")
        #expect(reason { try Tokenizer(contentsOf: dir + "/tok.json") } == "\(dir)/tok.json: unsupported normalizer type \"Precompiled\"")
        #expect(reason { try Tokenizer.load(path: dir + "/merges.txt") }.contains("merges.txt; pass the vocab.json"))
        #expect(reason { try Tokenizer.load(path: dir + "/prose.md") }.contains("unknown vocabulary format"))
        #expect(reason { try Tokenizer.load(path: dir + "/gpt2/vocab.json") }.contains("needs merges.txt beside it"))
    }
}
