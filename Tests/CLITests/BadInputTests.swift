import Foundation
import Testing

/// Refusals: one line on standard error, `nlp: <file>: <reason>`, exit status 1, nothing on stdout.
@Suite struct BadInputTests {
    func expectRefusal(_ result: CLIResult, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(result.stderr == message + "\n", sourceLocation: sourceLocation)
        #expect(!result.stderr.dropLast().contains("\n"), sourceLocation: sourceLocation)
    }

    @Test func missingFilesAndDirectories() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for command in ["tokenize", "normalize"] {
            let missing = try CLI.run([command, dir + "/nope.txt"])
            expectRefusal(missing, "nlp: \(dir)/nope.txt: no such file")
            #expect(missing.stdout.isEmpty)
            expectRefusal(try CLI.run([command, dir]), "nlp: \(dir): is a directory")
        }
        expectRefusal(try CLI.run(["tokenize", "--vocab", dir + "/v.json"], stdin: Data("x\n".utf8)), "nlp: \(dir)/v.json: no such file")
        expectRefusal(try CLI.run(["vocab", "train", "--algorithm", "bpe", "--size", "100", "--output", dir + "/o.json", dir + "/nope.txt"]),
                      "nlp: \(dir)/nope.txt: no such file")
    }

    @Test func invalidUTF8NamesLineAndByte() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var bytes = Data("good line\nbad ".utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(contentsOf: Data(" here\n".utf8))
        try CLI.write(bytes, dir + "/bad.txt")
        for command in ["tokenize", "normalize"] {
            expectRefusal(try CLI.run([command, dir + "/bad.txt"]), "nlp: \(dir)/bad.txt: invalid UTF-8 at line 2, byte 5 (0xC3 0x28)")
            let lossy = try CLI.run([command, "--lossy", dir + "/bad.txt"])
            #expect(lossy.status == 0 && lossy.stdout.hasSuffix("\u{FFFD}( here\n") || lossy.stdout.contains("\u{FFFD}"))
        }
        expectRefusal(try CLI.run(["tokenize"], stdin: Data([0x61, 0xFF, 0x0A])), "nlp: <stdin>: invalid UTF-8 at line 1, byte 2 (0xFF)")
    }

    @Test func unknownOrCorruptVocabularies() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CLI.write("just some prose here\nand more prose\n", dir + "/notes.md")
        try CLI.write(#"{"model": {"type": "WordPiece", "#, dir + "/broken.json")
        try CLI.write(#"{"normalizer":{"type":"Precompiled"},"model":{"type":"WordPiece","unk_token":"[UNK]","vocab":{"[UNK]":0}}}"#, dir + "/tokenizer.json")
        try CLI.write(Data([0x00, 0x01, 0x02, 0x03]), dir + "/model.bin")
        let input = Data("text\n".utf8)
        expectRefusal(try CLI.run(["tokenize", "--vocab", dir + "/notes.md"], stdin: input),
                      "nlp: \(dir)/notes.md: unknown vocabulary format (expected tokenizer.json, vocab.txt, vocab.json + merges.txt or *.tiktoken)")
        let broken = try CLI.run(["tokenize", "--vocab", dir + "/broken.json"], stdin: input)
        #expect(broken.status == 1 && broken.stderr.hasPrefix("nlp: \(dir)/broken.json: corrupt JSON"))
        expectRefusal(try CLI.run(["tokenize", "--vocab", dir + "/tokenizer.json"], stdin: input),
                      "nlp: \(dir)/tokenizer.json: unsupported normalizer type \"Precompiled\"")
        expectRefusal(try CLI.run(["tokenize", "--vocab", dir + "/model.bin"], stdin: input),
                      "nlp: \(dir)/model.bin: not a vocabulary file (binary data)")
    }
}
