import Foundation
import Testing
@testable import NLPModels
import NLPTensor

@Suite struct ModelDirectoryTests {
    @Test func saveThenLoadGivesTheSameModelWithHuggingFaceNames() throws {
        let dir = temporaryDirectory("roundtrip")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try BertModel(BertConfig(vocabSize: 50, hiddenSize: 16, layers: 2, heads: 4, maxPositions: 12), withMLMHead: true, seed: 5)
        try ModelDirectory.save(model, to: dir)
        let names = Set(try SafeTensors.read(dir + "/model.safetensors").names)
        #expect(names.contains("embeddings.word_embeddings.weight"))
        #expect(names.contains("encoder.layer.1.attention.self.query.weight"))
        #expect(names.contains("encoder.layer.0.intermediate.dense.bias"))
        #expect(names.contains("pooler.dense.weight") && names.contains("cls.predictions.bias"))
        #expect(!names.contains { $0.contains("qkv") })
        let loaded = try ModelDirectory.loadBert(from: dir)
        var expectedConfig = model.config
        expectedConfig.architectures = ["BertForMaskedLM"]
        #expect(loaded.config == expectedConfig)
        #expect(loaded.mlmHead != nil)
        let batch = try TokenBatch.padding([[1, 2, 3, 4], [5, 6]])
        let (a, b) = try noGrad { (try model(batch, training: false).scalars, try loaded(batch, training: false).scalars) }
        #expect(a == b)
        // No temporary files left behind by the atomic writes.
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == ["config.json", "model.safetensors"])
    }

    @Test func loadRefusesAConfigThatDoesNotMatchTheWeights() throws {
        let dir = temporaryDirectory("mismatch")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Fixture.path("tiny_bert/model.safetensors"), toPath: dir + "/model.safetensors")
        func write(_ edit: (inout [String: Any]) -> Void) throws {
            var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixture.path("tiny_bert/config.json")))) as! [String: Any]
            edit(&json)
            try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: dir + "/config.json"))
        }
        func message() -> String {
            do { _ = try ModelDirectory.loadBert(from: dir); return "" } catch { return "\(error)" }
        }
        try write { $0["vocab_size"] = 100 }
        #expect(message().contains("[99, 32]") && message().contains("vocab_size"))
        try write { $0["hidden_size"] = 64; $0["num_attention_heads"] = 4 }
        #expect(message().contains("hidden_size"))
        try write { $0["num_hidden_layers"] = 3 }
        #expect(message().contains("2 encoder layers") && message().contains("num_hidden_layers = 3"))
        try write { $0["hidden_act"] = "swish" }
        #expect(message().contains("hidden_act 'swish'"))
        try write { $0["hidden_size"] = 30 }
        #expect(message().contains("not a multiple of num_attention_heads"))
        try FileManager.default.removeItem(atPath: dir + "/model.safetensors")
        try write { _ in }
        #expect(message().contains("has no model.safetensors"))
    }

    @Test func truncatedWeightsAreRefused() throws {
        let dir = temporaryDirectory("truncated")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Fixture.path("tiny_bert/config.json"), toPath: dir + "/config.json")
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("tiny_bert/model.safetensors")))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: dir + "/model.safetensors"))
        #expect(throws: (any Error).self) { try ModelDirectory.loadBert(from: dir) }
    }
}

@Suite struct BertConfigTests {
    @Test func readsHuggingFaceConfigWithNullsAndUnknownFields() throws {
        let json = #"{"vocab_size": 30522, "hidden_size": 384, "num_hidden_layers": 6, "num_attention_heads": 12,"#
            + #" "intermediate_size": 1536, "hidden_act": "gelu", "layer_norm_eps": 1e-12, "bos_token_id": null,"#
            + #" "architectures": ["BertModel"], "model_type": "bert", "gradient_checkpointing": false}"#
        let c = try BertConfig(json: Data(json.utf8))
        #expect(c.hiddenSize == 384 && c.numHiddenLayers == 6 && c.intermediateSize == 1536)
        #expect(c.layerNormEps == 1e-12 && c.maxPositionEmbeddings == 512 && !c.preLayerNorm)
    }

