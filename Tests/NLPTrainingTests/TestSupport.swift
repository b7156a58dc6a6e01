import Foundation
import Testing
@testable import NLPTraining

/// A scratch directory removed at deinit.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "nlp-training-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let full = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
        return full
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let full = path + "/" + name
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }
}

/// A word-level toy vocabulary: specials first, then words; "##x" pieces for whole-word tests.
struct ToyVocabulary {
    let tokens: [String]
    let ids: [String: Int32]

    init(words: [String]) {
        tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + words
        var ids: [String: Int32] = [:]
        for (i, t) in tokens.enumerated() { ids[t] = Int32(i) }
        self.ids = ids
    }

    var vocabulary: MLMVocabulary {
        try! MLMVocabulary(size: tokens.count, token: { Int($0) < tokens.count ? tokens[Int($0)] : nil })
    }

    /// Space-separated words to ids ([UNK] for unknown words).
    func tokenize(_ text: String) -> [Int32] {
        text.split(separator: " ").map { ids[String($0)] ?? 1 }
    }
}

/// Paragraph `p` of a synthetic corpus: tokens "w<p>_<k>" that appear nowhere else, so every
/// sequence token can be traced back to its paragraph.
func syntheticCorpus(paragraphs: Int, wordsPerParagraph: (Int) -> Int) -> (text: String, vocab: ToyVocabulary) {
    var lines: [String] = []
    var words: [String] = []
    for p in 0..<paragraphs {
        let ws = (0..<wordsPerParagraph(p)).map { "w\(p)_\($0)" }
        words += ws
        lines.append(ws.joined(separator: " "))
    }
    return (lines.joined(separator: "\n") + "\n", ToyVocabulary(words: words))
}

/// Suites that train share process-wide state (the dropout seed stream, the buffer pool), so
/// they nest here and run one test at a time.
@Suite(.serialized) enum TrainingRuns {}
