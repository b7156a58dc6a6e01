import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that a crash at any moment leaves either the old file or the complete new
/// one, never a torn mix: write a temporary file in the same directory, fsync it, rename it over
/// the target (atomic within one file system), then fsync the directory so the rename itself is
/// durable.
///
///     try AtomicFile.write(to: "/runs/a/state.safetensors") { sink in try sink.write(header); try sink.write(data) }
public enum AtomicFile {
    /// Sequential writer over a file descriptor, handed to the `write(to:_:)` body.
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
                    throw SafeTensorsError(path, "write failed: \(String(cString: strerror(errno)))")
                }
                p += n
                remaining -= n
            }
        }

        public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }
    }

    public static func write(to path: String, _ body: (Sink) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SafeTensorsError(path, "cannot create temporary file in \(directory): \(String(cString: strerror(errno)))") }
        var committed = false
        defer { if !committed { unlink(temporary) } }
        do {
            try body(Sink(fd: fd, path: path))
            guard fsync(fd) == 0 else { throw SafeTensorsError(path, "fsync failed: \(String(cString: strerror(errno)))") }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw SafeTensorsError(path, "close failed: \(String(cString: strerror(errno)))") }
        guard rename(temporary, path) == 0 else { throw SafeTensorsError(path, "rename failed: \(String(cString: strerror(errno)))") }
        committed = true
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }
}
