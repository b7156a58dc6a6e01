#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of whole lines read from one file, with where it starts (for error messages).
struct LineChunk {
    var bytes: [UInt8] = []
    var count = 0
    var path = ""
    var fileOffset = 0
    var firstLine = 1
}

/// Reads files as large chunks of whole lines, never the whole file at once.
///
/// Each `next` call reads about `chunkBytes` more bytes, cuts at the last newline, and keeps the
/// tail for the following chunk. Callers on several threads share one reader behind a lock, so
/// reading is serial while the expensive part (pre-tokenising, counting) runs in parallel.
final class LineChunkReader {
    private let paths: [String]
    private let chunkBytes: Int
    private var fileIndex = -1
    private var descriptor: Int32 = -1
    private var carry: [UInt8] = []
    private var fileOffset = 0
    private var nextLine = 1
    private(set) var bytesRead = 0

    init(paths: [String], chunkBytes: Int) {
        self.paths = paths
        self.chunkBytes = max(chunkBytes, 1)
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Checks up front that every path is a regular file; returns their total size.
    @discardableResult
    static func checkReadable(_ paths: [String]) throws -> Int {
        var total = 0
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw TokenizerError.invalidFile(path: path, reason: String(cString: strerror(errno)))
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw TokenizerError.invalidFile(path: path, reason: "is a directory, not a file")
            }
            total += Int(info.st_size)
        }
        return total
    }

    private func openNext() throws -> Bool {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        fileIndex += 1
        guard fileIndex < paths.count else { return false }
        descriptor = open(paths[fileIndex], O_RDONLY)
        guard descriptor >= 0 else {
            throw TokenizerError.invalidFile(path: paths[fileIndex], reason: String(cString: strerror(errno)))
        }
        fileOffset = 0
        nextLine = 1
        carry.removeAll(keepingCapacity: true)
        return true
    }

    /// Fills `chunk` with the next run of whole lines; false at the end of the last file.
    func next(into chunk: inout LineChunk) throws -> Bool {
        while true {
            if descriptor < 0 { guard try openNext() else { return false } }
            let path = paths[fileIndex]
            var filled = carry.count
            let needed = filled + chunkBytes
            if chunk.bytes.count < needed { chunk.bytes = [UInt8](repeating: 0, count: needed) }
            chunk.bytes.withUnsafeMutableBufferPointer { buffer in
                carry.withUnsafeBufferPointer { c in
                    if c.count > 0 { buffer.baseAddress!.update(from: c.baseAddress!, count: c.count) }
                }
            }
            carry.removeAll(keepingCapacity: true)
            var atEnd = false
            // Read until at least one newline is in the buffer (or the file ends).
            var searchFrom = 0
            var cut = -1
            while true {
                if filled == chunk.bytes.count {
                    chunk.bytes.append(contentsOf: repeatElement(0, count: chunk.bytes.count))
                }
                let got = chunk.bytes.withUnsafeMutableBufferPointer { buffer in
                    read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw TokenizerError.invalidFile(path: path, reason: String(cString: strerror(errno)))
                }
                if got == 0 { atEnd = true; break }
                filled += got
                bytesRead += got
                cut = chunk.bytes.withUnsafeBufferPointer { buffer -> Int in
                    var i = filled - 1
                    while i >= searchFrom { if buffer[i] == 0x0A { return i + 1 }; i -= 1 }
                    return -1
                }
                searchFrom = filled
                if cut >= 0 && filled >= chunkBytes / 2 { break }
            }
            if atEnd { cut = filled }
            if cut < filled {
                carry.append(contentsOf: chunk.bytes[cut..<filled])
            }
            chunk.count = cut
            chunk.path = path
            chunk.fileOffset = fileOffset
            chunk.firstLine = nextLine
            fileOffset += cut
            nextLine += chunk.bytes.withUnsafeBufferPointer { buffer in
                var lines = 0
                for i in 0..<cut where buffer[i] == 0x0A { lines += 1 }
                return lines
            }
            if atEnd { close(descriptor); descriptor = -1 }
            if cut > 0 { return true }
        }
    }
}
