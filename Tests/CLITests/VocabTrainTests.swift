import Foundation
import Testing

/// `nlp vocab train`: a complete tokenizer.json, written atomically, never half-written.
@Suite struct VocabTrainTests {
    @Test(arguments: ["bpe", "bytelevel"])
    func trainsTheCommittedVocabularyAgain(_ algorithm: String) throws {
        // The committed trained-*.json came from this command; HF's ids for them are checked in
        // TrainedVocabParityTests. Training again must give the same file, byte for byte.
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/tokenizer.json"
        let result = try CLI.run(["vocab", "train", "--algorithm", algorithm, "--size", "400", "--output", output,
                                  CLI.fixture("trained-corpus.txt")])
        #expect(result.status == 0 && result.stderr.isEmpty && result.stdout.isEmpty)  // no progress: stderr is not a TTY
        #expect(FileManager.default.contents(atPath: output) == FileManager.default.contents(atPath: CLI.fixture("trained-\(algorithm).json")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["tokenizer.json"])
        let tokens = try CLI.run(["tokenize", "--vocab", output], stdin: Data("The tokenizer reads long sentences.\n".utf8))
        #expect(tokens.status == 0 && tokens.stdout.split(separator: " ").count >= 4)
    }

    @Test func vocabularySmallerThanTheAlphabetLeavesNoFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/tokenizer.json"
        try CLI.write("previous", output)
        let corpus = CLI.fixture("trained-corpus.txt")
        let result = try CLI.run(["vocab", "train", "--algorithm", "bpe", "--size", "20", "--output", output, corpus])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("nlp: \(corpus): vocabulary size 20 is smaller than the alphabet"))
        #expect(FileManager.default.contents(atPath: output) == Data("previous".utf8))  // untouched
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["tokenizer.json"])
        let badOutput = try CLI.run(["vocab", "train", "--algorithm", "bytelevel", "--size", "300", "--output", dir + "/no/such/dir.json", corpus])
        #expect(badOutput.status == 1 && badOutput.stderr.hasPrefix("nlp: \(dir)/no/such/dir.json: "))
    }

    @Test func customSpecialTokensComeFirst() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/t.json"
        let result = try CLI.run(["vocab", "train", "--algorithm", "bytelevel", "--size", "300", "--min-frequency", "1",
                                  "--special-tokens", "<pad>", "<s>", "--output", output, CLI.fixture("trained-corpus.txt")])
        #expect(result.status == 0)
        let ids = try CLI.run(["tokenize", "--vocab", output, "--format", "ids"], stdin: Data("<s>x<pad>\n".utf8))
        #expect(ids.stdout.hasPrefix("1 ") && ids.stdout.hasSuffix(" 0\n"))
    }
}

@Suite struct VocabTrainOtherAlgorithmsTests {
    @Test func wordpieceGetsTheBertTemplate() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/wp.json"
        #expect(try CLI.run(["vocab", "train", "--algorithm", "wordpiece", "--size", "300", "--output", output,
                             CLI.fixture("trained-corpus.txt")]).status == 0)
        let tokens = try CLI.run(["tokenize", "--vocab", output], stdin: Data("The tokenizer READS\n".utf8))
        #expect(tokens.stdout.hasPrefix("[CLS] the ") && tokens.stdout.hasSuffix(" [SEP]\n"))
    }

    @Test func wordlevelKeepsWholeWords() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/wl.json"
        #expect(try CLI.run(["vocab", "train", "--algorithm", "wordlevel", "--size", "100", "--output", output,
                             CLI.fixture("trained-corpus.txt")]).status == 0)
        let tokens = try CLI.run(["tokenize", "--vocab", output], stdin: Data("The tokenizer reads zzzz\n".utf8))
        #expect(tokens.stdout == "The tokenizer reads [UNK]\n")
    }

    @Test func tiktokenWithANamedPattern() throws {
        let result = try CLI.run(["tokenize", "--vocab", CLI.fixture("gpt2.tiktoken"), "--pattern", "cl100k"],
                                 stdin: Data("year 2024\n".utf8))
        #expect(result.stdout == "year Ġ 202 4\n")  // cl100k splits digits in threes
        let bad = try CLI.run(["tokenize", "--vocab", CLI.fixture("gpt2.tiktoken"), "--pattern", "(x"], stdin: Data("a\n".utf8))
        #expect(bad.status == 1 && bad.stderr.contains("--pattern (x: invalid regex"))
    }
}
