import Testing
@testable import NLPTokenizers

/// Windowed merging of huge pieces must give exactly the whole-piece merge (GPT-2 ranks).
@Suite struct BPEWindowedMergerTests {
    static let model = Fixtures.gpt2

    /// Pseudo-random text over `alphabet` (whole UTF-8 sequences), `count` units long.
    static func text(_ alphabet: [String], _ count: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var out: [UInt8] = []
        for _ in 0..<count { out.append(contentsOf: alphabet[Int(rng.next() % UInt64(alphabet.count))].utf8) }
        return out
    }

    static func initialIDs(_ bytes: [UInt8]) -> [Int32] {
        let n = bytes.count
        return bytes.indices.map { i in model.unitIDs[((i > 0 ? 1 : 0) | (i == n - 1 ? 2 : 0)) * 256 + Int(bytes[i])] }
    }

    /// The reference: BPEMerger over the whole piece at once.
    static func whole(_ bytes: [UInt8]) -> (ids: [Int32], spans: [UInt64]) {
        var ids = initialIDs(bytes)
        var spans = (0..<bytes.count).map { UInt64($0) << 32 | UInt64($0 + 1) }
        var merger = BPEMerger()
        var rng = SplitMix64(seed: 0)
        let n = merger.merge(ids: &ids, spans: &spans, count: ids.count, table: model.pairs, rng: &rng)
        return (Array(ids[0..<n]), Array(spans[0..<n]))
    }

    static func windowed(_ bytes: [UInt8], window: Int, overlap: Int) -> (ids: [Int32], spans: [UInt64], fallbacks: Int) {
        let initial = initialIDs(bytes)
        var merger = BPEWindowedMerger(window: window, overlap: overlap)
        var ids: [Int32] = [], spans: [UInt64] = []
        initial.withUnsafeBufferPointer { source in
            merger.merge(count: source.count, table: model.pairs, initial: { start, count, out in
                out.update(from: source.baseAddress! + start, count: count)
            }, ids: &ids, spans: &spans, wantSpans: true)
        }
        return (ids, spans, merger.fallbacks)
    }

    static let inputs: [(String, [UInt8])] = [
        ("letters", text((97...122).map { String(UnicodeScalar($0)) }, 5000, seed: 1)),
        ("few letters", text(["a", "b", "c"], 5000, seed: 2)),
        ("aaaa", Array(repeating: UInt8(ascii: "a"), count: 5000)),
        ("abab", Array(String(repeating: "ab", count: 2500).utf8)),
        ("CJK", text(["的", "一", "是", "不", "了", "人", "我", "在", "有", "他", "这", "中", "大", "来"], 2000, seed: 3)),
        ("digits and marks", text(["1", "2", "3", "-", "=", "==", "--", "0"], 5000, seed: 4)),
        ("all bytes", text((0..<128).map { String(UnicodeScalar(UInt8($0))) } + ["é", "😀", "\u{0301}"], 4000, seed: 5)),
    ]

    @Test(arguments: [(64, 8), (200, 16), (1000, 50), (4096, 512)])
    func windowedEqualsWhole(window: Int, overlap: Int) {
        var fallbacks = 0
        for (name, bytes) in Self.inputs {
            let reference = Self.whole(bytes)
            let result = Self.windowed(bytes, window: window, overlap: overlap)
            #expect(result.ids == reference.ids, "\(name), window \(window)")
            #expect(result.spans == reference.spans, "\(name), window \(window)")
            fallbacks += result.fallbacks
        }
        // Splicing (not the whole-merge fallback) should be what keeps these exact.
        if window >= 1000 { #expect(fallbacks == 0) }
    }

    /// A piece longer than the default window goes through the windows in both fast and general paths.
    @Test func longPieceInEncoderAndModel() {
        let bytes = Self.text((97...122).map { String(UnicodeScalar($0)) }, 150_000, seed: 9)
        let reference = Self.whole(bytes)
        var encoder = ByteLevelEncoder(model: Self.model)
        var ids: [Int32] = []
        bytes.withUnsafeBufferPointer { encoder.encode($0, into: &ids) }
        #expect(ids == reference.ids)
        var out = TokenBuffer()
        bytes.withUnsafeBufferPointer { Self.model.tokenize($0, into: &out) }
        #expect(out.ids == reference.ids)
        #expect(zip(out.starts, out.ends).map { UInt64($0) << 32 | UInt64($1) } == reference.spans)
    }
}
