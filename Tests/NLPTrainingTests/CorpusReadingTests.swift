import Foundation
import Testing
@testable import NLPTraining

@Suite struct CorpusReadingTests {
    @Test func foldersAreSearchedRecursivelyForTextFilesInByteOrder() throws {
        let dir = TemporaryDirectory()
        dir.write("corpus/b.txt", "b\n")
        dir.write("corpus/a.txt", "a\n")
        dir.write("corpus/sub/c.txt", "c\n")
        dir.write("corpus/notes.md", "not text\n")
        let single = dir.write("single.txt", "s\n")
        let files = try CorpusFiles.resolve([dir.path + "/corpus", single])
        #expect(files == [dir.path + "/corpus/a.txt", dir.path + "/corpus/b.txt", dir.path + "/corpus/sub/c.txt", single])
    }

    @Test func missingPathsAndEmptyFoldersAreRefusedByName() throws {
        let dir = TemporaryDirectory()
        #expect(throws: CorpusError("\(dir.path)/nope.txt: no such file or directory")) {
            try CorpusFiles.resolve([dir.path + "/nope.txt"])
        }
        try FileManager.default.createDirectory(atPath: dir.path + "/empty", withIntermediateDirectories: true)
        #expect(throws: CorpusError("corpus: no .txt files under \(dir.path)/empty")) {
            try CorpusFiles.resolve([dir.path + "/empty"])
        }
    }

    /// Chunks far smaller than lines: every boundary case of the carry-over path.
    @Test func linesSurviveChunkBoundariesCRLFAndAMissingFinalNewline() throws {
        let dir = TemporaryDirectory()
        let long = String(repeating: "x", count: 100)
        let text = "first line\r\nsecond é line\n\n\(long)\nlast without newline"
        let path = dir.write("t.txt", text)
        for chunk in [16, 17, 64, 1 << 20] {
            let reader = try LineReader(path: path, offset: 0, lineNumber: 1, chunkSize: chunk)
            var lines: [String] = []
            var offsets: [Int] = []
            while let line = try reader.next() {
                lines.append(String(decoding: line.bytes, as: UTF8.self))
                offsets.append(line.nextOffset)
            }
            #expect(lines == ["first line", "second é line", "", long, "last without newline"], "chunk \(chunk)")
            #expect(offsets.last == text.utf8.count)
            // Restarting at any line's end offset continues with exactly the following lines.
            let resumed = try LineReader(path: path, offset: offsets[1], lineNumber: 3, chunkSize: chunk)
            var rest: [String] = []
            while let line = try resumed.next() { rest.append(String(decoding: line.bytes, as: UTF8.self)) }
            #expect(rest == Array(lines[2...]))
        }
    }

    @Test func invalidUTF8NamesFileLineAndByte() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("bad.txt", bytes: Array("good line\nok \u{00E9}\nbad ".utf8) + [0xC3, 0x28] + Array(" here\n".utf8))
        let reader = try LineReader(path: path, offset: 0, lineNumber: 1, chunkSize: 8)
        _ = try reader.next()
        _ = try reader.next()
        #expect(throws: CorpusError("\(path): invalid UTF-8 at line 3, byte 5 (0xC3 0x28)")) { _ = try reader.next() }
    }

    @Test func packerMatchesTheDocumentedExample() {
        var packer = SequencePacker(length: 6, cls: 100, sep: 101)
        packer.push([1, 2, 3])
        packer.push([4, 5, 6, 7])
        #expect(packer.pop() == [100, 1, 2, 3, 101, 101])
        #expect(packer.pop() == [100, 4, 5, 6, 7, 101])
        #expect(packer.pop() == nil)
        packer.push([8])
        #expect(packer.popRemainder() == [100, 8, 101])
        #expect(packer.popRemainder() == nil)
    }
}
