import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whole-file reads and crash-safe writes, shared by every module that saves what a user made
/// (vocabularies, tokenizer.json, checkpoints, model directories, reports).
///
/// A write goes to a temporary file in the same directory, is fsync'ed, renamed over the target
/// (atomic within one file system), and then the directory is fsync'ed so the rename itself is
/// durable: a reader, or a crash at any moment, sees the old file or the complete new one.
///
///     try AtomicFile.write(Array("hello\n".utf8), to: "out/greeting.txt")
///     try AtomicFile.write(to: "runs/a/state.safetensors") { sink in try sink.write(header); try sink.write(data) }
public enum AtomicFile {
    /// Sequential writer over the temporary file, handed to the `write(to:_:)` body.
    public struct Sink {
        let fd: Int32
        let path: String

        /// Writes all bytes, retrying short writes and EINTR.
        public func write(_ bytes: UnsafeRawBufferPointer) throws {
            guard var p = bytes.baseAddress else { return }
            var remaining = bytes.count
            while remaining > 0 {
                let n = Glibc.write(fd, p, remaining)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileError(path, "write failed (\(errnoText()))")
                }
                p += n
                remaining -= n
            }
        }

        public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }
    }

    /// Streams the new contents through `body`; the target changes only if `body` returns.
    public static func write(to path: String, _ body: (Sink) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var template = Array("\(directory)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileError(path, "cannot create a file in \(directory) (\(errnoText()))") }
        let temporary = String(cString: template)
        var committed = false
        defer { if !committed { unlink(temporary) } }
        do {
            try body(Sink(fd: fd, path: path))
            fchmod(fd, 0o644)
            guard fsync(fd) == 0 else { throw FileError(path, "write failed (\(errnoText()))") }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw FileError(path, "write failed (\(errnoText()))") }
        guard rename(temporary, path) == 0 else { throw FileError(path, "cannot replace the file (\(errnoText()))") }
        committed = true
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { try $0.write(bytes) }
    }

    /// Reads a whole regular file; a missing file or a directory is a one-line error.
    public static func read(_ path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileError(path, errnoText()) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw FileError(path, "is a directory") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path, errnoText()) }
        defer { close(fd) }
        var result: [UInt8] = []
        result.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path, errnoText())
            }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }

    /// `errno` as a short reason ("no such file", "permission denied", ...).
    public static func errnoText() -> String {
        switch errno {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(errno))
        }
    }
}
