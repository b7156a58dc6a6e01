import Foundation
import Testing
@testable import NLPTensor

func fixtureURL(_ name: String) -> URL {
    Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/safetensors")!
}

/// A fresh empty directory under the system temporary directory.
func makeTemporaryDirectory() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swift-nlp-tests-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

@Suite struct SafeTensorsTests {
    @Test func roundTripPreservesNamesShapesValuesAndMetadata() throws {
        let dir = makeTemporaryDirectory()
        let path = dir + "/model.safetensors"
        var rng = Xoshiro256StarStar(seed: 1)
        let a = (0..<1000).map { _ in rng.nextNormal() }, b: [Float] = [1, -2, .infinity, -0.0]
        try SafeTensors.write(floats: [("layer.0.weight", [10, 100], a), ("layer.0.bias", [4], b), ("none", [0], [])],
                              metadata: ["format": "pt", "step": "7"], to: path)
        let file = try SafeTensors.read(path)
        #expect(Set(file.names) == ["layer.0.weight", "layer.0.bias", "none"])
        #expect(file.metadata == ["format": "pt", "step": "7"])
        #expect(try file.info("layer.0.weight").shape == [10, 100])
        #expect(try Array(file.floatView("layer.0.weight")) == a)
        #expect(try file.floats("layer.0.bias").map(\.bitPattern) == b.map(\.bitPattern))
        #expect(try file.floats("none").isEmpty)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(leftovers == ["model.safetensors"])  // no temporary file left behind
    }

    @Test func pythonWrittenFileReadsIdentically() throws {
        struct Expected: Decodable {
            struct Tensor: Decodable { let shape: [Int]; let floating: Bool; let values: [Value] }
            enum Value: Decodable {
                case number(Double), special(String)
                init(from d: Decoder) throws {
                    let c = try d.singleValueContainer()
                    if let s = try? c.decode(String.self) { self = .special(s) } else { self = .number(try c.decode(Double.self)) }
                }
                var int32: Int32 {
                    if case .number(let v) = self, let i = Int32(exactly: v) { return i }
                    return Int32.min
                }
                var float: Float {
                    switch self {
                    case .number(let v): Float(v)
                    case .special(let s): s == "inf" ? .infinity : s == "-inf" ? -.infinity : .nan
                    }
                }
            }
            let tensors: [String: Tensor]
        }
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: fixtureURL("python_mixed.json")))
        let file = try SafeTensors.read(fixtureURL("python_mixed.safetensors").path)
        #expect(file.metadata == ["format": "pt", "note": "é ünïcode"])
        #expect(Set(file.names) == Set(expected.tensors.keys))
        for (name, want) in expected.tensors {
            #expect(try file.info(name).shape == want.shape, "\(name)")
            if want.floating {
                #expect(try file.floats(name).map(\.bitPattern) == want.values.map(\.float.bitPattern), "\(name)")
            } else {
                #expect(try file.int32s(name) == want.values.map(\.int32), "\(name)")
            }
        }
        #expect(try file.info("encoder.half").dtype == .float16)
        #expect(try file.info("position_ids").dtype == .int64)
        #expect(throws: SafeTensorsError.self) { try file.floatView("encoder.half") }
        #expect(throws: SafeTensorsError.self) { try file.floats("position_ids") }
        #expect(throws: SafeTensorsError.self) { try file.floats("missing") }
    }

    /// The tensors of Fixtures/safetensors/python_f32.safetensors, rebuilt by the generator's formulas.
    static func pythonLayoutTensors() -> [(String, SafeTensorsDType, [Int], [UInt8])] {
        func bytes<T>(_ values: [T]) -> [UInt8] { values.withUnsafeBytes { Array($0) } }
        return [
            ("w", .float32, [2, 3], bytes((0..<6).map { Float($0) * 0.25 - 1 })),
            ("layer.0/\"quoted\"\\é", .float32, [2], bytes([Float(0.5), -1.5])),
            ("ids", .int32, [4], bytes([Int32(1), -2, 3, 2_147_483_647])),
            ("big", .int64, [2], bytes([Int64(-5), 1 << 40])),
            ("scalar", .float32, [], bytes([Float(3)])),
        ]
    }

    @Test func writerReproducesTheReferenceBytes() throws {
        let path = makeTemporaryDirectory() + "/ours.safetensors"
        let tensors = Self.pythonLayoutTensors()
        func go(_ i: Int, _ entries: [SafeTensorsEntry]) throws {
            if i == tensors.count { return try SafeTensors.write(entries, metadata: ["format": "pt"], to: path) }
            let (name, dtype, shape, data) = tensors[i]
            try data.withUnsafeBytes { try go(i + 1, entries + [SafeTensorsEntry(name: name, dtype: dtype, shape: shape, bytes: $0)]) }
        }
        try go(0, [])
        let ours = try Data(contentsOf: URL(fileURLWithPath: path))
        let reference = try Data(contentsOf: fixtureURL("python_f32.safetensors"))
        #expect(ours == reference)
    }

    /// Leaves a file for scripts/reference/check_safetensors_python_load.py (Python loads it).
    @Test func writtenFilesAreReadableBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("swift-nlp-safetensors-interop.safetensors").path
        let weights = (0..<12).map { Float($0) * 0.5 - 3 }, bias: [Float] = [0.125, -0.25, 1e-30], ids: [Int32] = [5, 6, 7]
        try weights.withUnsafeBytes { w in
            try bias.withUnsafeBytes { b in
                try ids.withUnsafeBytes { i in
                    try SafeTensors.write([
                        SafeTensorsEntry(name: "weights", dtype: .float32, shape: [3, 4], bytes: w),
                        SafeTensorsEntry(name: "bias", dtype: .float32, shape: [3], bytes: b),
                        SafeTensorsEntry(name: "ids", dtype: .int32, shape: [1, 3], bytes: i),
                        SafeTensorsEntry(name: "empty", dtype: .float32, shape: [0, 2], bytes: UnsafeRawBufferPointer(start: nil, count: 0)),
                    ], metadata: ["format": "pt", "step": "42"], to: path)
                }
            }
        }
        let file = try SafeTensors.read(path)
        #expect(try file.floats("weights") == weights && file.floats("bias") == bias && file.int32s("ids") == ids)
        #expect(try file.info("empty").shape == [0, 2])
    }

    @Test func writerRefusesInconsistentEntries() throws {
        let path = makeTemporaryDirectory() + "/bad.safetensors"
        #expect(throws: SafeTensorsError.self) { try SafeTensors.write(floats: [("a", [2, 2], [1, 2, 3])], to: path) }
        #expect(throws: SafeTensorsError.self) { try SafeTensors.write(floats: [("a", [1], [1]), ("a", [1], [2])], to: path) }
        #expect(throws: SafeTensorsError.self) { try SafeTensors.write(floats: [("__metadata__", [1], [1])], to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
