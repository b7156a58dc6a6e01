import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing Hugging Face safetensors files, independent of the Tensor type.
///
///     let file = try SafeTensors.read("model.safetensors")
///     for name in file.names { print(name, try file.info(name).shape) }
///     let w = try file.floatView("embeddings.word_embeddings.weight")  // zero-copy F32
///     let ids = try file.int32s("embeddings.position_ids")              // I64 -> Int32
public enum SafeTensors {
    public static func read(_ path: String) throws -> SafeTensorsFile { try SafeTensorsFile(path: path) }
}

/// A memory-mapped safetensors file. F32 tensors are viewed in place; other dtypes are converted
/// on request. The mapping lives as long as this object: views must not outlive it.
public final class SafeTensorsFile {
    public let path: String
    /// Tensor names in file (data offset) order.
    public let names: [String]
    public let metadata: [String: String]
    private let infos: [String: SafeTensorsTensorInfo]
    private let mapping: UnsafeMutableRawPointer
    private let fileLength: Int
    private let dataStart: Int

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SafeTensorsError(path, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SafeTensorsError(path, "cannot stat: \(String(cString: strerror(errno)))") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw SafeTensorsError(path, "not a regular file") }
        let length = Int(st.st_size)
        guard length >= 8 else { throw SafeTensorsError(path, "file is \(length) bytes, too short for the 8-byte header length: truncated") }
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw SafeTensorsError(path, "mmap failed: \(String(cString: strerror(errno)))")
        }
        var ok = false
        defer { if !ok { munmap(base, length) } }
        let headerLength = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        guard headerLength <= UInt64(length - 8) else {
            throw SafeTensorsError(path, "header length \(headerLength) exceeds the file (\(length) bytes): truncated or not safetensors")
        }
        guard headerLength <= UInt64(SafeTensorsHeader.maximumLength) else {
            throw SafeTensorsError(path, "header length \(headerLength) exceeds the 100 MB limit")
        }
        let n = Int(headerLength)
        let header = UnsafeRawBufferPointer(start: base + 8, count: n)
        let parsed = try SafeTensorsHeader.parse(header, dataLength: length - 8 - n, path: path)
        names = parsed.tensors.map(\.name)
        infos = Dictionary(uniqueKeysWithValues: parsed.tensors.map { ($0.name, $0) })
        metadata = parsed.metadata
        mapping = base
        fileLength = length
        dataStart = 8 + n
        ok = true
    }

    deinit { munmap(mapping, fileLength) }

    public func contains(_ name: String) -> Bool { infos[name] != nil }

    public func info(_ name: String) throws -> SafeTensorsTensorInfo {
        guard let i = infos[name] else { throw SafeTensorsError(path, "no tensor named '\(name)'") }
        return i
    }

    /// The tensor's raw little-endian bytes, in place.
    public func bytes(_ name: String) throws -> UnsafeRawBufferPointer {
        let i = try info(name)
        return UnsafeRawBufferPointer(start: mapping + dataStart + i.byteRange.lowerBound, count: i.byteRange.count)
    }

    /// Zero-copy view of an F32 tensor (which the reference writer always leaves 4-byte aligned).
    public func floatView(_ name: String) throws -> UnsafeBufferPointer<Float> {
        let i = try info(name)
        guard i.dtype == .float32 else { throw SafeTensorsError(path, "tensor '\(name)' is \(i.dtype.rawValue), not F32: use floats(_:) to convert") }
        let raw = try bytes(name)
        guard Int(bitPattern: raw.baseAddress) % MemoryLayout<Float>.alignment == 0 else {
            throw SafeTensorsError(path, "tensor '\(name)' is not 4-byte aligned in the file: use floats(_:) to copy")
        }
        return raw.bindMemory(to: Float.self)
    }

    /// The tensor as Float values, converting F16, BF16 and F64 (and copying F32).
    public func floats(_ name: String) throws -> [Float] {
        let count = try info(name).elementCount
        return try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            try copyFloats(name, into: buffer)
            initialized = count
        }
    }

    /// Writes the tensor's values, converted to Float, into `destination` (which must hold exactly
    /// the tensor's element count): restores a parameter without an intermediate array.
    public func copyFloats(_ name: String, into destination: UnsafeMutableBufferPointer<Float>) throws {
        let i = try info(name)
        guard destination.count == i.elementCount else {
            throw SafeTensorsError(path, "tensor '\(name)' has \(i.elementCount) elements, destination holds \(destination.count)")
        }
        let src = try bytes(name)
        guard let out = destination.baseAddress, !src.isEmpty else { return }
        let n = i.elementCount
        switch i.dtype {
        case .float32: memcpy(out, src.baseAddress!, src.count)
        case .float16: for k in 0..<n { out[k] = float16ToFloat(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * k, as: UInt16.self))) }
        case .bfloat16: for k in 0..<n { out[k] = bfloat16ToFloat(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * k, as: UInt16.self))) }
        case .float64: for k in 0..<n { out[k] = Float(src.loadUnaligned(fromByteOffset: 8 * k, as: Double.self)) }
        default: throw SafeTensorsError(path, "tensor '\(name)' is \(i.dtype.rawValue), not a floating-point type: use int32s(_:)")
        }
    }

    /// The tensor as Int32 values, converting I64, I16, I8, U8, U16 and BOOL (HF stores token ids
    /// and position ids as I64); values outside Int32 are refused.
    public func int32s(_ name: String) throws -> [Int32] {
        let i = try info(name)
        let src = try bytes(name)
        let n = i.elementCount
        switch i.dtype {
        case .int32: return (0..<n).map { src.loadUnaligned(fromByteOffset: 4 * $0, as: Int32.self) }
        case .int64:
            return try (0..<n).map {
                let v = src.loadUnaligned(fromByteOffset: 8 * $0, as: Int64.self)
                guard let w = Int32(exactly: v) else { throw SafeTensorsError(path, "tensor '\(name)' value \(v) does not fit in Int32") }
                return w
            }
        case .int16: return (0..<n).map { Int32(src.loadUnaligned(fromByteOffset: 2 * $0, as: Int16.self)) }
        case .uint16: return (0..<n).map { Int32(src.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self)) }
        case .int8: return (0..<n).map { Int32(Int8(bitPattern: src[$0])) }
        case .uint8, .bool: return (0..<n).map { Int32(src[$0]) }
        default: throw SafeTensorsError(path, "tensor '\(name)' is \(i.dtype.rawValue), not an integer type: use floats(_:)")
        }
    }
}
