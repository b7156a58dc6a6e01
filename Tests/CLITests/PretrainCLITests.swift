import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `nlp pretrain` as scripts use it: refusals with one-line reasons, and a run killed with
/// SIGKILL mid-way that `--resume` finishes with exactly the losses of an uninterrupted run.
@Suite(.serialized) struct PretrainCLITests {
    let dir: String
    let vocab: String
    let corpus: String

    init() throws {
        dir = try CLI.temporaryDirectory()
        let words = ["the", "river", "town", "bread", "market", "rain", "old", "new", "walk", "bridge", "light", "song", "and", "of", "."]
        vocab = dir + "/vocab.txt"
        try CLI.write((["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + words + ["##s", "##ed"]).joined(separator: "\n") + "\n", vocab)
        var state: UInt64 = 12345
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
        var lines: [String] = []
        for _ in 0..<80 { lines.append((0..<(5 + next(20))).map { _ in words[next(words.count)] + (next(6) == 0 ? "s" : "") }.joined(separator: " ")) }
        corpus = dir + "/corpus"
        try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
        try CLI.write(lines.joined(separator: "\n") + "\n", corpus + "/text.txt")
    }

    func arguments(_ output: String, steps: Int = 120) -> [String] {
        ["pretrain", "--corpus", corpus, "--vocab", vocab, "--arch", "transformer", "--output", output,
         "--layers", "1", "--hidden", "32", "--heads", "2", "--seq-len", "32", "--batch-size", "8",
         "--steps", "\(steps)", "--log-every", "5", "--eval-every", "20", "--save-every", "10", "--seed", "4", "--threads", "1"]
    }

    @Test func refusesMissingOrEmptyCorporaBadVocabulariesAndOccupiedOutputs() throws {
        var r = try CLI.run(["pretrain", "--corpus", dir + "/nope", "--vocab", vocab, "--output", dir + "/o1"])
        #expect(r.status == 1 && r.stderr == "nlp: \(dir)/nope: no such file or directory\n")
        try CLI.write("\n\n", dir + "/empty.txt")
        r = try CLI.run(["pretrain", "--corpus", dir + "/empty.txt", "--vocab", vocab, "--output", dir + "/o2"])
        #expect(r.status == 1 && r.stderr.hasPrefix("nlp: corpus: no training text in \(dir)/empty.txt"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        try CLI.write("[CLS]\n[SEP]\nthe\n", dir + "/nomask.txt")
        r = try CLI.run(["pretrain", "--corpus", corpus, "--vocab", dir + "/nomask.txt", "--output", dir + "/o3"])
        #expect(r.status == 1 && r.stderr.contains("no mask token"))
        r = try CLI.run(["pretrain", "--corpus", corpus, "--vocab", vocab, "--output", dir + "/o4", "--resume"])
        #expect(r.status == 1 && r.stderr.contains("no checkpoint to resume from"))

        let out = dir + "/short"
        r = try CLI.run(arguments(out, steps: 10))
        #expect(r.status == 0, "\(r.stderr)")
        r = try CLI.run(arguments(out, steps: 10))
        #expect(r.status == 1 && r.stderr.contains("already holds a run"))
        try CLI.write("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nriver\n", dir + "/other-vocab.txt")
        r = try CLI.run(["pretrain", "--corpus", corpus, "--vocab", dir + "/other-vocab.txt", "--output", out, "--resume"])
        #expect(r.status == 1 && r.stderr.contains("is not the vocabulary of the run"))
    }

    struct Logged: Decodable, Equatable {
        var step: Int
        var loss: Double?
        var val_loss: Double?
        var mlm_accuracy: Double?
    }

    func metrics(_ output: String) throws -> [Logged] {
        let data = FileManager.default.contents(atPath: output + "/metrics.jsonl") ?? Data()
        return try data.split(separator: 0x0A).map { try JSONDecoder().decode(Logged.self, from: Data($0)) }
    }

    @Test func aRunKilledWithSIGKILLResumesToTheUninterruptedLosses() throws {
        let reference = dir + "/uninterrupted"
        let full = try CLI.run(arguments(reference))
        #expect(full.status == 0, "\(full.stderr)")

        let killed = dir + "/killed"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments(killed)
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // Wait for a few log lines (checkpoints every 10 steps), then kill without warning.
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline && (try? metrics(killed).count) ?? 0 < 7 { usleep(2_000) }
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(wasRunning, "the run finished before it could be killed; make it longer")
        let before = try metrics(killed).count
        #expect(before >= 7 && before < 24)

        let resumed = try CLI.run(arguments(killed) + ["--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming at step"))
        let expected = try metrics(reference)
        #expect(expected.count == 24)
        #expect(try metrics(killed) == expected)
        // Same final weights, byte for byte.
        #expect(FileManager.default.contents(atPath: killed + "/model.safetensors") == FileManager.default.contents(atPath: reference + "/model.safetensors"))
    }
}
