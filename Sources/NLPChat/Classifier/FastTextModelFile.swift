import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built-in classifier on disk (`intent-model.bin` in the bot directory), little-endian:
///
///     "NLPFT001"                                   8-byte magic
///     u32 dim, u32 buckets, u32 labels, u32 rows   sizes
///     u64 fingerprint                              of the training data and options
///     labels × (u32 byte length, UTF-8 bytes)
///     rows × u32                                   hashed bucket of each input row
///     rows × dim f32, labels × dim f32, labels f32 input rows, output matrix, bias
///
/// Written atomically (a temporary file in the same directory, fsync, rename, fsync of the
/// directory), so a crash leaves the old model or the new one, never half of one.
extension FastTextIntentClassifier {
    static let magic = Array("NLPFT001".utf8)

    public func serialized() -> [UInt8] {
        var out = Self.magic
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out += $0 } }
        u32(dim); u32(Int(hasher.buckets)); u32(labels.count); u32(buckets.count)
        withUnsafeBytes(of: fingerprint.littleEndian) { out += $0 }
        for label in labels { let b = Array(label.utf8); u32(b.count); out += b }
        for b in buckets { u32(Int(b)) }
        for array in [input, output, bias] {
            for v in array { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
        }
        return out
    }

    public convenience init(serialized bytes: [UInt8], file: String) throws {
        var at = 0
        func fail(_ why: String) -> BotDefinitionError {
            BotDefinitionError(file: file, line: 0, keyPath: "", message: "not a swift-nlp intent model: \(why) (retrain with --train)")
        }
        func take(_ n: Int) throws -> ArraySlice<UInt8> {
            guard n >= 0, at + n <= bytes.count else { throw fail("truncated at byte \(at)") }
            defer { at += n }
            return bytes[at..<(at + n)]
        }
        func u32() throws -> Int { Int(try take(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }) }
        func floats(_ n: Int) throws -> [Float] {
            let raw = try take(n * 4)
            return stride(from: raw.startIndex, to: raw.endIndex, by: 4).map { i in
                Float(bitPattern: UInt32(raw[i]) | UInt32(raw[i + 1]) << 8 | UInt32(raw[i + 2]) << 16 | UInt32(raw[i + 3]) << 24)
            }
        }
        guard Array(try take(8)) == Self.magic else { throw fail("bad magic") }
        let dim = try u32(), bucketCount = try u32(), labelCount = try u32(), rowCount = try u32()
        guard dim > 0, dim <= 4096, bucketCount > 0, labelCount > 0 else { throw fail("bad sizes") }
        let fingerprint = try take(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var labels: [String] = []
        for _ in 0..<labelCount { labels.append(String(decoding: try take(try u32()), as: UTF8.self)) }
        var buckets: [UInt32] = []
        buckets.reserveCapacity(rowCount)
        for _ in 0..<rowCount { buckets.append(UInt32(try u32())) }
        let input = try floats(rowCount * dim), output = try floats(labelCount * dim), bias = try floats(labelCount)
        guard at == bytes.count else { throw fail("\(bytes.count - at) trailing bytes") }
        self.init(labels: labels, dim: dim, hasher: FeatureHasher(buckets: UInt32(bucketCount)), fingerprint: fingerprint,
                  buckets: buckets, input: input, output: output, bias: bias)
    }

    public static func load(_ path: String) throws -> FastTextIntentClassifier {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BotDefinitionError(file: path, line: 0, keyPath: "", message: "cannot read the model")
        }
        return try FastTextIntentClassifier(serialized: [UInt8](data), file: path)
    }

    public func save(_ path: String) throws {
        try AtomicWrite.write(serialized(), to: path)
    }
}

/// Temporary file beside the target, write, fsync, rename over the target, fsync the directory.
enum AtomicWrite {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let temporary = path + ".tmp-\(getpid())"
        func failure(_ what: String) -> BotDefinitionError {
            BotDefinitionError(file: path, line: 0, keyPath: "", message: "\(what): \(String(cString: strerror(errno)))")
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw failure("cannot create \(temporary)") }
        var written = 0
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok else { let e = failure("cannot write"); unlink(temporary); throw e }
        guard rename(temporary, path) == 0 else { let e = failure("cannot rename"); unlink(temporary); throw e }
        let dirfd = open(directory, O_RDONLY)
        if dirfd >= 0 { fsync(dirfd); close(dirfd) }
    }
}