    @Test func writesHuggingFaceFieldNamesAndReadsThemBack() throws {
        var c = BertConfig(vocabSize: 8192, hiddenSize: 256, layers: 4, heads: 4, preLayerNorm: true)
        c.hiddenDropoutProb = 0.1
        let data = try c.jsonData()
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        for key in ["vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size", "hidden_act",
                    "hidden_dropout_prob", "attention_probs_dropout_prob", "max_position_embeddings", "type_vocab_size",
                    "layer_norm_eps", "model_type", "architectures", "pre_layer_norm"] {
            #expect(object[key] != nil, "\(key) missing")
        }
        #expect(object["intermediate_size"] as? Int == 1024)
        #expect(String(decoding: data, as: UTF8.self).contains("\"hidden_dropout_prob\" : 0.1,"))
        #expect(try BertConfig(json: data) == c)
    }

    @Test func rejectsBadValuesWithOneLineErrors() throws {
        #expect(throws: ModelError.self) { try BertConfig(json: Data("[1, 2]".utf8)) }
        #expect(throws: ModelError.self) { try BertConfig(json: Data(#"{"hidden_size": "big"}"#.utf8)) }
        #expect(throws: ModelError.self) { try BertConfig(json: Data(#"{"model_type": "gpt2"}"#.utf8)) }
        #expect(throws: ModelError.self) { try BertConfig(json: Data(#"{"hidden_dropout_prob": 1.5}"#.utf8)) }
    }
}

@Suite struct SummaryAndInputTests {
    @Test func summaryListsLayersShapesAndParameterTotal() throws {
        let model = try BertModel(BertConfig(vocabSize: 100, hiddenSize: 16, layers: 2, heads: 2, maxPositions: 20), withMLMHead: true)
        let s = model.summary(batch: 4, length: 10)
        // embeddings 100*16 + 20*16 + 2*16 + 32; per layer 3*16*16+48 + 16*16+16 + 32 + 16*64+64 + 64*16+16 + 32;
        // pooler 16*16+16; head 16*16+16 + 32 + 100
        let perLayer = 3 * 16 * 16 + 48 + 16 * 16 + 16 + 32 + 16 * 64 + 64 + 64 * 16 + 16 + 32
        let expected = (1600 + 320 + 32 + 32) + 2 * perLayer + (256 + 16) + (256 + 16 + 32 + 100)
        #expect(s.totalParameters == expected)
        #expect(s.totalParameters == model.parameters.reduce(0) { $0 + $1.count })
        let text = s.description
        #expect(text.contains("encoder.layer.1.attention") && text.contains("[4, 10, 16]") && text.contains("[4, 10, 100]"))
        #expect(text.contains(grouped(expected)))
        let lstm = try LSTMEncoder(LSTMConfig(vocabSize: 10, embeddingSize: 4, hiddenSize: 3, numLayers: 2), seed: 1).summary(batch: 2, length: 5)
        // embedding 40; l0: 2 * (12*4 + 12*3 + 24); l1: 2 * (12*6 + 12*3 + 24)
        #expect(lstm.totalParameters == 40 + 2 * (48 + 36 + 24) + 2 * (72 + 36 + 24))
        #expect(lstm.description.contains("[2, 5, 6]"))
    }

    @Test func tokenBatchPadsAndValidates() throws {
        let b = try TokenBatch.padding([[101, 7, 102], [101, 102]])
        #expect(b.ids.values == [101, 7, 102, 101, 102, 0] && b.attentionMask!.values == [1, 1, 1, 1, 1, 0])
        #expect(b.lengths == [3, 2])
        #expect(throws: ModelError.self) { try TokenBatch(ids: IntTensor([1, 2], shape: [2]), attentionMask: nil) }
        #expect(throws: ModelError.self) { try TokenBatch(ids: IntTensor([1, 2], shape: [1, 2]), attentionMask: IntTensor([1, 2], shape: [1, 2])) }
    }

    @Test func tooLongInputAndOutOfVocabularyIdsThrow() throws {
        let model = try BertModel(BertConfig(vocabSize: 10, hiddenSize: 8, layers: 1, heads: 2, maxPositions: 4))
        #expect(throws: ModelError.self) { try model(TokenBatch.padding([[1, 2, 3, 4, 5]]), training: false) }
        #expect(throws: (any Error).self) { try model(TokenBatch.padding([[1, 12]]), training: false) }
    }

    @Test func dropoutIsActiveOnlyWhenTraining() throws {
        let model = try BertModel(BertConfig(vocabSize: 10, hiddenSize: 8, layers: 1, heads: 2, maxPositions: 8))
        let batch = try TokenBatch.padding([[1, 2, 3]])
        let (eval1, eval2, train) = try noGrad {
            (try model(batch, training: false).scalars, try model(batch, training: false).scalars, try model(batch, training: true).scalars)
        }
        #expect(eval1 == eval2)
        #expect(eval1 != train)
    }
}
