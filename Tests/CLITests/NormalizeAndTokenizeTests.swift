import Foundation
import Testing

/// `nlp normalize` and `nlp tokenize`: output shapes of DESIGN.md, one line out per line in.
@Suite struct NormalizeAndTokenizeTests {
    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: CLI.binary), "nlp not found next to the tests")
    }

    @Test func normalizeForms() throws {
        let input = Data("Cafe\u{301} ＡＢＣ ﬁ\nÀ bientôt\n".utf8)
        #expect(try CLI.run(["normalize"], stdin: input).stdout == "Café ＡＢＣ ﬁ\nÀ bientôt\n")
        #expect(try CLI.run(["normalize", "--form", "nfkc", "--lowercase", "--strip-accents"], stdin: input).stdout
            == "cafe abc fi\na bientot\n")
        #expect(try CLI.run(["normalize", "--form", "nfd"], stdin: Data("é\n".utf8)).stdoutBytes == Data("e\u{301}\n".utf8))
        let bad = try CLI.run(["normalize", "--form", "nfx"])
        #expect(bad.status != 0 && bad.stdout.isEmpty)
    }

    @Test func icuWordsWithoutVocabulary() throws {
        let zh = try CLI.run(["tokenize", "--locale", "zh"], stdin: Data("我爱北京天安门\n".utf8))
        #expect(zh.status == 0 && zh.stdout == "我 爱 北京 天安门\n")
        let json = try CLI.run(["tokenize", "--format", "json"], stdin: Data("Héllo, world!\n\n".utf8))
        #expect(json.stdout == #"""
            {"ids":null,"tokens":["Héllo",",","world","!"],"offsets":[[0,6],[6,7],[8,13],[13,14]]}
            {"ids":null,"tokens":[],"offsets":[]}

            """#)
        let ids = try CLI.run(["tokenize", "--format", "ids"], stdin: Data("a\n".utf8))
        #expect(ids.status != 0 && ids.stderr.contains("--vocab"))
    }

    @Test func bertVocabularyFormats() throws {
        let vocab = CLI.fixture("minilm-vocab.txt")
        let input = Data("Hello World!\nHéllo [SEP] x\n".utf8)
        #expect(try CLI.run(["tokenize", "--vocab", vocab], stdin: input).stdout
            == "[CLS] hello world ! [SEP]\n[CLS] hello [SEP] x [SEP]\n")
        #expect(try CLI.run(["tokenize", "--vocab", vocab, "--format", "ids", "--no-special-tokens"], stdin: input).stdout
            == "7592 2088 999\n7592 102 1060\n")
        #expect(try CLI.run(["tokenize", "--vocab", vocab, "--format", "json"], stdin: Data("Héllo!\n".utf8)).stdout
            == #"{"ids":[101,7592,999,102],"tokens":["[CLS]","hello","!","[SEP]"],"offsets":[[0,0],[0,6],[6,7],[0,0]]}"# + "\n")
        let wrongKind = try CLI.run(["tokenize", "--vocab", vocab, "--tokenizer", "bytelevel"], stdin: input)
        #expect(wrongKind.status == 1 && wrongKind.stderr == "nlp: \(vocab): is a wordpiece tokenizer, not bytelevel\n")
    }

    @Test func tiktokenRanks() throws {
        let result = try CLI.run(["tokenize", "--vocab", CLI.fixture("gpt2.tiktoken"), "--format", "ids"],
                                 stdin: Data("Hello world\r\n".utf8))
        #expect(result.status == 0 && result.stdout == "15496 995\n")  // the "\r" of CRLF is not part of the line
    }

    @Test func manyLinesKeepTheirOrderOnTwoThreads() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = (0..<20000).map { "line \($0): word\($0 % 97) ünïcode \($0 * 7919 % 1000)" }
        try CLI.write(lines.joined(separator: "\n") + "\n", dir + "/in.txt")
        let vocab = CLI.fixture("minilm-vocab.txt")
        let two = try CLI.run(["tokenize", "--vocab", vocab, "--threads", "2", dir + "/in.txt"])
        let one = try CLI.run(["tokenize", "--vocab", vocab, "--threads", "1", dir + "/in.txt"])
        #expect(two.status == 0 && two.stdout == one.stdout)
        let out = two.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(out.count == lines.count + 1)
        #expect(out[12345] == "[CLS] line 123 ##45 : word ##26 unicode 55 [SEP]" || out[12345].hasPrefix("[CLS] line 12345"))
        // Two files: one stream, in order.
        let twice = try CLI.run(["tokenize", dir + "/in.txt", dir + "/in.txt"])
        #expect(twice.stdout.split(separator: "\n").count == 2 * lines.count)
    }

    @Test func aLongLineWithoutSpaces() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let line = String(repeating: "abcdefghij", count: 200_000)  // 2 MB, one word
        try CLI.write(line + "\nshort\n", dir + "/long.txt")
        let result = try CLI.run(["tokenize", "--vocab", CLI.fixture("gpt2.tiktoken"), "--format", "ids", dir + "/long.txt"])
        #expect(result.status == 0)
        let out = result.stdout.split(separator: "\n")
        #expect(out.count == 2 && out[1] == "19509")
        #expect(out[0].split(separator: " ").count > 100_000)
    }

    @Test func emptyInputIsEmptyOutput() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CLI.write("", dir + "/empty.txt")
        for args in [["tokenize"], ["normalize"], ["tokenize", dir + "/empty.txt"], ["tokenize", "--vocab", CLI.fixture("minilm-vocab.txt")]] {
            let result = try CLI.run(args)
            #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(args)")
        }
    }

    @Test func closedPipeIsNotAnError() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CLI.write(String(repeating: "some words to print again and again\n", count: 200_000), dir + "/big.txt")
        // The reader stops after one line: nlp must stop quietly, with status 0.
        let result = try CLI.run(executable: "/bin/bash", ["-c", "'\(CLI.binary)' tokenize '\(dir)/big.txt' | head -1; echo \"status=${PIPESTATUS[0]}\""])
        #expect(result.stdout == "some words to print again and again\nstatus=0\n")
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")
        let status = try CLI.run(executable: "/bin/bash", ["-c", "'\(CLI.binary)' normalize '\(dir)/big.txt' | head -2 >/dev/null; echo ${PIPESTATUS[0]}"])
        #expect(status.stderr.isEmpty && status.stdout == "0\n")
    }
}
