/// One tensor to write: its bytes are borrowed for the duration of `SafeTensors.write` only.
public struct SafeTensorsEntry {
    public var name: String
    public var dtype: SafeTensorsDType
    public var shape: [Int]
    public var bytes: UnsafeRawBufferPointer

    public init(name: String, dtype: SafeTensorsDType, shape: [Int], bytes: UnsafeRawBufferPointer) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.bytes = bytes
    }
}

extension SafeTensors {
    /// Writes a safetensors file atomically (temporary file, fsync, rename, fsync directory),
    /// laid out byte for byte as the reference writer lays it out (see `SafeTensorsHeader` and
    /// `SafeTensorsDType.writeOrder`), so `safetensors.torch.load_file` and `transformers` open it.
    public static func write(_ entries: [SafeTensorsEntry], metadata: [String: String]? = nil, to path: String) throws {
        var seen = Set<String>()
        for e in entries {
            guard !e.name.isEmpty, e.name != "__metadata__" else { throw SafeTensorsError(path, "invalid tensor name '\(e.name)'") }
            guard seen.insert(e.name).inserted else { throw SafeTensorsError(path, "tensor name '\(e.name)' appears twice") }
            guard e.shape.allSatisfy({ $0 >= 0 }) else { throw SafeTensorsError(path, "tensor '\(e.name)' has a negative dimension in \(e.shape)") }
            let expected = e.shape.reduce(1, *) * e.dtype.size
            guard expected == e.bytes.count else {
                throw SafeTensorsError(path, "tensor '\(e.name)' shape \(e.shape) x \(e.dtype.rawValue) needs \(expected) bytes, got \(e.bytes.count)")
            }
        }
        let ordered = entries.sorted {
            $0.dtype.writeOrder != $1.dtype.writeOrder ? $0.dtype.writeOrder > $1.dtype.writeOrder : SafeTensorsHeader.utf8Less($0.name, $1.name)
        }
        var offset = 0
        let infos = ordered.map { e -> SafeTensorsTensorInfo in
            defer { offset += e.bytes.count }
            return SafeTensorsTensorInfo(name: e.name, dtype: e.dtype, shape: e.shape, byteRange: offset..<offset + e.bytes.count)
        }
        let header = SafeTensorsHeader.encode(infos, metadata: metadata)
        var prefix = [UInt8](repeating: 0, count: 8)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { for k in 0..<8 { prefix[k] = $0[k] } }
        try AtomicFile.write(to: path) { sink in
            try sink.write(prefix + header)
            for e in ordered { try sink.write(e.bytes) }
        }
    }

    /// Convenience for F32 tensors held in arrays.
    public static func write(floats: [(name: String, shape: [Int], values: [Float])], metadata: [String: String]? = nil, to path: String) throws {
        func go(_ i: Int, _ acc: [SafeTensorsEntry]) throws {
            if i == floats.count { return try write(acc, metadata: metadata, to: path) }
            try floats[i].values.withUnsafeBytes { raw in
                try go(i + 1, acc + [SafeTensorsEntry(name: floats[i].name, dtype: .float32, shape: floats[i].shape, bytes: raw)])
            }
        }
        try go(0, [])
    }
}
