import Foundation
import Testing

/// `nlp import` + `nlp embed` end to end on the tiny BERT that transformers saved with torch.save
/// (Tests/NLPModelsTests/Fixtures/tiny_bert_bin), against transformers' embeddings of 12 lines
/// (scripts/reference/make_torch_bin_reference.py): our zip/pickle reader, our tokenizer built
/// from vocab.txt, our encoder and pooling, and the output format all in one check.
@Suite struct ImportAndEmbedTests {
    struct Reference: Decodable {
        var lines: [String]
        var mean_normalized: [[Float]]
        var cls: [[Float]]
    }

    static func modelFixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NLPModelsTests/Fixtures/\(name)").path
    }

    static func reference() throws -> Reference {
        try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: modelFixture("tiny_bert_embed_reference.json"))))
    }

    /// Parses `embed` output: one line per vector, components separated by single spaces.
    static func vectors(_ stdout: String) -> [[Float]] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            line.split(separator: " ", omittingEmptySubsequences: false).map { Float($0) ?? .nan }
        }
    }

    static func maxDiff(_ a: [[Float]], _ b: [[Float]]) -> Float {
        guard a.count == b.count, zip(a, b).allSatisfy({ $0.count == $1.count }) else { return .infinity }
        return zip(a, b).flatMap { zip($0, $1).map { abs($0 - $1) } }.max() ?? 0
    }

    @Test func importedPytorchBinEmbedsLikeTransformers() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let imported = try CLI.run(["import", "--from", Self.modelFixture("tiny_bert_bin"), "--output", dir + "/m"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.isEmpty)
        #expect(imported.stderr.contains("weights from pytorch_model.bin"))

        let ref = try Self.reference()
        let input = Data((ref.lines.joined(separator: "\n") + "\n").utf8)
        try CLI.write(input, dir + "/lines.txt")
        let mean = try CLI.run(["embed", "--model", dir + "/m", dir + "/lines.txt"])
        #expect(mean.status == 0, "\(mean.stderr)")
        #expect(!mean.stdout.contains("  ") && !mean.stdout.contains(" \n"))
        #expect(Self.maxDiff(Self.vectors(mean.stdout), ref.mean_normalized) < 1e-5)

        let cls = try CLI.run(["embed", "--model", dir + "/m", "--pooling", "cls", "--no-normalize"], stdin: input)
        #expect(Self.maxDiff(Self.vectors(cls.stdout), ref.cls) < 1e-5)

        // Batch size and thread count change nothing but speed; order is input order.
        let one = try CLI.run(["embed", "--model", dir + "/m", "--batch-size", "1", "--threads", "1"], stdin: input)
        #expect(Self.maxDiff(Self.vectors(one.stdout), Self.vectors(mean.stdout)) < 1e-6)

        // Empty input, empty output.
        let empty = try CLI.run(["embed", "--model", dir + "/m"])
        #expect(empty.status == 0 && empty.stdout.isEmpty)

        // Importing again over the non-empty directory is refused; --force replaces it.
        let again = try CLI.run(["import", "--from", Self.modelFixture("tiny_bert_bin"), "--output", dir + "/m"])
        #expect(again.status == 1 && again.stderr == "nlp: \(dir)/m exists and is not empty (pass --force to replace it)\n")
        let forced = try CLI.run(["import", "--force", "--from", Self.modelFixture("tiny_bert_st"), "--output", dir + "/m"])
        #expect(forced.status == 0, "\(forced.stderr)")
    }

    @Test func embedRefusalsAreOneLine() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = try CLI.run(["embed", "--model", dir + "/nope"], stdin: Data("x\n".utf8))
        #expect(missing.status == 1 && missing.stderr == "nlp: \(dir)/nope: no such model directory\n")

        try FileManager.default.createDirectory(atPath: dir + "/corrupt", withIntermediateDirectories: true)
        try CLI.write("{\"model_type\": \"bert\"", dir + "/corrupt/config.json")
        let corrupt = try CLI.run(["embed", "--model", dir + "/corrupt"], stdin: Data("x\n".utf8))
        #expect(corrupt.status == 1 && corrupt.stderr.hasPrefix("nlp: invalid model config: ") && corrupt.stderr.filter { $0 == "\n" }.count == 1)

        let imported = try CLI.run(["import", "--from", Self.modelFixture("tiny_bert_st"), "--output", dir + "/m"])
        #expect(imported.status == 0)
        let bad = try CLI.run(["embed", "--model", dir + "/m"], stdin: Data([0x61, 0x0A, 0x62, 0xFF, 0x0A]))
        #expect(bad.status == 1 && bad.stderr == "nlp: <stdin>: invalid UTF-8 at line 2, byte 2 (0xFF)\n")
        #expect(bad.stdout.isEmpty)
        let lossy = try CLI.run(["embed", "--model", dir + "/m", "--lossy"], stdin: Data([0x61, 0x0A, 0x62, 0xFF, 0x0A]))
        #expect(lossy.status == 0 && Self.vectors(lossy.stdout).count == 2)

        let foreign = try CLI.run(["import", "--from", dir + "/corrupt", "--output", dir + "/x"])
        #expect(foreign.status == 1 && foreign.stderr.contains("is not a JSON object"))
        try CLI.write("{\"model_type\": \"albert\"}", dir + "/corrupt/config.json")
        let albert = try CLI.run(["import", "--from", dir + "/corrupt", "--output", dir + "/x"])
        #expect(albert.stderr.hasPrefix("nlp: invalid model config: model_type 'albert' is not supported"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/x"))
    }
}
