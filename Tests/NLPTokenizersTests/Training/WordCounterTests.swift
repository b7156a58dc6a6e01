import Foundation
import Testing
@testable import NLPTokenizers

/// Lowercases ASCII letters (a stand-in normaliser, to check normalisers run before splitting).
struct ASCIILowercase: Normalizer {
    init() {}
    init(json: JSONValue) throws {}
    var json: JSONValue { .object([("type", .string("ASCIILowercase"))]) }
    func normalize(_ text: inout NormalizedText) {
        text.mapScalars { s, out in
            out.append(("A"..."Z").contains(s) ? Unicode.Scalar(s.value + 32)! : s)
        }
    }
}

struct WordCounterTests {
    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wc-\(UUID().uuidString).txt").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A naive reference: split every line with the same pre-tokenizer, count in a dictionary.
    func naiveCounts(_ text: String, _ pre: any PreTokenizer) -> [String: Int] {
        var counts: [String: Int] = [:]
        let bytes = Array(text.utf8)
        var ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { pre.split($0, range: 0..<$0.count, into: &ranges) }
        for r in ranges { counts[String(decoding: bytes[r], as: UTF8.self), default: 0] += 1 }
        return counts
    }

    @Test(arguments: [1, 2, 3], [7, 64, 1 << 20])
    func countsEqualANaiveCountForAnyChunkingAndThreads(threads: Int, chunkBytes: Int) throws {
        let text = try String(contentsOfFile: TrainingFixtures.corpusPath, encoding: .utf8)
        let counter = WordCounter(preTokenizer: WhitespacePreTokenizer(), threads: threads, chunkBytes: chunkBytes)
        let counts = try counter.count(files: [TrainingFixtures.corpusPath])
        #expect(counts.dictionary == naiveCounts(text, WhitespacePreTokenizer()))
    }

    @Test func severalFilesAddUpAndAFinalLineWithoutNewlineCounts() throws {
        let a = try temporaryFile(Array("the cat\nthe dog".utf8))
        let b = try temporaryFile(Array("the end\n\n".utf8))
        let counts = try WordCounter(preTokenizer: WhitespaceSplitPreTokenizer(), chunkBytes: 4).count(files: [a, b])
        #expect(counts.dictionary == ["the": 3, "cat": 1, "dog": 1, "end": 1])
    }

    @Test func theNormalizerRunsBeforePreTokenization() throws {
        let counts = try WordCounter(preTokenizer: WhitespacePreTokenizer(), normalizer: ASCIILowercase())
            .count(text: "The THE the, Café\n")
        #expect(counts.dictionary == ["the": 3, ",": 1, "café": 1])
    }

    @Test func invalidUTF8NamesFileLineAndOffset() throws {
        let path = try temporaryFile(Array("good line\nsecond ok\nbad \u{e9}".utf8.dropLast(1)) + [0x41, 0xFF, 0x42, 0x0A])
        do {
            _ = try WordCounter(preTokenizer: WhitespacePreTokenizer(), chunkBytes: 8).count(files: [path])
            Issue.record("expected an error")
        } catch let error as TokenizerError {
            // "bad " is 4 bytes, then the lone 0xC3 lead byte of "é" (its continuation was dropped).
            #expect(error.description == "\(path): invalid UTF-8 at line 3, byte 5 of the line (file offset 24)")
        }
    }

    @Test func missingFilesAndDirectoriesAreClearErrors() throws {
        let counter = WordCounter(preTokenizer: WhitespacePreTokenizer())
        #expect(throws: TokenizerError.invalidFile(path: "/nonexistent/corpus.txt", reason: "No such file or directory")) {
            try counter.count(files: ["/nonexistent/corpus.txt"])
        }
        let directory = FileManager.default.temporaryDirectory.path
        #expect(throws: TokenizerError.invalidFile(path: directory, reason: "is a directory, not a file")) {
            try counter.count(files: [directory])
        }
    }

    /// A pre-tokenizer that keeps the whole line, to see exactly what WordCounter hands over.
    struct WholeLine: PreTokenizer {
        init() {}
        init(json: JSONValue) throws {}
        var json: JSONValue { .null }
        func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>]) {
            pieces.append(range)
        }
    }

    @Test func linesKeepTheirNewlineAsInHuggingFace() throws {
        // HF's trainer reads lines with read_line (newline kept): a byte-level trainer on
        // "ab\nab\nab\n" learns ("a","b") then ("ab","Ċ").
        let path = try temporaryFile(Array("ab\nab\r\nlast".utf8))
        let counts = try WordCounter(preTokenizer: WholeLine(), chunkBytes: 3).count(files: [path])
        #expect(counts.dictionary == ["ab\n": 1, "ab\r\n": 1, "last": 1])
    }

    @Test func emptyFileGivesNoWords() throws {
        let path = try temporaryFile([])
        #expect(try WordCounter(preTokenizer: WhitespacePreTokenizer()).count(files: [path]).count == 0)
    }

    @Test func byteStringCounterSurvivesGrowthAndMerges() {
        var a = ByteStringCounter(capacity: 4)
        var b = ByteStringCounter(capacity: 4)
        for i in 0..<5000 { a.add("w\(i)".utf8); b.add("w\(i % 100)".utf8, count: 2) }
        a.add("".utf8)
        a.merge(b)
        let d = a.dictionary
        #expect(d.count == 5001)
        #expect(d["w7"] == 1 + 50 * 2 && d["w4999"] == 1 && d[""] == 1)
    }
}

struct TrainingProgressPrinterTests {
    @Test func linesSayWhereTrainingIs() {
        #expect(TrainingProgressPrinter.line(.countingWords(bytesRead: 12_300_000, totalBytes: 49_000_000), elapsedMerging: nil)
                == "counting words  12.3 / 49.0 MB")
        #expect(TrainingProgressPrinter.line(.merging(done: 1000, total: 4000), elapsedMerging: 2)
                == "merging  1000 / 4000 tokens  ETA 6.0 s")
    }

    @Test func printsOnlyWhatItIsGivenAndEndsTheLine() {
        final class Box: @unchecked Sendable { var text = "" }
        let box = Box()
        let printer = TrainingProgressPrinter { box.text += $0 }
        printer.report(.merging(done: 10, total: 10))
        printer.finish()
        #expect(box.text == "\r\u{1B}[Kmerging  10 / 10 tokens\n")
    }
}
