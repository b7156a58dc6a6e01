import Testing
@testable import NLPUnicode

/// What `nlp` tells a user whose file is not UTF-8, and what `--lossy` turns it into.
struct UTF8ValidatorTests {
    func firstError(_ bytes: [UInt8]) -> InvalidUTF8Error? {
        do { try UTF8Validator.validate(bytes); return nil } catch let error as InvalidUTF8Error { return error } catch { return nil }
    }

    @Test func acceptsValidTextOfEveryLength() {
        let text = "plain ascii, café, Ελληνικά, 中文, 😀 and 🇫🇷 \u{10FFFF}\u{0}"
        #expect(UTF8Validator.isValid(Array(text.utf8)))
        #expect(UTF8Validator.isValid([]))
        // Every ASCII fast-path alignment: the bad byte at each position of a 20-byte line.
        for position in 0..<20 {
            var bytes = [UInt8](repeating: 0x61, count: 20)
            bytes[position] = 0xFF
            #expect(bytes.withUnsafeBufferPointer { UTF8Validator.firstInvalid($0) }?.offset == position)
            #expect(firstError(bytes)?.byteInLine == position + 1)
        }
    }

    @Test(arguments: [
        // (bytes, expected offset of the first invalid byte, maximal-subpart length, what is wrong)
        ([0x61, 0x80, 0x62], 1, 1),                 // stray continuation byte
        ([0xBF], 0, 1),                             // stray continuation at start
        ([0xC0, 0xAF], 0, 1),                       // overlong "/" (C0/C1 never lead)
        ([0xE0, 0x80, 0xAF], 0, 1),                 // overlong three-byte form
        ([0xF0, 0x80, 0x80, 0xAF], 0, 1),           // overlong four-byte form
        ([0xED, 0xA0, 0x80], 0, 1),                 // UTF-16 surrogate D800
        ([0xED, 0xBF, 0xBF], 0, 1),                 // surrogate DFFF
        ([0xF4, 0x90, 0x80, 0x80], 0, 1),           // U+110000, beyond Unicode
        ([0xF5, 0x80, 0x80, 0x80], 0, 1),           // lead byte F5 can never be valid
        ([0xFF], 0, 1),
        ([0x61, 0xE2, 0x82], 1, 2),                 // truncated at end ("€" is E2 82 AC)
        ([0xF0, 0x9F, 0x98], 0, 3),                 // truncated four-byte sequence
        ([0xC3, 0x28], 0, 1),                       // lead followed by a non-continuation
        ([0xE2, 0x82, 0x41], 0, 2),
    ] as [([UInt8], Int, Int)])
    func findsEveryClassOfInvalidSequence(bytes: [UInt8], offset: Int, length: Int) {
        let found = bytes.withUnsafeBufferPointer { UTF8Validator.firstInvalid($0) }
        #expect(found?.offset == offset)
        #expect(found?.length == length)
        // Swift's own decoder agrees that the input is invalid.
        #expect(String(validating: bytes, as: UTF8.self) == nil)
    }

    @Test func errorNamesLineByteAndBytes() throws {
        let file = Array("first line\nsecond\nthird: caf".utf8) + [0xC3, 0x28] + Array("é)\n".utf8)
        let error = try #require(firstError(file))
        #expect(error.line == 3)
        #expect(error.byteInLine == 11)
        #expect(error.fileOffset == 28)
        #expect(error.description == "invalid UTF-8 at line 3, byte 11 (0xC3 0x28)")

        let truncated = try #require(firstError(Array("ok\n€".utf8.dropLast())))
        #expect(truncated.description == "invalid UTF-8 at line 2, byte 1 (0xE2 0x82, truncated)")
        let stray = try #require(firstError([0x41, 0x80, 0x41]))
        #expect(stray.description == "invalid UTF-8 at line 1, byte 2 (0x80)")
    }

    @Test func lineAPIReportsFileCoordinates() {
        let line: [UInt8] = Array("bonjour ".utf8) + [0xE9] + Array(" monde".utf8)
        #expect(throws: InvalidUTF8Error(line: 42, byteInLine: 9, fileOffset: 1008, bytes: [0xE9, 0x20], isTruncated: false)) {
            try UTF8Validator.validateLine(line, lineNumber: 42, fileOffset: 1000)
        }
        #expect(throws: Never.self) { try UTF8Validator.validateLine(Array("fine".utf8), lineNumber: 1, fileOffset: 0) }
    }

    /// The lossy repair must match Swift's `String(decoding:as:)` (the Unicode/WHATWG practice)
    /// on every class of damage, and on random bytes.
    @Test func repairMatchesSwiftDecoding() {
        var cases: [[UInt8]] = [
            [0x61, 0xF0, 0x9F, 0x41], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80, 0x61],
            [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x80, 0x80, 0xC3],
            [0xF1, 0x80, 0x41, 0xE1, 0x80, 0xC2], Array("clean € text".utf8),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<24, using: &generator)
            cases.append((0..<length).map { _ in
                // Bias toward lead/continuation bytes, where the interesting cases are.
                Bool.random(using: &generator) ? UInt8.random(in: 0x80...0xFF, using: &generator) : UInt8.random(in: 0...0x7F, using: &generator)
            })
        }
        for bytes in cases {
            let expected = Array(String(decoding: bytes, as: UTF8.self).utf8)
            #expect(UTF8Validator.repaired(bytes) == expected, "\(bytes)")
        }
        var output: [UInt8] = []
        #expect([0x61, 0xF0, 0x9F, 0x41].withUnsafeBufferPointer { UTF8Validator.repair($0, into: &output) } == 1)
        #expect(output == Array("a\u{FFFD}A".utf8))
    }

    @Test func decodeLineIsStrictUnlessLossy() throws {
        let line: [UInt8] = [0x61, 0xED, 0xA0, 0x80, 0x62]
        #expect(try line.withUnsafeBufferPointer { try UTF8Validator.decodeLine($0, lineNumber: 1, fileOffset: 0, lossy: true) }
            == "a\u{FFFD}\u{FFFD}\u{FFFD}b")
        #expect(throws: InvalidUTF8Error.self) {
            try line.withUnsafeBufferPointer { try UTF8Validator.decodeLine($0, lineNumber: 7, fileOffset: 99, lossy: false) }
        }
        #expect(try Array("ok é".utf8).withUnsafeBufferPointer { try UTF8Validator.decodeLine($0, lineNumber: 1, fileOffset: 0, lossy: false) } == "ok é")
    }
}
