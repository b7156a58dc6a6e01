import Foundation
import Testing
@testable import NLPTokenizers

/// The Tokenizer facade against Hugging Face `tokenizers` on the cases of
/// scripts/reference/make_pipeline_reference.py: MiniLM's pipeline with truncation, padding,
/// added tokens, other normalizers / pre-tokenizers / post-processors / decoders.
enum PipelineReference {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let json: JSONValue
        var description: String { name }
    }

    static let cases: [Case] = {
        guard let path = try? WordPieceFixtures.path("pipeline-reference.json"),
              let data = FileManager.default.contents(atPath: path),
              let all = try? JSONValue.parse(Array(data)).arrayValue else { return [] }
        return all.map { Case(name: $0["name"]?.stringValue ?? "?", json: $0) }
    }()

    /// The MiniLM vocabulary as tokenizer.json's `vocab` object, in id order.
    static let vocabJSON: JSONValue = {
        guard let model = WordPieceFixtures.model else { return .object([]) }
        return .object(model.vocab.entries.map { ($0.token, .int(Int($0.id))) })
    }()

    /// The case's tokenizer.json with the vocabulary put back.
    static func tokenizerJSON(_ c: Case) -> JSONValue {
        guard case .object(var pairs) = c.json["tokenizer"]!, let m = pairs.firstIndex(where: { $0.0 == "model" }),
              case .object(var model) = pairs[m].1 else { return .null }
        // HF's key order: vocab last.
        model = model.filter { $0.0 != "vocab" } + [("vocab", vocabJSON)]
        pairs[m] = ("model", .object(model))
        return .object(pairs)
    }

    /// Where two JSON values first differ, as a path ("model.vocab"), for readable failures.
    static func firstDifference(_ a: JSONValue, _ b: JSONValue, path: String = "$") -> String? {
        if a == b { return nil }
        if case .object(let x) = a, case .object(let y) = b {
            if x.map(\.0) != y.map(\.0) { return "\(path): keys \(x.map(\.0)) vs \(y.map(\.0))" }
            for ((k, v), (_, w)) in zip(x, y) { if let d = firstDifference(v, w, path: path + "." + k) { return d } }
        }
        if case .array(let x) = a, case .array(let y) = b, x.count == y.count {
            for (i, (v, w)) in zip(x, y).enumerated() { if let d = firstDifference(v, w, path: path + "[\(i)]") { return d } }
        }
        return "\(path): \(a.serialized().prefix(200)) vs \(b.serialized().prefix(200))"
    }

    static func ints(_ v: JSONValue?) -> [Int32] { (v?.arrayValue ?? []).map { Int32($0.intValue ?? -999) } }

    static func check(_ e: Encoding, against ref: JSONValue, _ what: String) {
        #expect(e.ids == ints(ref["ids"]), "\(what): ids")
        #expect(e.tokens == (ref["tokens"]?.arrayValue ?? []).compactMap(\.stringValue), "\(what): tokens")
        #expect(e.typeIDs == ints(ref["type_ids"]), "\(what): type ids")
        #expect(e.attentionMask == ints(ref["attention_mask"]), "\(what): attention mask")
        #expect(e.specialTokensMask == ints(ref["special_tokens_mask"]), "\(what): special tokens mask")
        let offsets = (ref["offsets"]?.arrayValue ?? []).map { p in (p.arrayValue![0].intValue!)..<(p.arrayValue![1].intValue!) }
        #expect(e.offsets == offsets, "\(what): offsets")
        let sequenceIDs = (ref["sequence_ids"]?.arrayValue ?? []).map { $0.intValue }
        #expect(e.sequenceIDs == sequenceIDs, "\(what): sequence ids")
        let overflowing = (ref["overflowing"]?.arrayValue ?? []).map { ints($0) }
        #expect(e.overflowing.map(\.ids) == overflowing, "\(what): overflowing")
    }
}

@Suite struct PipelineReferenceTests {
    @Test func fixturesArePresent() {
        #expect(PipelineReference.cases.count >= 20)
        #expect(WordPieceFixtures.model != nil)
    }

    @Test(arguments: PipelineReference.cases)
    func matchesHuggingFace(_ c: PipelineReference.Case) throws {
        let tokenizer = try Tokenizer(json: PipelineReference.tokenizerJSON(c))
        let addSpecial = c.json["add_special_tokens"]?.boolValue ?? true
        for single in c.json["singles"]?.arrayValue ?? [] {
            let text = single["text"]!.stringValue!
            if single["error"] != nil {
                #expect(throws: (any Error).self, "\(c.name): \(text)") { try tokenizer.encode(text, addSpecialTokens: addSpecial) }
                continue
            }
            let ref = single["encoding"]!
            let e = try tokenizer.encode(text, addSpecialTokens: addSpecial)
            PipelineReference.check(e, against: ref, "\(c.name): \(text.debugDescription)")
            if let decoded = ref["decoded"]?.stringValue {
                #expect(tokenizer.decode(e.ids, skipSpecialTokens: true) == decoded, "\(c.name): decode \(text.debugDescription)")
                #expect(tokenizer.decode(e.ids, skipSpecialTokens: false) == ref["decoded_with_special"]!.stringValue!,
                        "\(c.name): decode with special \(text.debugDescription)")
            }
        }
        for pair in c.json["pairs"]?.arrayValue ?? [] {
            let a = pair["text"]!.stringValue!, b = pair["pair"]!.stringValue!
            if pair["error"] != nil {
                #expect(throws: (any Error).self, "\(c.name): pair") { try tokenizer.encode(a, pair: b, addSpecialTokens: addSpecial) }
                continue
            }
            let e = try tokenizer.encode(a, pair: b, addSpecialTokens: addSpecial)
            PipelineReference.check(e, against: pair["encoding"]!, "\(c.name): pair \(a.prefix(20).debugDescription)")
        }
        if let batch = c.json["batch"], !batch.isNull {
            let texts = batch["texts"]!.arrayValue!.compactMap(\.stringValue)
            let encodings = try tokenizer.encodeBatch(texts, addSpecialTokens: addSpecial, threads: 2)
            for (e, ref) in zip(encodings, batch["encodings"]!.arrayValue!) {
                PipelineReference.check(e, against: ref, "\(c.name): batch")
            }
        }
    }

    /// Reading HF's tokenizer.json and writing it back gives the same JSON, for every case.
    @Test(arguments: PipelineReference.cases)
    func tokenizerJSONRoundTrips(_ c: PipelineReference.Case) throws {
        let json = PipelineReference.tokenizerJSON(c)
        let written = try Tokenizer(json: json).json
        let difference = PipelineReference.firstDifference(written, json)
        #expect(difference == nil)
    }
}
