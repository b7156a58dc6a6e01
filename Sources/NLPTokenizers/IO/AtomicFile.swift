#if canImport(Glibc)
import Glibc
#endif

/// Whole-file reads and crash-safe writes.
///
/// A write goes to a temporary file in the same directory, is flushed to disk (fsync) and then
/// renamed over the target: a reader (or a crash) sees the old file or the new one, never half.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw TokenizerError.invalidFile(path: path, reason: "cannot create a file here (\(errnoText()))") }
        let tempPath = String(cString: template)
        var ok = false
        defer { if !ok { unlink(tempPath) } }
        var written = 0
        try bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    close(fd)
                    throw TokenizerError.invalidFile(path: path, reason: "write failed (\(errnoText()))")
                }
                written += n
            }
        }
        fchmod(fd, 0o644)
        guard fsync(fd) == 0, close(fd) == 0 else {
            throw TokenizerError.invalidFile(path: path, reason: "write failed (\(errnoText()))")
        }
        guard rename(tempPath, path) == 0 else {
            throw TokenizerError.invalidFile(path: path, reason: "cannot replace the file (\(errnoText()))")
        }
        ok = true
        let dirFD = open(directory.isEmpty ? "/" : directory, O_RDONLY)
        if dirFD >= 0 { _ = fsync(dirFD); close(dirFD) }
    }

    /// Reads a whole regular file; a missing file or a directory is a one-line error.
    public static func read(_ path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw TokenizerError.invalidFile(path: path, reason: errnoText(reading: true)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw TokenizerError.invalidFile(path: path, reason: "is a directory") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw TokenizerError.invalidFile(path: path, reason: errnoText(reading: true)) }
        defer { close(fd) }
        var result: [UInt8] = []
        result.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TokenizerError.invalidFile(path: path, reason: errnoText(reading: true))
            }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }

    static func errnoText(reading: Bool = false) -> String {
        switch errno {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(errno))
        }
    }
}
