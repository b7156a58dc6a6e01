import Foundation
import NLPTensor

/// What a checkpoint load did besides filling the model.
public struct CheckpointLoadReport: Sendable, Equatable {
    /// Model tensors the file did not have (only optional ones, e.g. an absent pooler); they keep
    /// their initial values.
    public var missing: [String] = []
    /// File tensors the model did not use (e.g. `cls.seq_relationship.*`, `embeddings.position_ids`).
    public var unused: [String] = []
}

/// Reads and writes model tensors by name in safetensors files.
public enum Checkpoint {
    /// Prefixes that Hugging Face task models put before the encoder's names.
    public static let acceptedPrefixes = ["bert."]

    /// Copies every tensor of `tensors` from `file` by name. A file name with an accepted prefix
    /// (`bert.embeddings...`) matches the bare name. Shapes must agree exactly; a missing tensor
    /// is an error unless `isOptional(name)`. F16/BF16/F64 files are converted.
    @discardableResult
    public static func load(_ tensors: [Tensor], from file: SafeTensorsFile, isOptional: (String) -> Bool = { _ in false },
                            describeShape: (String) -> String = { _ in "" }) throws -> CheckpointLoadReport {
        var byName: [String: String] = [:]  // bare name -> name in file
        for name in file.names {
            var bare = name
            for p in acceptedPrefixes where bare.hasPrefix(p) { bare = String(bare.dropFirst(p.count)) }
            byName[bare] = name
        }
        var report = CheckpointLoadReport()
        var used = Set<String>()
        for t in tensors {
            guard let fileName = byName[t.name] else {
                if isOptional(t.name) { report.missing.append(t.name); continue }
                throw ModelError.checkpoint("\(file.path) has no tensor '\(t.name)' (is it a checkpoint of this architecture?)")
            }
            let info = try file.info(fileName)
            guard info.shape == t.shape else {
                let hint = describeShape(t.name)
                throw ModelError.checkpoint("tensor '\(fileName)' has shape \(info.shape), the config expects \(t.shape)\(hint.isEmpty ? "" : " (\(hint))")")
            }
            try t.withUnsafeMutableBufferPointer { try file.copyFloats(fileName, into: $0) }
            used.insert(fileName)
        }
        report.unused = file.names.filter { !used.contains($0) }
        return report
    }

    /// Writes tensors (under their names) as F32 safetensors, atomically.
    public static func save(_ tensors: [Tensor], to path: String, metadata: [String: String]? = ["format": "pt"]) throws {
        let contiguous = tensors.map { t -> (String, Tensor) in (t.name, t.detached()) }
        var entries: [SafeTensorsEntry] = []
        for (name, t) in contiguous {
            let raw = t.withUnsafeBufferPointer { UnsafeRawBufferPointer($0) }
            entries.append(SafeTensorsEntry(name: name, dtype: .float32, shape: t.shape, bytes: raw))
        }
        try withExtendedLifetime(contiguous) {
            try SafeTensors.write(entries, metadata: metadata, to: path)
        }
    }
}
