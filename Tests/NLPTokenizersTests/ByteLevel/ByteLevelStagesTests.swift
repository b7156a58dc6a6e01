import Testing
@testable import NLPTokenizers

@Suite struct ByteLevelStagesTests {
    func pieces(_ pre: PreTokenizer, _ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { pre.split($0, range: 0..<$0.count, into: &ranges) }
        return ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func gpt2Pieces() {
        let pre = ByteLevelPreTokenizer(addPrefixSpace: false)
        #expect(pieces(pre, "Hello  world's 42!\n") == ["Hello", " ", " world", "'s", " 42", "!", "\n"])
        #expect(pieces(pre, "a \t b  ") == ["a", " \t", " b", "  "])
        #expect(pieces(ByteLevelPreTokenizer(useRegex: false), "a b") == ["a b"])
    }

    @Test func splitBehaviours() throws {
        func split(_ b: SplitPreTokenizer.Behavior, invert: Bool = false, _ text: String) throws -> [String] {
            pieces(try SplitPreTokenizer(pattern: .string("-"), behavior: b, invert: invert), text)
        }
        #expect(try split(.isolated, "a-b--c") == ["a", "-", "b", "-", "-", "c"])
        #expect(try split(.removed, "a-b--c") == ["a", "b", "c"])
        #expect(try split(.mergedWithPrevious, "a-b--c") == ["a-", "b-", "-", "c"])
        #expect(try split(.mergedWithNext, "a-b--c") == ["a", "-b", "-", "-c"])
        #expect(try split(.contiguous, "a-b--c") == ["a", "-", "b", "--", "c"])
        #expect(try split(.removed, invert: true, "a-b--c") == ["-", "-", "-"])
        let regex = try SplitPreTokenizer(pattern: .regex("\\d+"), behavior: .isolated)
        #expect(pieces(regex, "ab12cd345") == ["ab", "12", "cd", "345"])
        #expect(throws: TokenizerError.self) { try SplitPreTokenizer(pattern: .regex("(unclosed"), behavior: .isolated) }
        #expect(throws: TokenizerError.self) { try SplitPatterns.preTokenizer(named: "[z-a]") }
    }

    @Test func jsonShapes() throws {
        let split = #"{"type":"Split","pattern":{"Regex":"a+"},"behavior":"MergedWithNext","invert":true}"#
        #expect(try SplitPreTokenizer(json: try JSONValue.parse(split)).json.serialized() == split)
        let literal = #"{"type":"Split","pattern":{"String":"a"},"behavior":"Isolated","invert":false}"#
        #expect(try SplitPreTokenizer(json: try JSONValue.parse(literal)).json.serialized() == literal)
        let byteLevel = #"{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true}"#
        #expect(try ByteLevelPreTokenizer(json: try JSONValue.parse(byteLevel)).json.serialized() == byteLevel)
        #expect(try ByteLevelDecoder(json: try JSONValue.parse(byteLevel)).json.serialized() == byteLevel)
        #expect(try ByteLevelPostProcessor(json: try JSONValue.parse(byteLevel)).json.serialized() == byteLevel)
        // HF defaults when fields are missing.
        #expect(try ByteLevelPreTokenizer(json: try JSONValue.parse(#"{"type":"ByteLevel"}"#)) == ByteLevelPreTokenizer())
        let bpeDecoder = #"{"type":"BPEDecoder","suffix":"</w>"}"#
        #expect(try BPEDecoder(json: try JSONValue.parse(bpeDecoder)).json.serialized() == bpeDecoder)
    }

    @Test func decoders() {
        #expect(ByteLevelDecoder().decode(["Hello", "Ġworld", "<|endoftext|>", "Ċ"]) == "Hello world<|endoftext|>\n")
        #expect(ByteLevelDecoder().decode(["Ã"]) == "\u{FFFD}")  // half of "é": lossy, as HF
        #expect(BPEDecoder().decode(["hel", "lo</w>", "world</w>"]) == "hello world")
    }

    @Test func postProcessorTrimsSpaces() {
        let e = Encoding(ids: [1, 2, 3], tokens: ["Hello", "Ġworld", "ĠĠ"], offsets: [0..<5, 5..<11, 11..<13])
        let trimmed = ByteLevelPostProcessor(addPrefixSpace: false).process(e, pair: nil)
        #expect(trimmed.offsets == [0..<5, 6..<11, 13..<13])
        let prefixed = Encoding(ids: [1], tokens: ["Ġhi"], offsets: [0..<3])
        #expect(ByteLevelPostProcessor(addPrefixSpace: true).process(prefixed, pair: nil).offsets == [0..<3])
        #expect(ByteLevelPostProcessor(trimOffsets: false).process(e, pair: nil).offsets == e.offsets)
        let pair = ByteLevelPostProcessor().process(e, pair: prefixed)
        #expect(pair.ids == [1, 2, 3, 1] && pair.sequenceIDs == [0, 0, 0, 1])
    }
}
