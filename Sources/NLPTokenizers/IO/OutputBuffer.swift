#if canImport(Glibc)
import Glibc
#endif

/// Buffered writes to a file descriptor (standard output by default).
///
/// When the reader goes away (`nlp tokenize big.txt | head`), the write fails with EPIPE; that
/// is not an error for a filter, so `write` reports it as `closed` and the caller stops quietly.
public final class OutputBuffer {
    public enum Failure: Error { case closed, failed(String) }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int

    public init(fd: Int32 = 1, capacity: Int = 1 << 16) {
        self.fd = fd
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
        signal(SIGPIPE, SIG_IGN)  // get EPIPE instead of being killed mid-write
    }

    public func write(_ bytes: [UInt8]) throws {
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count >= capacity { try writeAll(bytes) } else { buffer.append(contentsOf: bytes) }
    }

    public func write(_ string: String) throws { try write(Array(string.utf8)) }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        var done = 0
        try bytes.withUnsafeBytes { raw in
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { throw Failure.closed }
                    throw Failure.failed(String(cString: strerror(errno)))
                }
                done += n
            }
        }
    }
}
