import Foundation
import Testing
@testable import NLPModels
import NLPTensor

/// `nlp import` against transformers: the tiny BERT of scripts/reference/make_torch_bin_reference.py
/// saved by torch.save (pytorch_model.bin + vocab.txt) and by save_pretrained (model.safetensors +
/// tokenizer.json), with HF's ids and sentence embeddings for 12 lines.
@Suite struct HuggingFaceImportTests {
    struct Reference: Decodable {
        var max_length: Int
        var lines: [String]
        var input_ids: [[Int32]]
        var mean_normalized: [[Float]]
        var cls: [[Float]]
    }

    static func reference() throws -> Reference {
        try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: Fixture.path("tiny_bert_embed_reference.json"))))
    }

    @Test func pytorchBinReadsTheSameTensorsAsSafetensors() throws {
        let bin = try TorchCheckpoint(path: Fixture.path("tiny_bert_bin/pytorch_model.bin"))
        let st = try SafeTensors.read(Fixture.path("tiny_bert_st/model.safetensors"))
        #expect(bin.tensors.count >= st.names.count)
        var compared = 0
        for t in bin.tensors where st.contains(t.name) {
            #expect(t.dtype == .float32)
            #expect(t.shape == (try st.info(t.name).shape), "\(t.name)")
            let values = t.bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            #expect(values == (try st.floats(t.name)), "\(t.name)")
            compared += 1
        }
        #expect(compared == st.names.count)
        // The tied decoder weight is a second view of the word-embedding storage.
        let tied = try #require(bin.tensors.first { $0.name == "cls.predictions.decoder.weight" })
        #expect(tied.bytes == bin.tensors.first { $0.name == "bert.embeddings.word_embeddings.weight" }!.bytes)
    }

    @Test(arguments: ["tiny_bert_bin", "tiny_bert_st"])
    func importedDirectoryEmbedsLikeTransformers(_ source: String) throws {
        let out = temporaryDirectory("import") + "/model"
        defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
        let report = try HuggingFaceImport.run(from: Fixture.path(source), to: out)
        #expect(report.weightsFile == (source == "tiny_bert_bin" ? "pytorch_model.bin" : "model.safetensors"))
        #expect(report.maxSequenceLength == 64)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        #expect(files.isSuperset(of: ["config.json", "model.safetensors", "tokenizer.json"]))
        #expect(!files.contains { $0.contains("converted") || $0.hasPrefix(".") })

        let ref = try Self.reference()
        let embedder = try TextEmbedder(directory: out)
        #expect(embedder.maxLength == ref.max_length)
        #expect(try embedder.encode(ref.lines) == ref.input_ids)
        let mean = try embedder.embed(ref.lines, batchSize: 5)
        for (v, r) in zip(mean, ref.mean_normalized) { #expect(maxAbsDiff(v, r) < 1e-5) }
        let cls = try TextEmbedder(directory: out, pooling: .cls, normalize: false).embed(ref.lines)
        for (v, r) in zip(cls, ref.cls) { #expect(maxAbsDiff(v, r) < 1e-5) }
    }

    @Test func importRefusesToOverwriteUnlessForced() throws {
        let root = temporaryDirectory("overwrite")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/model"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
        #expect(throws: ModelError.io("\(out) exists and is not empty (pass --force to replace it)")) {
            try HuggingFaceImport.run(from: Fixture.path("tiny_bert_st"), to: out)
        }
        #expect(FileManager.default.fileExists(atPath: out + "/notes.txt"))
        try HuggingFaceImport.run(from: Fixture.path("tiny_bert_st"), to: out, force: true)
        #expect(!FileManager.default.fileExists(atPath: out + "/notes.txt"))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: root)) == ["model"])  // no staging left
    }

    @Test func importErrorsSayWhatIsWrong() throws {
        let root = temporaryDirectory("errors")
        defer { try? FileManager.default.removeItem(atPath: root) }
        func message(_ source: String) -> String {
            do { try HuggingFaceImport.run(from: source, to: root + "/out"); return "" } catch { return "\(error)" }
        }
        func copy(_ name: String, from fixture: String = "tiny_bert_st", to dir: String) throws {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Fixture.path("\(fixture)/\(name)"), toPath: dir + "/" + name)
        }
        #expect(message(root + "/nowhere").contains("no such directory"))
        let empty = root + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(message(empty).contains("has no config.json"))

        let albert = root + "/albert"
        try FileManager.default.createDirectory(atPath: albert, withIntermediateDirectories: true)
        try Data(#"{"model_type": "albert", "hidden_size": 32}"#.utf8).write(to: URL(fileURLWithPath: albert + "/config.json"))
        #expect(message(albert).contains("model_type 'albert' is not supported"))

        let noWeights = root + "/noweights"
        try copy("config.json", to: noWeights)
        try copy("tokenizer.json", to: noWeights)
        #expect(message(noWeights).contains("has no model.safetensors or pytorch_model.bin"))

        let noTokenizer = root + "/notokenizer"
        try copy("config.json", to: noTokenizer)
        try copy("model.safetensors", to: noTokenizer)
        #expect(message(noTokenizer).contains("has no tokenizer.json or vocab.txt"))

        // A vocabulary larger than the embedding table: ids past the last row.
        let bigVocab = root + "/bigvocab"
        try copy("config.json", to: bigVocab)
        try copy("model.safetensors", to: bigVocab)
        let vocab = try String(contentsOfFile: Fixture.path("tiny_bert_bin/vocab.txt"), encoding: .utf8) + "extra1\nextra2\n"
        try vocab.write(toFile: bigVocab + "/vocab.txt", atomically: true, encoding: .utf8)
        #expect(message(bigVocab).contains("has 161 tokens but the word embeddings have 159 rows"))

        // A config whose vocab_size disagrees with the weights names the field.
        let wrongConfig = root + "/wrongconfig"
        try copy("model.safetensors", to: wrongConfig)
        try copy("tokenizer.json", to: wrongConfig)
        let config = try String(contentsOfFile: Fixture.path("tiny_bert_st/config.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"vocab_size\": 159", with: "\"vocab_size\": 200")
        try config.write(toFile: wrongConfig + "/config.json", atomically: true, encoding: .utf8)
        #expect(message(wrongConfig).contains("(vocab_size x hidden_size)"))

        // A truncated pytorch_model.bin is an error, not a crash.
        let truncated = root + "/truncated"
        try copy("config.json", from: "tiny_bert_bin", to: truncated)
        try copy("vocab.txt", from: "tiny_bert_bin", to: truncated)
        let bin = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("tiny_bert_bin/pytorch_model.bin")))
        try bin.prefix(bin.count / 2).write(to: URL(fileURLWithPath: truncated + "/pytorch_model.bin"))
        #expect(message(truncated).contains("not a zip archive"))
        #expect(!FileManager.default.fileExists(atPath: root + "/out"))
    }

    /// The unpickler interprets only a state_dict's constructors; anything else is refused by name.
    @Test func unpicklerRefusesCallsOutsideTheAllowList() throws {
        // pickle.dumps of eval("1") at protocol 2: GLOBAL builtins eval, ('1',), REDUCE.
        let evil: [UInt8] = [0x80, 0x02] + Array("cbuiltins\neval\n".utf8) + [0x58, 1, 0, 0, 0, 0x31, 0x85, 0x52, 0x2E]
        var reader = TorchUnpickler(evil, path: "evil.bin")
        #expect(throws: ModelError.checkpoint("evil.bin: pickle calls builtins.eval, which is not part of a PyTorch state_dict; refusing to read it")) {
            _ = try reader.load()
        }
        var other = TorchUnpickler([0x80, 0x02, 0x81, 0x2E], path: "x.bin")  // NEWOBJ
        #expect(throws: ModelError.checkpoint("x.bin: unsupported pickle opcode 0x81 at byte 2 (not a PyTorch state_dict)")) {
            _ = try other.load()
        }
        var truncated = TorchUnpickler([0x80, 0x02, 0x58, 9, 0, 0, 0, 0x31], path: "t.bin")
        #expect(throws: ModelError.self) { _ = try truncated.load() }
    }

    @Test func maxSequenceLengthFollowsSentenceTransformers() throws {
        let dir = temporaryDirectory("maxlen")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = BertConfig(vocabSize: 10, hiddenSize: 8, layers: 1, heads: 2, maxPositions: 512)
        #expect(try ModelDirectory.maxSequenceLength(dir, config: config) == 512)
        try Data(#"{"model_max_length": 1000000000000000019884624838656}"#.utf8).write(to: URL(fileURLWithPath: dir + "/tokenizer_config.json"))
        #expect(try ModelDirectory.maxSequenceLength(dir, config: config) == 512)
        try Data(#"{"model_max_length": 128}"#.utf8).write(to: URL(fileURLWithPath: dir + "/tokenizer_config.json"))
        #expect(try ModelDirectory.maxSequenceLength(dir, config: config) == 128)
        try Data(#"{"max_seq_length": 256, "do_lower_case": false}"#.utf8).write(to: URL(fileURLWithPath: dir + "/sentence_bert_config.json"))
        #expect(try ModelDirectory.maxSequenceLength(dir, config: config) == 256)
    }
}
