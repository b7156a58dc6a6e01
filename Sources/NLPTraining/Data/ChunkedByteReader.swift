import Foundation

/// Bytes of a file, read 1 MiB at a time, so a dataset larger than memory streams through the
/// readers instead of being loaded whole. Only the record being parsed is ever held as a copy.
///
/// Counts physical lines ('\n') as it goes so that every error can name the line it is about.
final class ChunkedByteReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private let chunkSize: Int

    /// 1-based number of the line the next byte belongs to.
    private(set) var line = 1

    init(path: String, chunkSize: Int = 1 << 20) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw DatasetError.unreadable(path: path, reason: isDirectory.boolValue ? "is a directory" : "permission denied")
            }
            throw DatasetError.unreadable(path: path, reason: "no such file")
        }
        self.handle = handle
        self.chunkSize = chunkSize
    }

    deinit { try? handle.close() }

    /// Reads from an in-memory buffer (tests, standard input already slurped).
    init(bytes: [UInt8]) {
        handle = FileHandle.nullDevice
        buffer = bytes
        atEnd = true
        chunkSize = 0
    }

    @inline(__always)
    private func fill() -> Bool {
        if position < buffer.count { return true }
        if atEnd { return false }
        let data = handle.readData(ofLength: chunkSize)
        if data.isEmpty {
            atEnd = true
            return false
        }
        buffer = [UInt8](data)
        position = 0
        return true
    }

    /// The next byte without consuming it.
    @inline(__always)
    func peek() -> UInt8? {
        fill() ? buffer[position] : nil
    }

    @inline(__always)
    func next() -> UInt8? {
        guard fill() else { return nil }
        let b = buffer[position]
        position += 1
        if b == 0x0A { line += 1 }
        return b
    }

    /// Appends bytes up to (not including) the next '\n' to `out`, consumes the '\n', and drops a
    /// trailing '\r'. Returns false at the end of the file when nothing was read.
    func readLine(into out: inout [UInt8]) -> Bool {
        var readAny = false
        while fill() {
            readAny = true
            let start = position
            var i = position
            let n = buffer.count
            while i < n && buffer[i] != 0x0A { i += 1 }
            out.append(contentsOf: buffer[start..<i])
            if i < n {
                position = i + 1
                line += 1
                if out.last == 0x0D { out.removeLast() }
                return true
            }
            position = n
        }
        if out.last == 0x0D { out.removeLast() }
        return readAny
    }
}
