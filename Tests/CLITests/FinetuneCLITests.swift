import Foundation
import Testing

/// nlp finetune / eval / predict / summarize through the binary: output shapes scripts rely on
/// (DESIGN.md) and one-line refusals.
@Suite(.serialized) struct FinetuneCLITests {
    static func toyCSV(_ count: Int, offset: Int) -> String {
        let cues = ["billing": "invoice", "cards": "card", "travel": "flight"]
        let noise = ["please", "help", "my", "the", "today", "again", "café", "今日"]
        var rows = "text,label\n"
        for i in 0..<count {
            let label = cues.keys.sorted()[i % 3]
            rows += "\"\(noise[(i + offset) % noise.count]) \(cues[label]!) \(noise[(i * 7 + offset) % noise.count])\",\(label)\n"
        }
        return rows
    }

    @Test func trainPredictEvalAndSummarize() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CLI.write(Self.toyCSV(150, offset: 0), dir + "/train.csv")
        try CLI.write(Self.toyCSV(30, offset: 3) + "\"my card\",unseen_label\n", dir + "/test.csv")
        let train = try CLI.run(["finetune", "--task", "classify", "--train", dir + "/train.csv", "--output", dir + "/m", "--arch", "bow",
                                 "--epochs", "30", "--lr", "0.02", "--batch-size", "16", "--hidden", "32", "--dropout", "0", "--patience", "30"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.isEmpty)

        let predict = try CLI.run(["predict", "--model", dir + "/m", "--top", "2"], stdin: Data("my flight today\n\ninvoice please\n".utf8))
        #expect(predict.status == 0, "\(predict.stderr)")
        let lines = predict.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3)
        let first = lines[0].split(separator: "\t")
        #expect(first.count == 4 && first[0] == "travel" && Double(first[1])! > 0.5)
        #expect(lines[2].hasPrefix("billing\t"))

        let eval = try CLI.run(["eval", "--model", dir + "/m", "--data", dir + "/test.csv", "--json"])
        #expect(eval.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as! [String: Any]
        for key in ["accuracy", "macro_f1", "per_class", "confusion"] { #expect(object[key] != nil, "\(key)") }
        #expect(abs((object["accuracy"] as! Double) - 30.0 / 31) < 1e-9)
        #expect((object["unknown_labels"] as? [String: Int])?["unseen_label"] == 1)
        #expect(eval.stderr == "nlp eval: label \"unseen_label\" is not one the model knows; its 1 rows count as wrong\n")

        // nlp average of a model with itself: a model directory nlp eval scores as the original.
        let average = try CLI.run(["average", dir + "/m", dir + "/m", "--output", dir + "/soup"])
        #expect(average.status == 0 && average.stderr == "nlp average: 2 models -> \(dir)/soup\n", "\(average.stderr)")
        let soupEval = try CLI.run(["eval", "--model", dir + "/soup", "--data", dir + "/test.csv", "--json"])
        let soup = try JSONSerialization.jsonObject(with: Data(soupEval.stdout.utf8)) as! [String: Any]
        #expect(soup["accuracy"] as? Double == object["accuracy"] as? Double)
        let greedy = try CLI.run(["average", dir + "/m", dir + "/m", "--output", dir + "/greedy", "--greedy", "--dev", dir + "/train.csv"])
        #expect(greedy.status == 0 && greedy.stderr.hasSuffix("nlp average: 2 of 2 models -> \(dir)/greedy\n"), "\(greedy.stderr)")
        let noDev = try CLI.run(["average", dir + "/m", dir + "/m", "--output", dir + "/g2", "--greedy"])
        #expect(noDev.status != 0 && noDev.stderr.contains("--greedy needs --dev FILE"))
        let devNotIntent = try CLI.run(["average", dir + "/m", dir + "/m", "--output", dir + "/g3", "--dev", dir + "/train.csv"])
        #expect(devNotIntent.status == 1 && devNotIntent.stderr
                == "nlp: average: --dev recalibrates intent models' out-of-scope threshold; these are classify models\n", "\(devNotIntent.stderr)")

        try CLI.write("Storm hits coast\n\nWinds reached 100 mph. Homes lost power. Repairs start Monday. Schools stay shut.\n", dir + "/doc.txt")
        let lead = try CLI.run(["summarize", "--method", "lead", "--sentences", "2", dir + "/doc.txt"])
        #expect(lead.stdout == "Winds reached 100 mph. Homes lost power.\n")

