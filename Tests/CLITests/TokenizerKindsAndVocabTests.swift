import Foundation
import Testing

/// `--tokenizer word|bpe|wordpiece|bytelevel` (checks the --vocab, never chooses), Keras word
/// tokenizers end to end, the ids fast path against the general one, and more bad vocabularies.
@Suite struct TokenizerKindsAndVocabTests {
    func expectRefusal(_ result: CLIResult, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(result.stderr == message + "\n", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func kerasWordTokenizerTrainAndTokenize() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CLI.write("The cat sat on the mat.\nthe dog ate the cat!\nA bird, a cat; the end\n", dir + "/k.txt")
        let train = try CLI.run(["vocab", "train", "--algorithm", "word", "--size", "5", "--special-tokens", "<OOV>",
                                 "--output", dir + "/keras.json", dir + "/k.txt"])
        #expect(train.status == 0 && train.stderr.isEmpty)
        let json = try String(contentsOfFile: dir + "/keras.json", encoding: .utf8)
        #expect(json.hasPrefix(#"{"class_name": "Tokenizer", "config": {"num_words": 5,"#))
        // Keras: <OOV> is 1, then by count: the 2, cat 3, a 4; num_words 5 keeps indices below 5.
        let ids = try CLI.run(["tokenize", "--tokenizer", "word", "--vocab", dir + "/keras.json", "--format", "ids", dir + "/k.txt"])
        #expect(ids.status == 0 && ids.stdout == "2 3 1 1 2 1\n2 1 1 2 3\n4 1 4 3 2 1\n")
        let tokens = try CLI.run(["tokenize", "--vocab", dir + "/keras.json"], stdin: Data("The cat flew\n".utf8))
        #expect(tokens.stdout == "the cat <OOV>\n")
        expectRefusal(try CLI.run(["tokenize", "--tokenizer", "bpe", "--vocab", dir + "/keras.json", dir + "/k.txt"]),
                      "nlp: \(dir)/keras.json: is a word (Keras) tokenizer, not bpe")
        expectRefusal(try CLI.run(["tokenize", "--vocab", dir + "/keras.json", "--format", "json", dir + "/k.txt"]),
                      "nlp: --format json needs offsets, which a Keras tokenizer does not keep; use ids or tokens")
    }

    @Test func tokenizerKindIsCheckedNotChosen() throws {
        let input = Data("Hello world\n".utf8)
        let tiktoken = CLI.fixture("gpt2.tiktoken"), bert = CLI.fixture("minilm-vocab.txt")
        #expect(try CLI.run(["tokenize", "--tokenizer", "bytelevel", "--vocab", tiktoken, "--format", "ids"], stdin: input).stdout == "15496 995\n")
        #expect(try CLI.run(["tokenize", "--tokenizer", "bpe", "--vocab", tiktoken, "--format", "ids"], stdin: input).stdout == "15496 995\n")
        #expect(try CLI.run(["tokenize", "--tokenizer", "wordpiece", "--vocab", bert, "--format", "ids"], stdin: input).stdout == "101 7592 2088 102\n")
        expectRefusal(try CLI.run(["tokenize", "--tokenizer", "wordpiece", "--vocab", tiktoken], stdin: input),
                      "nlp: \(tiktoken): is a bytelevel tokenizer, not wordpiece")
        expectRefusal(try CLI.run(["tokenize", "--tokenizer", "word", "--vocab", bert], stdin: input),
                      "nlp: \(bert): is a wordpiece tokenizer, not word")
        // Without --vocab: word means ICU words; the others cannot guess a vocabulary.
        #expect(try CLI.run(["tokenize", "--tokenizer", "word"], stdin: input).stdout == "Hello world\n")
        for kind in ["bpe", "wordpiece", "bytelevel"] {
            expectRefusal(try CLI.run(["tokenize", "--tokenizer", kind], stdin: input),
                          "nlp: --tokenizer \(kind) needs --vocab PATH (only word has a default: ICU words)")
        }
        expectRefusal(try CLI.run(["tokenize", "--format", "ids"], stdin: input), "nlp: --format ids needs --vocab PATH (ICU words have no ids)")
    }

    /// `--format ids` takes the fast path; its ids must be the json (general path) ids, line for
    /// line, with special/added tokens, control characters and NUL in the text, on 1 and 2 threads.
    @Test func idsFastPathEqualsGeneralPath() throws {
        var text = "Hello [SEP] world [MASK]!\n<|endoftext|>Hi there<|endoftext|>\nnaïve café 東京 😀\n\na\u{0}b\u{1}c\u{7F} d\te\n\u{1B}[0m x\n"
        for i in 0..<3000 { text += "line \(i): some text, numbers \(i * 7919) and CJK 中文\(i % 10)\n" }
        let input = Data(text.utf8)
        for vocab in [CLI.fixture("gpt2.tiktoken"), CLI.fixture("minilm-vocab.txt"), CLI.fixture("trained-bytelevel.json")] {
            for special in [[], ["--no-special-tokens"]] {
                let json = try CLI.run(["tokenize", "--vocab", vocab, "--format", "json"] + special, stdin: input)
                let expected = try json.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
                    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                    return (object["ids"] as! [Int]).map(String.init).joined(separator: " ")
                }.joined(separator: "\n") + "\n"
                for threads in ["1", "2"] {
                    let ids = try CLI.run(["tokenize", "--vocab", vocab, "--format", "ids", "--threads", threads] + special, stdin: input)
                    #expect(ids.status == 0 && ids.stdout == expected, "\(vocab) \(special) threads \(threads)")
                }
            }
        }
        // NUL and control characters as the references treat them (tiktoken, HF MiniLM).
        let control = Data("a\u{0}b\u{1}c\u{7F} d\te\n".utf8)
        #expect(try CLI.run(["tokenize", "--vocab", CLI.fixture("gpt2.tiktoken"), "--format", "ids"], stdin: control).stdout
                == "64 188 65 189 66 221 288 197 68\n")
        #expect(try CLI.run(["tokenize", "--vocab", CLI.fixture("minilm-vocab.txt"), "--format", "ids"], stdin: control).stdout
                == "101 5925 1040 1041 102\n")
    }

    @Test func moreBadVocabularies() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = Data("hello\n".utf8)
        try CLI.write("garbage not base64!! x\n", dir + "/garbage.tiktoken")
        try CLI.write("QUJD 0\n", dir + "/partial.tiktoken")  // "ABC" only: no byte alphabet
        try CLI.write("", dir + "/vocab.txt")
        try CLI.write("\n\n", dir + "/blank.txt")
        let tokenizerJSON = try String(contentsOfFile: CLI.fixture("trained-bytelevel.json"), encoding: .utf8)
        try CLI.write(String(tokenizerJSON.prefix(2000)), dir + "/truncated.json")
        try FileManager.default.createDirectory(atPath: dir + "/vocab.dir", withIntermediateDirectories: true)
        expectRefusal(try CLI.run(["tokenize", "--vocab", dir + "/garbage.tiktoken"], stdin: input),
                      "nlp: \(dir)/garbage.tiktoken: line 1: rank is not a non-negative integer")
        expectRefusal(try CLI.run(["tokenize", "--vocab", dir + "/partial.tiktoken"], stdin: input),
                      "nlp: \(dir)/partial.tiktoken: tiktoken ranks must give every one of the 256 bytes a rank (256 missing)")
        expectRefusal(try CLI.run(["tokenize", "--vocab", dir + "/vocab.txt"], stdin: input), "nlp: \(dir)/vocab.txt: empty vocabulary file")
        expectRefusal(try CLI.run(["tokenize", "--vocab", dir + "/blank.txt"], stdin: input), "nlp: \(dir)/blank.txt: a BERT vocab.txt needs [CLS] and [SEP]")
        let truncated = try CLI.run(["tokenize", "--vocab", dir + "/truncated.json"], stdin: input)
        #expect(truncated.status == 1 && truncated.stderr.hasPrefix("nlp: \(dir)/truncated.json: corrupt JSON (invalid JSON at byte 2000"))
        #expect(truncated.stderr.filter { $0 == "\n" }.count == 1)
        expectRefusal(try CLI.run(["tokenize", "--vocab", dir + "/vocab.dir"], stdin: input), "nlp: \(dir)/vocab.dir: is a directory")
    }
}
