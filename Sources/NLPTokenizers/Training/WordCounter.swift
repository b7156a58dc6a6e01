import Foundation

/// Counts the words of one or more text files for vocabulary training, the way Hugging Face's
/// trainers see them: each line (with its newline) is normalised, pre-tokenised, and every piece
/// is a word.
///
/// Files are streamed in chunks of whole lines (memory stays at a few chunks plus the distinct
/// words), UTF-8 is validated (an error names the file, line and byte offset), and `threads`
/// workers each count their own chunks in a `ByteStringCounter`, merged at the end.
///
///     let counter = WordCounter(preTokenizer: WhitespacePreTokenizer())
///     let words = try counter.count(files: ["corpus.txt"])
///     words.dictionary["the"]   // 1234
public final class WordCounter: @unchecked Sendable {
    public let preTokenizer: any PreTokenizer
    public let normalizer: (any Normalizer)?
    public let threads: Int
    public let chunkBytes: Int

    public init(preTokenizer: any PreTokenizer, normalizer: (any Normalizer)? = nil,
                threads: Int = 2, chunkBytes: Int = 4 << 20) {
        self.preTokenizer = preTokenizer
        self.normalizer = normalizer
        self.threads = max(1, threads)
        self.chunkBytes = chunkBytes
    }

    /// Counts the words of `files`; `progress` hears `.countingWords` after every chunk read.
    public func count(files: [String], progress: (@Sendable (TrainingPhase) -> Void)? = nil) throws -> ByteStringCounter {
        let totalBytes = try LineChunkReader.checkReadable(files)
        let reader = LineChunkReader(paths: files, chunkBytes: chunkBytes)
        let lock = NSLock()
        var results = [ByteStringCounter](repeating: ByteStringCounter(), count: threads)
        var failure: Error?
        results.withUnsafeMutableBufferPointer { slots in
            let slotsBase = slots.baseAddress!
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                var counter = ByteStringCounter()
                var chunk = LineChunk()
                var pieces: [Range<Int>] = []
                while true {
                    lock.lock()
                    if failure != nil { lock.unlock(); break }
                    let got: Bool
                    do { got = try reader.next(into: &chunk) } catch { failure = error; lock.unlock(); break }
                    let read = reader.bytesRead
                    lock.unlock()
                    if !got { break }
                    progress?(.countingWords(bytesRead: read, totalBytes: totalBytes))
                    do {
                        try countChunk(chunk, into: &counter, pieces: &pieces)
                    } catch {
                        lock.lock(); if failure == nil { failure = error }; lock.unlock()
                        break
                    }
                }
                (slotsBase + worker).pointee = counter
            }
        }
        if let failure { throw failure }
        var total = results[0]
        for other in results.dropFirst() { total.merge(other) }
        return total
    }

    /// Counts the words of in-memory text (one call per line, as for files).
    public func count(text: String) throws -> ByteStringCounter {
        var counter = ByteStringCounter()
        var chunk = LineChunk()
        chunk.bytes = Array(text.utf8)
        chunk.count = chunk.bytes.count
        chunk.path = "<text>"
        var pieces: [Range<Int>] = []
        try countChunk(chunk, into: &counter, pieces: &pieces)
        return counter
    }

    private func countChunk(_ chunk: LineChunk, into counter: inout ByteStringCounter, pieces: inout [Range<Int>]) throws {
        try chunk.bytes.withUnsafeBufferPointer { whole in
            let buffer = UnsafeBufferPointer(rebasing: whole[0..<chunk.count])
            if let bad = UTF8Validation.firstInvalidByte(buffer) {
                var line = chunk.firstLine
                var lineStart = 0
                for i in 0..<bad where buffer[i] == 0x0A { line += 1; lineStart = i + 1 }
                throw TokenizerError.invalidFile(
                    path: chunk.path,
                    reason: "invalid UTF-8 at line \(line), byte \(bad - lineStart + 1) of the line (file offset \(chunk.fileOffset + bad))")
            }
            var start = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count && buffer[end] != 0x0A { end += 1 }
                if end < buffer.count { end += 1 }  // keep the newline, as HF's read_line does
                countLine(buffer, start..<end, into: &counter, pieces: &pieces)
                start = end
            }
        }
    }

    @inline(__always)
    private func countLine(_ buffer: UnsafeBufferPointer<UInt8>, _ line: Range<Int>,
                           into counter: inout ByteStringCounter, pieces: inout [Range<Int>]) {
        pieces.removeAll(keepingCapacity: true)
        if let normalizer {
            var text = NormalizedText(bytes: Array(buffer[line]))
            normalizer.normalize(&text)
            text.bytes.withUnsafeBufferPointer { normalized in
                preTokenizer.split(normalized, range: 0..<normalized.count, into: &pieces)
                for piece in pieces {
                    counter.add(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(normalized)[piece]))
                }
            }
        } else {
            preTokenizer.split(buffer, range: line, into: &pieces)
            let raw = UnsafeRawBufferPointer(buffer)
            for piece in pieces { counter.add(UnsafeRawBufferPointer(rebasing: raw[piece])) }
        }
    }
}
