import Foundation
import Testing
@testable import NLPTokenizers

/// The Whitespace / WhitespaceSplit pre-tokenizers against Hugging Face's pieces
/// (scripts/reference/make_whitespace_pretokenizer_reference.py).
struct WhitespacePreTokenizerTests {
    func pieces(_ pre: any PreTokenizer, _ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { pre.split($0, range: 0..<$0.count, into: &ranges) }
        return ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func matchesHuggingFaceOnEveryReferenceLine() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TrainingFixtures.path("whitespace_pretokenizer_reference.json")))
        let cases = try #require(try JSONValue.parse(Array(data)).arrayValue)
        #expect(cases.count > 60)
        var passed = 0
        for item in cases {
            let text = try #require(item["text"]?.stringValue)
            let ws = (item["Whitespace"]?.arrayValue ?? []).compactMap(\.stringValue)
            let wss = (item["WhitespaceSplit"]?.arrayValue ?? []).compactMap(\.stringValue)
            let ours = pieces(WhitespacePreTokenizer(), text)
            let oursSplit = pieces(WhitespaceSplitPreTokenizer(), text)
            #expect(ours == ws, "Whitespace on \(text.debugDescription)")
            #expect(oursSplit == wss, "WhitespaceSplit on \(text.debugDescription)")
            if ours == ws && oursSplit == wss { passed += 1 }
        }
        #expect(passed == cases.count)
    }

    @Test func piecesStayInsideTheGivenRange() {
        let bytes = Array("skip this, count that!".utf8)
        var ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { WhitespacePreTokenizer().split($0, range: 11..<22, into: &ranges) }
        #expect(ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == ["count", "that", "!"])
    }

    @Test func jsonRoundTripsInHuggingFaceShape() throws {
        #expect(WhitespacePreTokenizer().json.serialized() == #"{"type":"Whitespace"}"#)
        #expect(WhitespaceSplitPreTokenizer().json.serialized() == #"{"type":"WhitespaceSplit"}"#)
        #expect(try WhitespacePreTokenizer(json: .parse(#"{"type":"Whitespace"}"#)) == WhitespacePreTokenizer())
        #expect(try WhitespaceSplitPreTokenizer(json: .parse(#"{"type":"WhitespaceSplit"}"#)) == WhitespaceSplitPreTokenizer())
        #expect(throws: TokenizerError.self) { try WhitespacePreTokenizer(json: .parse(#"{"type":"WhitespaceSplit"}"#)) }
    }
}
