import Foundation
import Testing
@testable import NLPTokenizers

@Suite struct BPEFileLoaderTests {
    func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bpe-loader-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func tiktokenErrorsNameTheLine() throws {
        let cases: [(String, String)] = [
            ("IQ== 0\nIg== 1\nn*t! 2\n", "line 3: invalid base64 token"),
            ("IQ== 0\nIg==\n", "line 2: expected 'base64-token rank'"),
            ("IQ== 0\nIg== x1\n", "line 2: rank is not a non-negative integer"),
            ("IQ== 0\nIQ== 1\n", "line 2: token listed twice"),
            ("IQ== 0\nIg== 0\n", "line 2: rank 0 listed twice"),
            ("\n\n", "no tokens (not a tiktoken rank file)"),
        ]
        for (text, reason) in cases {
            let path = try temporaryFile("bad.tiktoken", text)
            #expect(throws: TokenizerError.invalidFile(path: path, reason: reason)) { try BPEModel.loadTiktoken(path: path) }
        }
        #expect(throws: TokenizerError.invalidFile(path: "/nonexistent/x.tiktoken", reason: "no such file")) {
            try BPEModel.loadTiktoken(path: "/nonexistent/x.tiktoken")
        }
        #expect(throws: TokenizerError.invalidFile(path: "/tmp", reason: "is a directory, not a file")) {
            try BPEModel.loadTiktoken(path: "/tmp")
        }
    }

    /// vocab.json + merges.txt written from the recovered GPT-2 merges give tiktoken's ids.
    @Test func gpt2VocabAndMergesFiles() throws {
        let gpt2 = Fixtures.gpt2
        #expect(gpt2.merges.count == 50000)
        let vocabJSON = JSONValue.object(gpt2.vocab.entries.map { ($0.token, .int(Int($0.id))) })
        let vocabPath = try temporaryFile("vocab.json", vocabJSON.serialized())
        let mergesPath = try temporaryFile("merges.txt", "#version: 0.2\n" + gpt2.merges.map { "\($0.0) \($0.1)" }.joined(separator: "\n") + "\n")
        let model = try BPEModel.loadGPT2(vocabPath: vocabPath, mergesPath: mergesPath)
        #expect(model.isByteLevel)
        let reference = try Reference.load()
        let lines = reference["lines"]!.arrayValue!.map { $0.stringValue! }
        let expected = reference["gpt2"]!.arrayValue!.map { $0.arrayValue!.map { Int32($0.intValue!) } }
        var same = 0
        for (line, ids) in zip(lines, expected) where encodeGPT2(line, model: model).ids == ids { same += 1 }
        #expect(same == lines.count)
        let bad = try temporaryFile("bad-merges.txt", "#version: 0.2\nĠ t\nĠt\n")
        #expect(throws: TokenizerError.invalidFile(path: bad, reason: "line 3: expected two tokens separated by one space")) {
            try BPEModel.loadGPT2(vocabPath: vocabPath, mergesPath: bad)
        }
    }
}
