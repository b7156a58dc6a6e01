import Foundation
import Testing
@testable import NLPTokenizers

/// GPT-2 split + model.tokenize (the general pipeline path, with offsets).
func encodeGPT2(_ text: String, model: BPEModel = Fixtures.gpt2) -> TokenBuffer {
    let bytes = Array(text.utf8)
    var out = TokenBuffer()
    bytes.withUnsafeBufferPointer { buffer in
        var pieces: [Range<Int>] = []
        GPT2Splitter.split(buffer, range: 0..<buffer.count, into: &pieces)
        for piece in pieces {
            let before = out.count
            model.tokenize(UnsafeBufferPointer(rebasing: buffer[piece]), into: &out)
            for k in before..<out.count {
                out.starts[k] += Int32(piece.lowerBound)
                out.ends[k] += Int32(piece.lowerBound)
            }
        }
    }
    return out
}

func tokenizeWord(_ model: BPEModel, _ word: String) -> TokenBuffer {
    var out = TokenBuffer()
    Array(word.utf8).withUnsafeBufferPointer { model.tokenize($0, into: &out) }
    return out
}

@Suite struct BPEModelTests {
    @Test func gpt2HelloWorld() {
        #expect(encodeGPT2("Hello world").ids == [15496, 995])
    }

    /// Every option of HF's BPE model against `tokenizers` itself (ids and byte offsets).
    @Test func matchesHuggingFaceOptions() throws {
        let reference = try Reference.load()
        for case_ in try #require(reference["bpe"]?.arrayValue) {
            let name = case_["name"]!.stringValue!
            var object = case_["options"]!.objectValue!
            object.insert(("type", .string("BPE")), at: 0)
            object.append(("vocab", case_["vocab"]!))
            object.append(("merges", case_["merges"]!))
            let model = try BPEModel(json: .object(object))
            #expect(!model.isByteLevel)
            for result in case_["results"]!.arrayValue! {
                let word = result["word"]!.stringValue!
                let got = tokenizeWord(model, word)
                let ids = result["ids"]!.arrayValue!.map { Int32($0.intValue!) }
                let offsets = result["offsets"]!.arrayValue!.map { [$0.arrayValue![0].intValue!, $0.arrayValue![1].intValue!] }
                // Model-level offsets are byte offsets in HF too.
                #expect(got.ids == ids, "\(name): \(word)")
                if name != "byte_fallback" {
                    let ours = zip(got.starts, got.ends).map { [Int($0), Int($1)] }
                    #expect(ours == offsets, "\(name): \(word)")
                }
            }
        }
    }

    @Test func jsonRoundTripsInHuggingFaceShape() throws {
        let text = #"{"type":"BPE","dropout":null,"unk_token":"[UNK]","continuing_subword_prefix":null,"end_of_word_suffix":"</w>","fuse_unk":true,"byte_fallback":false,"ignore_merges":false,"vocab":{"[UNK]":0,"a":1,"b</w>":2,"ab</w>":3},"merges":[["a","b</w>"]]}"#
        let model = try BPEModel(json: try JSONValue.parse(text))
        #expect(model.json.serialized() == text)
        let legacy = text.replacingOccurrences(of: #"[["a","b</w>"]]"#, with: #"["a b</w>"]"#)
        let fromLegacy = try BPEModel(json: try JSONValue.parse(legacy))
        #expect(fromLegacy.json.serialized() == text)
        #expect(tokenizeWord(fromLegacy, "ab").ids == [3])
        #expect(tokenizeWord(fromLegacy, "xxab").ids == [0, 3])  // "xx" fused into one [UNK]
    }

    @Test func refusesBadModels() {
        #expect(throws: TokenizerError.self) {
            try BPEModel(json: try JSONValue.parse(#"{"type":"BPE","vocab":{"a":0},"merges":[["a","b"]]}"#))
        }
        #expect(throws: TokenizerError.self) {
            try BPEModel(json: try JSONValue.parse(#"{"type":"BPE","vocab":{"a":0},"merges":["ab"]}"#))
        }
        #expect(throws: TokenizerError.self) {
            try BPEModel(json: try JSONValue.parse(#"{"type":"BPE","dropout":1.5,"vocab":{"a":0},"merges":[]}"#))
        }
    }

    @Test func dropoutIsSeededAndBounded() throws {
        let vocab: [String: Int32] = ["a": 0, "b": 1, "ab": 2, "abab": 3]
        let merges = [("a", "b"), ("ab", "ab")]
        let none = try BPEModel(vocab: vocab, merges: merges, options: .init(dropout: 0))
        #expect(tokenizeWord(none, "abab").ids == [3])
        let all = try BPEModel(vocab: vocab, merges: merges, options: .init(dropout: 1))
        #expect(tokenizeWord(all, "abab").ids == [0, 1, 0, 1])
        let a = try BPEModel(vocab: vocab, merges: merges, options: .init(dropout: 0.5, dropoutSeed: 7))
        let b = try BPEModel(vocab: vocab, merges: merges, options: .init(dropout: 0.5, dropoutSeed: 7))
        let runA = (0..<50).map { _ in tokenizeWord(a, "ababababab").ids }
        let runB = (0..<50).map { _ in tokenizeWord(b, "ababababab").ids }
        #expect(runA == runB)
        #expect(Set(runA).count > 1)
    }

    /// The heap path (long words) must equal the plain lowest-rank-leftmost loop.
    @Test func longWordsMergeLikeTheReferenceLoop() throws {
        let model = Fixtures.gpt2
        var g = SplitMix64(seed: 3)
        let letters = Array("etaoinshrdlu".utf8)
        for length in [49, 200, 3000] {
            let word = String(decoding: (0..<length).map { _ in letters[Int(g.next() % 12)] }, as: UTF8.self)
            let got = tokenizeWord(model, word).ids
            var parts = Array(word.utf8).map { [$0] }
            while parts.count > 1 {
                var best: (rank: Int32, at: Int)? = nil
                for i in 0..<(parts.count - 1) {
                    if let r = model.vocab[GPT2ByteMapping.encode(parts[i] + parts[i + 1])], best == nil || r < best!.rank { best = (r, i) }
                }
                guard let b = best else { break }
                parts[b.at] += parts[b.at + 1]
                parts.remove(at: b.at + 1)
            }
            #expect(got == parts.map { model.vocab[GPT2ByteMapping.encode($0)]! }, "length \(length)")
        }
    }
}

enum Reference {
    static func load() throws -> JSONValue {
        try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("bytelevel_reference.json")))))
    }
}
