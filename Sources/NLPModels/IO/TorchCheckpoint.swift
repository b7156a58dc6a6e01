import Foundation
import NLPTensor

/// A `pytorch_model.bin` (PyTorch's zip format, `torch.save(model.state_dict())`) read without
/// Python and without executing its pickle: the state dict's names, shapes and element types,
/// with each tensor's values gathered contiguously from its storage.
///
///     let bin = try TorchCheckpoint(path: "bert-base/pytorch_model.bin")
///     try bin.writeSafeTensors(to: "/tmp/model.safetensors")   // same names, same dtypes
///
/// The archive is `<name>/data.pkl` (the pickle) plus `<name>/data/<key>` (raw little-endian
/// storages); tensors that share a storage (tied weights) are views into the same member.
public struct TorchCheckpoint {
    public struct Entry {
        public var name: String
        public var dtype: SafeTensorsDType
        public var shape: [Int]
        /// Contiguous little-endian element bytes.
        public var bytes: [UInt8]
    }

    public let path: String
    /// In the state dict's order.
    public let tensors: [Entry]

    public init(path: String) throws {
        self.path = path
        let zip = try StoredZipArchive(path: path)
        guard let pickle = zip.entries.first(where: { $0.name.hasSuffix("data.pkl") && $0.name.split(separator: "/").count == 2 }) else {
            throw ModelError.checkpoint("\(path): no data.pkl in the archive (not a torch.save file)")
        }
        let prefix = String(pickle.name.dropLast("data.pkl".count))
        if let order = zip.entry(named: prefix + "byteorder") {
            let text = String(decoding: try zip.contents(of: order), as: UTF8.self)
            guard text == "little" else { throw ModelError.checkpoint("\(path): byte order '\(text)' is not supported (little only)") }
        }
        var unpickler = TorchUnpickler([UInt8](try zip.contents(of: pickle)), path: path)
        guard case .dict(let dict) = try unpickler.load() else {
            throw ModelError.checkpoint("\(path): the pickle is not a state_dict (a dict of tensors)")
        }
        var storages: [String: Data] = [:]
        var out: [Entry] = []
        for (key, value) in dict.pairs {
            guard case .string(let name) = key else { throw ModelError.checkpoint("\(path): state_dict key is not a string") }
            guard case .tensor(let t) = value else {
                throw ModelError.checkpoint("\(path): '\(name)' is not a tensor (is this a full training checkpoint rather than a state_dict?)")
            }
            if storages[t.storage.key] == nil { storages[t.storage.key] = try zip.contents(of: prefix + "data/" + t.storage.key) }
            out.append(try Self.gather(name, t, storages[t.storage.key]!, path: path))
        }
        tensors = out
    }

    /// The tensor's elements in row-major order, following its strides.
    static func gather(_ name: String, _ t: TorchTensorRef, _ storage: Data, path: String) throws -> Entry {
        let size = t.storage.dtype.size
        guard storage.count >= t.storage.count * size else {
            throw ModelError.checkpoint("\(path): storage \(t.storage.key) holds \(storage.count) bytes, \(t.storage.count) elements expected")
        }
        guard t.shape.allSatisfy({ $0 >= 0 }), t.stride.allSatisfy({ $0 >= 0 }), t.offset >= 0 else {
            throw ModelError.checkpoint("\(path): tensor '\(name)' has a negative size, stride or offset")
        }
        let count = t.shape.reduce(1, *)
        if count > 0 {
            let last = t.offset + zip(t.shape, t.stride).reduce(0) { $0 + ($1.0 - 1) * $1.1 }
            guard last < t.storage.count else {
                throw ModelError.checkpoint("\(path): tensor '\(name)' reads past its storage (\(last) >= \(t.storage.count))")
            }
        }
        var bytes = [UInt8](repeating: 0, count: count * size)
        storage.withUnsafeBytes { (src: UnsafeRawBufferPointer) in
            bytes.withUnsafeMutableBytes { dst in
                var contiguous = true, expected = 1
                for (n, s) in zip(t.shape, t.stride).reversed() where n != 1 {
                    if s != expected { contiguous = false }
                    expected *= n
                }
                if contiguous {
                    if count > 0 { dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[t.offset * size..<(t.offset + count) * size])) }
                    return
                }
                var index = [Int](repeating: 0, count: t.shape.count)
                for k in 0..<count {
                    let element = t.offset + zip(index, t.stride).reduce(0) { $0 + $1.0 * $1.1 }
                    (dst.baseAddress! + k * size).copyMemory(from: src.baseAddress! + element * size, byteCount: size)
                    var d = t.shape.count - 1
                    while d >= 0 { index[d] += 1; if index[d] < t.shape[d] { break }; index[d] = 0; d -= 1 }
                }
            }
        }
        return Entry(name: name, dtype: t.storage.dtype.safeTensors, shape: t.shape, bytes: bytes)
    }

    /// Writes every tensor (names, shapes and element types unchanged) as a safetensors file.
    public func writeSafeTensors(to path: String) throws {
        var entries: [SafeTensorsEntry] = []
        var buffers: [UnsafeMutableRawBufferPointer] = []
        defer { buffers.forEach { $0.deallocate() } }
        for t in tensors {
            let b = UnsafeMutableRawBufferPointer.allocate(byteCount: max(t.bytes.count, 1), alignment: 16)
            buffers.append(b)
            t.bytes.withUnsafeBytes { if !$0.isEmpty { b.copyMemory(from: $0) } }
            entries.append(SafeTensorsEntry(name: t.name, dtype: t.dtype, shape: t.shape,
                                            bytes: UnsafeRawBufferPointer(rebasing: b[0..<t.bytes.count])))
        }
        try SafeTensors.write(entries, metadata: ["format": "pt", "source": "pytorch_model.bin"], to: path)
    }
}

extension TorchDType {
    var safeTensors: SafeTensorsDType {
        switch self {
        case .float32: .float32
        case .float16: .float16
        case .bfloat16: .bfloat16
        case .float64: .float64
        case .int64: .int64
        case .int32: .int32
        case .int16: .int16
        case .int8: .int8
        case .uint8: .uint8
        case .bool: .bool
        }
    }
}
