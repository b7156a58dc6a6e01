import Foundation
import Testing
@testable import NLPTokenizers

/// Byte-level BPE with the GPT-2 ranks against tiktoken's ids (Fixtures/bytelevel_reference.json,
/// made by scripts/reference/make_bytelevel_reference.py).
@Suite struct ByteLevelParityTests {
    static let reference = try! Reference.load()
    static let lines = reference["lines"]!.arrayValue!.map { $0.stringValue! }

    func expected(_ key: String) -> [[Int32]] {
        Self.reference[key]!.arrayValue!.map { $0.arrayValue!.map { Int32($0.intValue!) } }
    }

    @Test func fastEncoderMatchesTiktoken() {
        var encoder = ByteLevelEncoder(model: Fixtures.gpt2)
        for (line, ids) in zip(Self.lines, expected("gpt2")) {
            #expect(encoder.encode(line) == ids, "\(line.debugDescription)")
        }
        // Twice: the second pass is answered from the piece cache.
        for (line, ids) in zip(Self.lines, expected("gpt2")) { #expect(encoder.encode(line) == ids) }
    }

    @Test func pipelinePathMatchesTiktokenWithOffsets() {
        for (line, ids) in zip(Self.lines, expected("gpt2")) {
            let out = encodeGPT2(line)
            #expect(out.ids == ids, "\(line.debugDescription)")
            // Offsets cover whole characters and tile the line (no space in GPT-2 is dropped).
            let bytes = Array(line.utf8)
            var previousEnd = 0
            for k in 0..<out.count {
                #expect(out.starts[k] <= out.ends[k] && Int(out.ends[k]) <= bytes.count)
                #expect(Int(out.starts[k]) <= previousEnd)
                previousEnd = max(previousEnd, Int(out.ends[k]))
            }
            #expect(previousEnd == bytes.count)
        }
    }

    @Test func batchKeepsInputOrder() {
        let batch = ByteLevelEncoder.encodeBatch(Self.lines, model: Fixtures.gpt2, threads: 2)
        #expect(batch == expected("gpt2"))
        let joined = Array(Self.lines.filter { !$0.utf8.contains(10) }.joined(separator: "\n").utf8)
        let (ids, ends) = joined.withUnsafeBufferPointer { ByteLevelEncoder.encodeLines($0, model: Fixtures.gpt2, threads: 2) }
        var one = ByteLevelEncoder(model: Fixtures.gpt2)
        var serial: [Int32] = []
        var serialEnds: [Int] = []
        for line in Self.lines.filter({ !$0.utf8.contains(10) }) { serial += one.encode(line); serialEnds.append(serial.count) }
        #expect(ids == serial && ends == serialEnds)
    }

    /// Decoding the ids of any UTF-8 text gives the text back, byte for byte.
    @Test func decodeRoundTripsAnyText() {
        let model = Fixtures.gpt2
        var encoder = ByteLevelEncoder(model: model)
        var g = SplitMix64(seed: 11)
        var texts = Self.lines
        let pool: [Unicode.Scalar] = ["a", " ", "\t", "\n", "\0", "\u{7F}", "é", "\u{301}", "中", "😀", "\u{200D}",
                                      "\u{FEFF}", "\u{10FFFF}", "\u{E000}", "\u{85}", "'", "s", "1", "\u{FFFD}"]
        for _ in 0..<300 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(g.next() % 60) {
                if g.next() % 3 == 0 { s.append(Unicode.Scalar(UInt32(g.next() % 0xD000))!) }
                else { s.append(pool[Int(g.next() % UInt64(pool.count))]) }
            }
            texts.append(String(s))
        }
        let decoder = ByteLevelDecoder()
        for text in texts {
            let tokens = encoder.encode(text).map { model.token(forID: $0)! }
            #expect(decoder.decode(tokens) == text)
        }
    }

    @Test func cl100kAndO200kSplitsMatchTheRegex() throws {
        for name in ["cl100k", "o200k"] {
            let pre = try SplitPatterns.preTokenizer(named: name)
            var same = 0
            var firstBad: String? = nil
            for (line, pieces) in zip(Self.lines, Self.reference[name]!.arrayValue!) {
                let bytes = Array(line.utf8)
                var ranges: [Range<Int>] = []
                bytes.withUnsafeBufferPointer { pre.split($0, range: 0..<$0.count, into: &ranges) }
                let got = ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
                if got == pieces.arrayValue!.map({ $0.stringValue! }) { same += 1 } else if firstBad == nil { firstBad = line }
            }
            #expect(same == Self.lines.count, "\(name): \(same)/\(Self.lines.count), first difference \(firstBad.debugDescription)")
        }
    }
}
