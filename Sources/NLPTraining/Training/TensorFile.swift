import NLPTensor

/// Named tensors to and from safetensors files (F32 weights, I32 ids), atomically written.
enum TensorFile {
    struct IntEntry {
        var name: String
        var values: [Int32]
    }

    static func write(_ tensors: [Tensor], prefix: String = "", ints: [IntEntry] = [], floats extra: [(String, UnsafeMutableBufferPointer<Float>)] = [],
                      metadata: [String: String]? = nil, to path: String) throws {
        var entries: [SafeTensorsEntry] = []
        for t in tensors {
            precondition(!t.isTransposed)
            entries.append(SafeTensorsEntry(name: prefix + t.name, dtype: .float32, shape: t.shape,
                                            bytes: UnsafeRawBufferPointer(start: t.pointer, count: t.count * 4)))
        }
        for (name, buffer) in extra {
            entries.append(SafeTensorsEntry(name: name, dtype: .float32, shape: [buffer.count], bytes: UnsafeRawBufferPointer(buffer)))
        }
        // The int arrays must stay alive while the entries borrow them.
        try withIntBuffers(ints, 0, []) { intEntries in
            try SafeTensors.write(entries + intEntries, metadata: metadata, to: path)
        }
    }

    private static func withIntBuffers(_ ints: [IntEntry], _ i: Int, _ acc: [SafeTensorsEntry], _ body: ([SafeTensorsEntry]) throws -> Void) throws {
        if i == ints.count { return try body(acc) }
        try ints[i].values.withUnsafeBytes { raw in
            try withIntBuffers(ints, i + 1, acc + [SafeTensorsEntry(name: ints[i].name, dtype: .int32, shape: [ints[i].values.count], bytes: raw)], body)
        }
    }

    /// Copies `prefix + name` of every tensor from `file`, checking shapes.
    static func load(_ tensors: [Tensor], prefix: String = "", from file: SafeTensorsFile) throws {
        for t in tensors {
            let name = prefix + t.name
            guard file.contains(name) else { throw TrainingError("\(file.path): missing tensor '\(name)'") }
            let info = try file.info(name)
            guard info.shape == t.shape else {
                throw TrainingError("\(file.path): tensor '\(name)' has shape \(info.shape), the model expects \(t.shape)")
            }
            try file.copyFloats(name, into: UnsafeMutableBufferPointer(start: t.pointer, count: t.count))
        }
    }
}
