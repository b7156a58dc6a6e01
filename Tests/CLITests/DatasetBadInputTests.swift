import Foundation
import Testing

/// Issue 5's bad input through `nlp finetune`, `eval`, `predict` and `summarize`: each case is either
/// a one-line refusal (`nlp: ...`, exit status 1, nothing on standard output) or documented
/// behaviour (unknown labels counted as wrong, empty rows skipped and counted).
@Suite(.serialized) struct DatasetBadInputTests {
    /// A tiny bag-of-embeddings classifier (trains in about a second), shared by the cases below.
    static let model: String = {
        let dir = try! CLI.temporaryDirectory()
        try! CLI.write(FinetuneCLITests.toyCSV(90, offset: 0), dir + "/train.csv")
        let r = try! CLI.run(["finetune", "--task", "classify", "--train", dir + "/train.csv", "--output", dir + "/m", "--arch", "bow",
                              "--epochs", "3", "--hidden", "16", "--dropout", "0"])
        precondition(r.status == 0, r.stderr)
        return dir + "/m"
    }()

    func expectRefusal(_ r: CLIResult, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 1, sourceLocation: sourceLocation)
        #expect(r.stderr == "nlp: " + message + "\n", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    func withDirectory(_ body: (String) throws -> Void) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(dir)
    }

    func finetune(_ train: String, _ dir: String, _ extra: [String] = []) throws -> CLIResult {
        try CLI.run(["finetune", "--task", "classify", "--train", train, "--output", dir + "/out", "--arch", "bow", "--epochs", "1"] + extra)
    }

    @Test func missingColumnsNameTheAlternatives() throws {
        try withDirectory { dir in
            try CLI.write("review,stars\ngood,5\nbad,1\n", dir + "/r.csv")
            let available = "available: review, stars"
            expectRefusal(try finetune(dir + "/r.csv", dir, ["--text-column", "body"]), "\(dir)/r.csv: no column \"body\"; \(available)")
            expectRefusal(try CLI.run(["eval", "--model", Self.model, "--data", dir + "/r.csv", "--label-column", "rating"]),
                          "\(dir)/r.csv: no column \"rating\"; \(available)")
            expectRefusal(try CLI.run(["eval", "--model", Self.model, "--data", dir + "/r.csv", "--text-column", "3"]),
                          "\(dir)/r.csv: no column \"3\"; \(available)")
            try CLI.write("{\"body\": \"fine\"}\n", dir + "/one.jsonl")
            expectRefusal(try CLI.run(["eval", "--model", Self.model, "--data", dir + "/one.jsonl"]),
                          "\(dir)/one.jsonl: cannot tell which column holds the label; pass --label-column (available: body)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        }
    }

    @Test func oneClassAndNoRowsAreRefused() throws {
        try withDirectory { dir in
            try CLI.write("text,label\nmy card,cards\nthe card,cards\n", dir + "/one.csv")
            expectRefusal(try finetune(dir + "/one.csv", dir),
                          "\(dir)/one.csv: every example has the label \"cards\"; a classifier needs at least two classes")
            try CLI.write("text,label\n,cards\n   ,billing\n", dir + "/blank.csv")
            expectRefusal(try CLI.run(["eval", "--model", Self.model, "--data", dir + "/blank.csv"]), "\(dir)/blank.csv: no examples")
            expectRefusal(try finetune(dir + "/blank.csv", dir), "\(dir)/blank.csv: no examples")
        }
    }

    /// Documented: empty text rows are skipped and counted (one stderr line); unknown gold labels count as wrong.
    @Test func emptyRowsAreSkippedAndUnknownLabelsCountAsWrong() throws {
        try withDirectory { dir in
            try CLI.write("text,label\n\"my card\",cards\n,cards\n\"   \",travel\n\"invoice please\",billing\n\"my flight\",holidays\n", dir + "/t.csv")
            let r = try CLI.run(["eval", "--model", Self.model, "--data", dir + "/t.csv", "--json"])
            #expect(r.status == 0)
            #expect(r.stderr == "nlp eval: \(dir)/t.csv: skipped 2 of 5 rows (2 with empty text; first at lines 3, 4)\n"
                    + "nlp eval: label \"holidays\" is not one the model knows; its 1 rows count as wrong\n")
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            #expect(object["examples"] as? Int == 3)
            #expect((object["unknown_labels"] as? [String: Int]) == ["holidays": 1])
            #expect((object["accuracy"] as! Double) <= 2.0 / 3 + 1e-12)
        }
    }

    @Test func invalidUTF8InADatasetSaysWhere() throws {
        try withDirectory { dir in
            try CLI.write(Data("text,label\nmy card,cards\nbad ".utf8) + Data([0xC3, 0x28]) + Data(" here,cards\n".utf8), dir + "/bad.csv")
            let message = "\(dir)/bad.csv: line 3, field 1: invalid UTF-8 (0xC3 0x28)"
            expectRefusal(try CLI.run(["eval", "--model", Self.model, "--data", dir + "/bad.csv"]), message)
            expectRefusal(try finetune(dir + "/bad.csv", dir), message)
            try CLI.write(Data("{\"text\": \"ok\", \"label\": \"a\"}\n{\"text\": \"".utf8) + Data([0xFF]) + Data("\", \"label\": \"b\"}\n".utf8),
                          dir + "/bad.jsonl")
            expectRefusal(try CLI.run(["eval", "--model", Self.model, "--data", dir + "/bad.jsonl"]),
                          "\(dir)/bad.jsonl: line 2, byte 11: invalid UTF-8 (0xFF)")
            try CLI.write(Data("my card\n".utf8) + Data([0xE2, 0x82]) + Data("\n".utf8), dir + "/bad.txt")
            expectRefusal(try CLI.run(["predict", "--model", Self.model, dir + "/bad.txt"]),
                          "\(dir)/bad.txt: invalid UTF-8 at line 2, byte 1 (0xE2 0x82 0x0A)")
            expectRefusal(try CLI.run(["summarize", "--method", "lead", dir + "/bad.txt"]),
                          "\(dir)/bad.txt: invalid UTF-8 at line 2, byte 1 (0xE2 0x82 0x0A)")
        }
    }

    @Test func modelDirectoriesOfAnotherKindAreRefused() throws {
        try withDirectory { dir in
            try CLI.write("a story. it ends.\n", dir + "/doc.txt")
            expectRefusal(try CLI.run(["summarize", "--model", Self.model, dir + "/doc.txt"]),
                          "\(Self.model) is a classify model, not a summariser")
            // A pretrained encoder (config.json, no task.json), e.g. an imported MiniLM.
            try FileManager.default.createDirectory(atPath: dir + "/encoder", withIntermediateDirectories: true)
            try CLI.write("{\"model_type\": \"bert\"}", dir + "/encoder/config.json")
            expectRefusal(try CLI.run(["predict", "--model", dir + "/encoder"], stdin: Data("x\n".utf8)),
                          "\(dir)/encoder: a model directory without task.json (a pretrained encoder, not a fine-tuned model); "
                          + "fine-tune it first with nlp finetune --init \(dir)/encoder")
            // A task.json from a future version (unknown task).
            let fm = FileManager.default
            try fm.copyItem(atPath: Self.model, toPath: dir + "/future")
            let task = try String(contentsOfFile: dir + "/future/task.json", encoding: .utf8)
            try CLI.write(task.replacingOccurrences(of: "\"classify\"", with: "\"translate\""), dir + "/future/task.json")
            expectRefusal(try CLI.run(["eval", "--model", dir + "/future", "--data", dir + "/doc.txt", "--data-format", "tsv"]),
                          "\(dir)/future/task.json: unreadable task description (task: not one of sentiment, classify, intent, summarize (a model from a newer version?))")
            #expect(try CLI.run(["predict", "--model", dir + "/future"], stdin: Data("x\n".utf8)).status == 1)
            // The tokenizer of another (larger) vocabulary next to the weights.
            try fm.copyItem(atPath: Self.model, toPath: dir + "/mixed")
            try fm.removeItem(atPath: dir + "/mixed/tokenizer.json")
            try fm.copyItem(atPath: CLI.fixture("../../../vocab/wordpiece-en-zh-8k.json"), toPath: dir + "/mixed/tokenizer.json")
            let mixed = try CLI.run(["predict", "--model", dir + "/mixed"], stdin: Data("x\n".utf8))
            #expect(mixed.status == 1 && mixed.stdout.isEmpty)
            #expect(mixed.stderr.hasPrefix("nlp: \(dir)/mixed: tokenizer.json has ") && mixed.stderr.hasSuffix("(a vocabulary from another model?)\n"))
            try CLI.write(FinetuneCLITests.toyCSV(12, offset: 0), dir + "/train.csv")
            // (after finetune's note about the dev split, which comes first)
            let nowhere = try finetune(dir + "/train.csv", dir, ["--init", dir + "/nowhere"])
            #expect(nowhere.status == 1 && nowhere.stdout.isEmpty)
            #expect(nowhere.stderr.hasSuffix("\nnlp: \(dir)/nowhere: no such model directory (--init)\n"))
        }
    }

    @Test func truncatedOrCorruptWeightsAreRefused() throws {
        try withDirectory { dir in
            let fm = FileManager.default
            try fm.copyItem(atPath: Self.model, toPath: dir + "/cut")
            let path = dir + "/cut/model.safetensors"
            let size = (try fm.attributesOfItem(atPath: path)[.size] as! NSNumber).intValue
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: UInt64(size - 10))
            try handle.close()
            for command in [["predict", "--model", dir + "/cut"], ["eval", "--model", dir + "/cut", "--data", dir + "/x.csv"]] {
                let r = try CLI.run(command, stdin: Data("my card\n".utf8))
                #expect(r.status == 1 && r.stdout.isEmpty)
                #expect(r.stderr.hasPrefix("nlp: \(path): ") && r.stderr.hasSuffix("file truncated?\n"), "\(r.stderr)")
            }
            try CLI.write(Data([0x00, 0x01, 0x02]), path)
            expectRefusal(try CLI.run(["predict", "--model", dir + "/cut"], stdin: Data("x\n".utf8)),
                          "\(path): file is 3 bytes, too short for the 8-byte header length: truncated")
            try fm.removeItem(atPath: path)
            let missing = try CLI.run(["predict", "--model", dir + "/cut"], stdin: Data("x\n".utf8))
            #expect(missing.status == 1 && missing.stderr.hasPrefix("nlp: \(path): cannot open"))
        }
    }

    /// finetune holds its training set in memory; a file that cannot fit is refused before reading
    /// (a sparse file: a terabyte long, no disk used).
    @Test func aTrainingSetLargerThanMemoryIsRefusedUpFront() throws {
        try withDirectory { dir in
            let path = dir + "/huge.csv"
            FileManager.default.createFile(atPath: path, contents: Data("text,label\n".utf8))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: 1 << 40)
            try handle.close()
            let r = try finetune(path, dir)
            #expect(r.status == 1 && r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix("nlp: \(path) is 1099.5 GB; fine-tuning holds the training set in memory (about 3298.5 GB for this file) but only "))
            #expect(r.stderr.hasSuffix(" is available; train on a sample (e.g. head -n 1000000 \(path) > sample.csv)\n"))
            #expect(!r.stderr.dropLast().contains("\n"))
        }
    }
}
