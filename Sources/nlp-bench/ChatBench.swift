import Foundation
import NLPChat

/// nlp-bench chat [BOT_DIR] [--turns N]: the bundled bot's classifier accuracy on the held-out
/// test sets, its training time, and reply latency from Enter to answer:
///  - in process: `DialogueEngine.respond(toLine:)` on the raw line bytes, per turn;
///  - end to end: a line written to a running `nlp chat` (the binary next to this one) through a
///    pipe, until its reply line is read back.
/// p50/p99/max over a scripted conversation of about 20 lines replayed to N turns.
enum ChatBench {
    static let script = [
        "hi there", "I lost my card", "4821", "yes", "what's my balance", "send money to Alice", "£250", "no",
        "how long does an international transfer take?", "what's the weather in Paris tomorrow", "hmm",
        "my card was declined at the shop", "I want to dispute a charge TX-123456", "no", "我的卡丢了", "尾号1234", "是的",
        "今天美元汇率是多少", "can I talk to a human", "/reset", "where is the nearest ATM in London", "thanks, bye",
    ]

    static func run(_ arguments: [String]) throws {
        var botPath = "corpora/bot", turns = 400
        var rest = arguments[...]
        while let a = rest.popFirst() {
            if a == "--turns", let n = rest.popFirst().flatMap(Int.init) { turns = n } else { botPath = a }
        }
        let start = Date()
        let bot = try ChatBot.open(botPath, train: .always) { FileHandle.standardError.write(Data(("  " + $0 + "\n").utf8)) }
        print(String(format: "open + train + save: %.0f ms", Date().timeIntervalSince(start) * 1000))

        let directory = URL(fileURLWithPath: bot.definition.sourcePath).deletingLastPathComponent()
        for (name, relative) in [("en", "../intents/test.csv"), ("zh", "../intents-zh/test.csv")] {
            let path = directory.appendingPathComponent(relative).standardizedFileURL.path
            guard let test = try? LabeledUtterance.readCSV(path) else { continue }
            let evaluation = IntentEvaluation(bot.classifier, on: test, threshold: bot.definition.confidenceThreshold)
            print("test \(name) (\(relative)): \(evaluation)")
        }

        let engine = try bot.engine(seed: 1)
        var inProcess: [Double] = []
        for i in 0..<turns {
            let line = Array(script[i % script.count].utf8)
            let t0 = DispatchTime.now().uptimeNanoseconds
            let turn = engine.respond(toLine: line)
            inProcess.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            if turn.action == .handoff { engine.reset() }
        }
        report("in process (respond)", inProcess)
        if let endToEnd = try endToEnd(botPath: botPath, turns: turns) { report("end to end (nlp chat over a pipe)", endToEnd) }
    }

    static func endToEnd(botPath: String, turns: Int) throws -> [Double]? {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nlp").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("end to end: skipped (no nlp binary next to nlp-bench)")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["chat", "--bot", botPath, "--seed", "1"]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = stdout.fileHandleForReading.fileDescriptor
        var pending: [UInt8] = []
        func readLine() -> Bool {
            var byte = [UInt8](repeating: 0, count: 4096)
            while true {
                if let newline = pending.firstIndex(of: 0x0A) { pending.removeSubrange(...newline); return true }
                let n = read(reader, &byte, byte.count)
                if n <= 0 { return false }
                pending += byte[0..<n]
            }
        }
        var times: [Double] = []
        for i in 0..<turns {
            var text = script[i % script.count]
            if text == "can I talk to a human" { text = "what's my balance" }  // a hand-off would end the scripted bot's part
            let t0 = DispatchTime.now().uptimeNanoseconds
            stdin.fileHandleForWriting.write(Data((text + "\n").utf8))
            guard readLine() else { break }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return times
    }

    static func report(_ name: String, _ times: [Double]) {
        let sorted = times.sorted()
        func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        print(String(format: "%@: %d turns, p50 %.3f ms, p99 %.3f ms, max %.3f ms", name, sorted.count, at(0.5), at(0.99), sorted.last ?? 0))
    }
}
