import Foundation
import Testing
@testable import NLPModels
import NLPTensor

/// `nlp import` of DistilBERT, RoBERTa and ELECTRA against transformers: tiny random models saved
/// with save_pretrained by scripts/reference/make_bert_family_reference.py, with transformers'
/// token ids, last hidden states (real tokens of a right-padded batch) and mean-pooled,
/// normalised embeddings for 9 lines (accents, CJK, emoji, controls, an empty line, a line
/// past the 64-token window).
@Suite struct BertFamilyImportTests {
    struct Outputs: Decodable {
        var input_ids: [[Int32]]
        var last_hidden: [[Float]]
        var mean_normalized: [[Float]]
    }

    struct Reference: Decodable {
        var lines: [String]
        var max_length: Int
        var distilbert: Outputs
        var roberta: Outputs
        var electra: Outputs
    }

    static let reference: Reference = try! JSONDecoder().decode(
        Reference.self, from: Data(contentsOf: URL(fileURLWithPath: Fixture.path("bert_family_reference.json"))))

    static func outputs(_ family: String) -> Outputs {
        switch family {
        case "distilbert": return reference.distilbert
        case "roberta": return reference.roberta
        default: return reference.electra
        }
    }

    @Test(arguments: ["distilbert", "roberta", "electra"])
    func importedModelMatchesTransformers(_ family: String) throws {
        let root = temporaryDirectory("family-\(family)")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/model"
        let report = try HuggingFaceImport.run(from: Fixture.path("tiny_\(family)"), to: out)
        #expect(report.family == family)
        #expect(report.config.modelType == "bert")
        #expect(report.maxSequenceLength == Self.reference.max_length)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out)) == ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"])

        // Last hidden state of one right-padded batch, every real token, vs transformers.
        let ref = Self.outputs(family)
        let model = try ModelDirectory.loadBert(from: out)
        let batch = try TokenBatch.padding(ref.input_ids, padId: Int32(model.config.padTokenId))
        let hidden = try noGrad { try model(batch, training: false) }.scalars
        let (t, c) = (batch.length, model.config.hiddenSize)
        var worst: Float = 0
        for (b, row) in ref.input_ids.enumerated() {
            let ours = Array(hidden[(b * t * c)..<(b * t * c + row.count * c)])
            worst = max(worst, maxAbsDiff(ours, ref.last_hidden[b]))
        }
        #expect(worst < 1e-5, "max |ours - transformers| = \(worst)")

        // `nlp embed`'s path: the copied tokenizer gives HF's ids, the vectors HF's pooled ones.
        let embedder = try TextEmbedder(directory: out)
        #expect(try embedder.encode(Self.reference.lines) == ref.input_ids)
        let vectors = try embedder.embed(Self.reference.lines, batchSize: 4)
        for (v, r) in zip(vectors, ref.mean_normalized) { #expect(maxAbsDiff(v, r) < 1e-5) }
    }

    @Test func robertaPositionsAreShiftedPastThePaddingIndex() throws {
        let root = temporaryDirectory("family-positions")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try HuggingFaceImport.run(from: Fixture.path("tiny_roberta"), to: root + "/model")
        let model = try ModelDirectory.loadBert(from: root + "/model")
        #expect(model.config.maxPositionEmbeddings == 64)  // 66 rows - (padding_idx 1 + 1)
        #expect(model.config.padTokenId == 1)
        let source = try Fixture.file("tiny_roberta/model.safetensors")
        let table = try source.floats("embeddings.position_embeddings.weight")
        #expect(model.encoder.embeddings.positions.weight.scalars == Array(table[(2 * 32)...]))
    }

    @Test func distilbertGetsAZeroSegmentRow() throws {
        let root = temporaryDirectory("family-segments")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try HuggingFaceImport.run(from: Fixture.path("tiny_distilbert"), to: root + "/model")
        let model = try ModelDirectory.loadBert(from: root + "/model")
        #expect(model.config.typeVocabSize == 1)
        #expect(model.encoder.embeddings.tokenTypes.weight.scalars.allSatisfy { $0 == 0 })
        let source = try Fixture.file("tiny_distilbert/model.safetensors")
        #expect(model.encoder.layers[1].feedForward.parameters[0].scalars == (try source.floats("transformer.layer.1.ffn.lin1.weight")))
    }

    @Test func unmappableFamiliesAreRefusedByName() throws {
        let root = temporaryDirectory("family-refused")
        defer { try? FileManager.default.removeItem(atPath: root) }
        func message(_ config: String) throws -> String {
            let dir = root + "/src"
            try? FileManager.default.removeItem(atPath: dir)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Data(config.utf8).write(to: URL(fileURLWithPath: dir + "/config.json"))
            try FileManager.default.copyItem(atPath: Fixture.path("tiny_electra/model.safetensors"), toPath: dir + "/model.safetensors")
            try FileManager.default.copyItem(atPath: Fixture.path("tiny_electra/tokenizer.json"), toPath: dir + "/tokenizer.json")
            do { try HuggingFaceImport.run(from: dir, to: root + "/out"); return "" } catch { return "\(error)" }
        }
        #expect(try message(#"{"model_type": "albert"}"#).contains("model_type 'albert' is not supported: it shares one layer's weights"))
        #expect(try message(#"{"model_type": "deberta-v2"}"#).contains("disentangled relative attention"))
        #expect(try message(#"{"model_type": "electra", "embedding_size": 16, "hidden_size": 32}"#).contains("embeddings_project"))
        #expect(!FileManager.default.fileExists(atPath: root + "/out"))
    }
}
