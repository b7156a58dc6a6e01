import Foundation
import Testing
@testable import NLPTensor

/// Every way a file can be broken must give a one-line error that names the file, never a crash.
@Suite struct SafeTensorsCorruptionTests {
    /// Builds a file from a header string (padded to 8 bytes) and `dataBytes` bytes of data.
    func file(_ header: String, dataBytes: Int, lengthField: UInt64? = nil) -> [UInt8] {
        var h = Array(header.utf8)
        while h.count % 8 != 0 { h.append(0x20) }
        var out = withUnsafeBytes(of: (lengthField ?? UInt64(h.count)).littleEndian) { Array($0) }
        out += h
        out += [UInt8](repeating: 0, count: dataBytes)
        return out
    }

    func expectRefused(_ bytes: [UInt8], _ keyword: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = makeTemporaryDirectory() + "/broken.safetensors"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SafeTensors.read(path)
            Issue.record("accepted a broken file (\(keyword))", sourceLocation: sourceLocation)
        } catch let error as SafeTensorsError {
            let message = error.description
            #expect(message.hasPrefix(path + ": "), sourceLocation: sourceLocation)
            #expect(message.contains(keyword), "\(message)", sourceLocation: sourceLocation)
            #expect(!message.contains("\n"), sourceLocation: sourceLocation)
        }
    }

    let good = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I64","shape":[1],"data_offsets":[8,16]}}"#

    @Test func wellFormedControlIsAccepted() throws {
        let path = makeTemporaryDirectory() + "/ok.safetensors"
        try Data(file(good, dataBytes: 16)).write(to: URL(fileURLWithPath: path))
        #expect(try SafeTensors.read(path).names == ["a", "b"])
    }

    @Test func truncatedFilesAreRefused() throws {
        try expectRefused([1, 0, 0], "too short")
        try expectRefused(file(good, dataBytes: 15), "past the data section")
        try expectRefused(Array(file(good, dataBytes: 16).prefix(40)), "exceeds the file")
    }

    @Test func badHeaderLengthsAreRefused() throws {
        try expectRefused(file(good, dataBytes: 16, lengthField: 1 << 40), "exceeds the file")
        try expectRefused(file(good, dataBytes: 16, lengthField: UInt64.max), "exceeds the file")
    }

    @Test func invalidJSONIsRefused() throws {
        try expectRefused(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]"#, dataBytes: 8), "not valid JSON")
        try expectRefused(file(#"["a"]"#, dataBytes: 0), "does not start with '{'")
        try expectRefused(file(#"{"a":[1,2]}"#, dataBytes: 0), "not an object")
        try expectRefused(file(#"{"__metadata__":{"k":1}}"#, dataBytes: 0), "not a string")
        try expectRefused(file("{\"a\u{FF}\"}", dataBytes: 0) .map { $0 == 0xC3 ? 0xFF : $0 }, "UTF-8")
    }

    @Test func unknownDtypesAndMissingFieldsAreRefused() throws {
        try expectRefused(file(#"{"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}}"#, dataBytes: 8), "unknown dtype 'F33'")
        try expectRefused(file(#"{"a":{"shape":[2],"data_offsets":[0,8]}}"#, dataBytes: 8), "no dtype")
        try expectRefused(file(#"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, dataBytes: 8), "shape")
        try expectRefused(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}}"#, dataBytes: 8), "data_offsets")
    }

    @Test func shapeSizeMismatchIsRefused() throws {
        try expectRefused(file(#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, dataBytes: 8), "needs 12 bytes")
        try expectRefused(file(#"{"a":{"dtype":"F32","shape":[4503599627370495,4503599627370495],"data_offsets":[0,8]}}"#, dataBytes: 8), "overflows")
    }

    @Test func overlappingGappedAndOutOfRangeOffsetsAreRefused() throws {
        try expectRefused(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, dataBytes: 12), "overlaps")
        try expectRefused(file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, dataBytes: 8), "gap")
        try expectRefused(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, dataBytes: 12), "cover 8 bytes")
        try expectRefused(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, dataBytes: 8), "end before")
        try expectRefused(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[1000,1008]}}"#, dataBytes: 8), "past the data section")
    }

    @Test func missingFilesAndDirectoriesAreRefused() throws {
        let dir = makeTemporaryDirectory()
        #expect(throws: SafeTensorsError.self) { try SafeTensors.read(dir + "/nope.safetensors") }
        #expect(throws: SafeTensorsError.self) { try SafeTensors.read(dir) }
    }
}
