#if canImport(Glibc)
import Glibc
#endif
import NLPUnicode

/// Lines of a file or of standard input, read in large chunks, handed out in batches.
///
/// Memory stays flat however large the input: a batch holds about `batchBytes` of whole lines
/// (a single longer line is read whole, however long). Lines end at "\n"; the "\n" and a "\r"
/// before it are not part of the line. Input is checked to be UTF-8 as it is read: invalid bytes
/// are an error naming the line and byte, unless `lossy` replaces them with U+FFFD.
public final class LineReader {
    public let name: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let batchBytes: Int
    private let lossy: Bool
    private var pending: [UInt8] = []  // bytes read but not yet handed out (a partial line)
    private var atEOF = false
    private var nextLineNumber = 1
    private var nextOffset = 0

    /// A run of whole lines; `lines` are ranges into `bytes`.
    public struct Batch {
        public var bytes: [UInt8] = []
        public var lines: [Range<Int>] = []
        public var firstLine = 1
    }

    /// `path` nil (or "-") reads standard input. Missing files and directories fail here.
    public init(path: String?, lossy: Bool = false, batchBytes: Int = 1 << 20) throws {
        self.lossy = lossy
        self.batchBytes = max(batchBytes, 1)
        if let path, path != "-" {
            try LineReader.checkReadable(path)
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw TokenizerError.invalidFile(path: path, reason: AtomicFile.errnoText()) }
            name = path
            ownsDescriptor = true
        } else {
            fd = 0
            name = "<stdin>"
            ownsDescriptor = false
        }
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// A missing file or a directory, as a one-line error (checked before any output is written).
    public static func checkReadable(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw TokenizerError.invalidFile(path: path, reason: AtomicFile.errnoText()) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw TokenizerError.invalidFile(path: path, reason: "is a directory") }
        guard access(path, R_OK) == 0 else { throw TokenizerError.invalidFile(path: path, reason: "permission denied") }
    }

    /// The next batch of lines, or nil at the end of input.
    public func nextBatch() throws -> Batch? {
        // Read until the pending bytes hold a newline and at least `batchBytes`, or EOF.
        var searchFrom = 0
        var lastNewline = pending.lastIndex(of: 0x0A)
        while !atEOF && (lastNewline == nil || pending.count < batchBytes) {
            searchFrom = pending.count
            let got = try readChunk()
            if got == 0 { atEOF = true; break }
            if let nl = pending[searchFrom...].lastIndex(of: 0x0A) { lastNewline = nl }
        }
        let end: Int
        if let nl = lastNewline { end = atEOF && pending.count > nl + 1 ? pending.count : nl + 1 } else { end = pending.count }
        guard end > 0 else { return nil }

        var batch = Batch()
        batch.firstLine = nextLineNumber
        var raw: [UInt8]
        if end == pending.count {
            raw = pending  // the whole buffer (one huge line, or the end of input): no copy
            pending = []
        } else {
            raw = Array(pending[0..<end])
            pending.removeFirst(end)  // the partial line left over, at most one chunk
        }
        let startOffset = nextOffset
        nextOffset += end
        try raw.withUnsafeBufferPointer { buffer in
            if !lossy {
                do {
                    try UTF8Validator.validate(buffer, firstLine: nextLineNumber, fileOffset: startOffset)
                } catch {
                    throw TokenizerError.invalidFile(path: name, reason: "\(error)")
                }
            }
        }
        if lossy, !UTF8Validator.isValid(raw) { raw = UTF8Validator.repaired(raw) }
        var lineStart = 0
        raw.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                // memchr finds the newline fast even on a 100 MB line.
                let p = memchr(buffer.baseAddress! + i, 0x0A, buffer.count - i)
                let nl = p.map { UnsafeRawPointer($0) - UnsafeRawPointer(buffer.baseAddress!) } ?? buffer.count
                var lineEnd = nl
                if lineEnd > lineStart && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                batch.lines.append(lineStart..<lineEnd)
                i = nl + 1
                lineStart = i
            }
        }
        batch.bytes = raw
        nextLineNumber += batch.lines.count
        return batch
    }

    private func readChunk() throws -> Int {
        let size = max(1 << 16, min(batchBytes, 1 << 22))
        let old = pending.count
        // Grow geometrically: a 100 MB line read in 4 MB chunks is copied O(1) times, not 25.
        if pending.capacity < old + size { pending.reserveCapacity(max(old + size, 2 * pending.capacity)) }
        pending.append(contentsOf: repeatElement(0, count: size))
        while true {
            let n = pending.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress! + old, size) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                let reason = errno == EISDIR ? "is a directory" : AtomicFile.errnoText()
                pending.removeLast(size)
                throw TokenizerError.invalidFile(path: name, reason: reason)
            }
            pending.removeLast(size - n)
            return n
        }
    }
}
