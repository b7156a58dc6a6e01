import Foundation
import NLPUnicode
#if canImport(Glibc)
import Glibc
#endif

/// Reads one file as lines, from any byte offset, in fixed-size chunks: memory stays at one
/// chunk (plus the longest line), however large the file. Each line comes without its `\n`
/// (and without a `\r` before it), checked to be UTF-8, with the byte offset just past it so a
/// data cursor can come back to exactly the next line.
///
///     let reader = try LineReader(path: "corpus.txt", offset: 0, lineNumber: 1)
///     while let line = try reader.next() { ... line.bytes ... line.nextOffset }
final class LineReader {
    let path: String
    private let fd: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes start..<end of `buffer` are read but not yet returned.
    private var start = 0
    private var end = 0
    /// File offset of buffer[start].
    private var offset: Int
    private var atEOF = false
    /// 1-based number of the next line (for error messages).
    private(set) var lineNumber: Int
    /// A line longer than this is refused rather than grown without bound.
    static let maximumLineBytes = 1 << 28

    struct Line {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Offset of the byte after the line's terminator (where the next line starts).
        let nextOffset: Int
        let number: Int
    }

    init(path: String, offset: Int, lineNumber: Int, chunkSize: Int = 1 << 20) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CorpusError("\(path): cannot open (\(String(cString: strerror(errno))))") }
        capacity = max(16, chunkSize)
        buffer = .allocate(capacity: capacity)
        self.offset = offset
        self.lineNumber = lineNumber
        if lseek(fd, off_t(offset), SEEK_SET) < 0 {
            let why = String(cString: strerror(errno))
            close(fd)
            buffer.deallocate()
            throw CorpusError("\(path): cannot seek to byte \(offset) (\(why))")
        }
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// The next line, or nil at the end of the file. The bytes are valid until the next call.
    func next() throws -> Line? {
        while true {
            let available = end - start
            if available > 0, let nl = memchr(buffer + start, 0x0A, available) {
                let newline = buffer.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                return try emit(length: newline - start, consumed: newline - start + 1)
            }
            if atEOF {
                if available == 0 { return nil }
                return try emit(length: available, consumed: available)
            }
            try fill()
        }
    }

    private func emit(length: Int, consumed: Int) throws -> Line {
        var n = length
        if n > 0 && buffer[start + n - 1] == 0x0D { n -= 1 }
        let bytes = UnsafeBufferPointer(start: buffer + start, count: n)
        do {
            try UTF8Validator.validateLine(bytes, lineNumber: lineNumber, fileOffset: offset)
        } catch {
            throw CorpusError("\(path): \(error)")
        }
        start += consumed
        offset += consumed
        defer { lineNumber += 1 }
        return Line(bytes: bytes, nextOffset: offset, number: lineNumber)
    }

    /// Moves the unread tail to the front (growing the buffer when a line fills it) and reads.
    private func fill() throws {
        if start > 0 {
            (buffer).update(from: buffer + start, count: end - start)
            end -= start
            start = 0
        }
        if end == capacity {
            guard capacity < Self.maximumLineBytes else {
                throw CorpusError("\(path): line \(lineNumber) is longer than \(Self.maximumLineBytes >> 20) MiB")
            }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        while true {
            let n = read(fd, buffer + end, capacity - end)
            if n < 0 {
                if errno == EINTR { continue }
                throw CorpusError("\(path): read failed (\(String(cString: strerror(errno))))")
            }
            if n == 0 { atEOF = true } else { end += n }
            return
        }
    }
}