        // eval --predictions: each summary as one line, in data order, beside the scores.
        try CLI.write("{\"document\": \"Storm hits\\n\\nWinds rose. Power failed. Schools shut.\", \"summary\": \"Winds rose.\"}\n"
                      + "{\"document\": \"Vote\\n\\nThe council met.\\nIt voted yes. Work starts soon.\", \"summary\": \"It voted yes.\"}\n", dir + "/docs.jsonl")
        let scored = try CLI.run(["eval", "--method", "lead", "--sentences", "2", "--data", dir + "/docs.jsonl", "--json",
                                  "--predictions", dir + "/pred.txt"])
        #expect(scored.status == 0, "\(scored.stderr)")
        #expect(try String(contentsOfFile: dir + "/pred.txt", encoding: .utf8) == "Winds rose. Power failed.\nThe council met. It voted yes.\n")
        let wrongKind = try CLI.run(["eval", "--model", dir + "/m", "--data", dir + "/test.csv", "--predictions", dir + "/p.txt"])
        #expect(wrongKind.status != 0 && !FileManager.default.fileExists(atPath: dir + "/p.txt"))
    }

    @Test func refusals() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CLI.write("text,stars\ngood,5\nbad,1\n", dir + "/r.csv")
        let missing = try CLI.run(["finetune", "--task", "classify", "--train", dir + "/r.csv", "--label-column", "rating",
                                   "--output", dir + "/m", "--arch", "bow"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "nlp: \(dir)/r.csv: no column \"rating\"; available: text, stars\n")
        try CLI.write("text,label\na,x\nb,x\n", dir + "/one.csv")
        let one = try CLI.run(["finetune", "--task", "classify", "--train", dir + "/one.csv", "--output", dir + "/m", "--arch", "bow"])
        #expect(one.stderr == "nlp: \(dir)/one.csv: every example has the label \"x\"; a classifier needs at least two classes\n")
        let notModel = try CLI.run(["predict", "--model", dir], stdin: Data("x\n".utf8))
        #expect(notModel.status == 1 && notModel.stderr == "nlp: \(dir): not a model directory (no task.json)\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/m/task.json"))
        let decay = try CLI.run(["finetune", "--task", "classify", "--train", dir + "/r.csv", "--output", dir + "/m", "--layer-lr-decay", "1.5"])
        #expect(decay.status != 0 && decay.stderr.contains("--layer-lr-decay must be in (0, 1]"), "\(decay.stderr)")
    }

    /// The from-scratch recipe options: --kernel-sizes reaches the CNN's config.json, --lstm-pooling
    /// the LSTM's; a malformed width list is a one-line error.
    @Test func cnnWidthsAndLSTMPoolingOptions() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CLI.write(Self.toyCSV(60, offset: 0), dir + "/train.csv")
        let common = ["finetune", "--task", "classify", "--train", dir + "/train.csv", "--epochs", "1", "--hidden", "8", "--embedding", "8"]
        let cnn = try CLI.run(common + ["--output", dir + "/cnn", "--arch", "cnn", "--kernel-sizes", "2, 3"])
        #expect(cnn.status == 0, "\(cnn.stderr)")
        let cnnConfig = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/cnn/config.json"))) as? [String: Any]
        #expect(cnnConfig?["kernel_sizes"] as? [Int] == [2, 3] && cnnConfig?["mask_padding"] as? Bool == true)
        let unmasked = try CLI.run(common + ["--output", dir + "/cnn-unmasked", "--arch", "cnn", "--no-cnn-mask-padding"])
        #expect(unmasked.status == 0, "\(unmasked.stderr)")
        let unmaskedConfig = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/cnn-unmasked/config.json"))) as? [String: Any]
        #expect(unmaskedConfig?["mask_padding"] as? Bool == false && unmaskedConfig?["kernel_sizes"] as? [Int] == [3, 4, 5])
        let lstm = try CLI.run(common + ["--output", dir + "/lstm", "--arch", "lstm", "--layers", "1", "--lstm-pooling", "max"])
        #expect(lstm.status == 0, "\(lstm.stderr)")
        let lstmConfig = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/lstm/config.json"))) as? [String: Any]
        #expect(lstmConfig?["pooling"] as? String == "max")
        let bad = try CLI.run(common + ["--output", dir + "/bad", "--arch", "cnn", "--kernel-sizes", "3,,5"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "nlp: --kernel-sizes: expected positive widths separated by commas (e.g. 3,4,5), got \"3,,5\"\n")
    }
}
