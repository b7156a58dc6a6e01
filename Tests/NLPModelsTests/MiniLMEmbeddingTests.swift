import Foundation
import Testing
@testable import NLPModels
import NLPTensor

/// all-MiniLM-L6-v2 against sentence-transformers on 20 committed sentences (ids from its own
/// tokenizer). Needs the model weights from the peers' environment; skipped without them.
/// The 300-sentence run is scripts/parity/minilm_embed_parity.sh.
@Suite(.enabled(if: Fixture.hasMiniLM, "all-MiniLM-L6-v2 weights not present"))
struct MiniLMEmbeddingTests {
    @Test func embeddingsMatchSentenceTransformersWithin1e4() throws {
        let model = try ModelDirectory.loadBert(from: Fixture.miniLMDirectory)
        let ref = try Fixture.file("minilm_20.safetensors")
        let mask = try ref.ints("attention_mask"), ids = try ref.ints("input_ids")
        let t = ids.shape[1]
        let sequences = (0..<ids.shape[0]).map { r in
            (0..<t).filter { mask.values[r * t + $0] == 1 }.map { ids.values[r * t + $0] }
        }
        // Batches of 8 padded to their own longest row: padding must not change anything.
        let cases: [(SentenceEmbedder, String)] = [
            (SentenceEmbedder(model.encoder), "embeddings"),
            (SentenceEmbedder(model.encoder, normalize: false), "mean_pooled"),
            (SentenceEmbedder(model.encoder, pooling: .cls, normalize: false), "cls_pooled"),
        ]
        for (embedder, name) in cases {
            let ours = try embedder.embed(sequences, batchSize: 8).flatMap { $0 }
            let diff = maxAbsDiff(ours, try ref.floats(name))
            #expect(diff < 1e-4, "\(name): max abs diff \(diff)")
        }
    }

    @Test func importWritesOurDirectoryThatReloadsIdentically() throws {
        let out = temporaryDirectory("minilm-import")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let imported = try ModelDirectory.importHuggingFace(from: Fixture.miniLMDirectory, to: out)
        for f in ["config.json", "model.safetensors", "vocab.txt", "tokenizer.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + f), "\(f) missing")
        }
        let file = try SafeTensors.read(out + "/model.safetensors")
        #expect(!file.names.contains("embeddings.position_ids"))
        #expect(file.contains("encoder.layer.5.attention.self.value.weight"))
        let reloaded = try ModelDirectory.loadBert(from: out)
        for (a, b) in zip(imported.checkpointTensors, reloaded.checkpointTensors) {
            #expect(a.name == b.name && a.scalars == b.scalars)
        }
    }
}
