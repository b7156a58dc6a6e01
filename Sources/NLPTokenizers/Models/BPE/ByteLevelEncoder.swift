import Foundation

/// The fast path of byte-level BPE: GPT-2 split -> BPE -> ids, straight from UTF-8 bytes, with
/// no offsets and no strings. One encoder per thread (it owns a cache and scratch memory).
///
/// Most pieces of real text repeat (" the", " of", "."), so a bounded cache of pieces up to 15
/// bytes, keyed by the bytes themselves in two machine words, answers most of them with one
/// hash probe; the rest run `BPEMerger`. `encodeBatch` splits lines over threads and returns
/// results in input order.
///
///     var encoder = ByteLevelEncoder(model: try BPEModel.loadTiktoken(path: "gpt2.tiktoken"))
///     encoder.encode("Hello world")   // [15496, 995]
public struct ByteLevelEncoder {
    public let model: BPEModel
    /// nil: GPT-2's pattern, hand-written; otherwise any pre-tokenizer (cl100k, a Split regex).
    public let preTokenizer: PreTokenizer?
    private var merger = BPEMerger()
    private var rng = SplitMix64(seed: 0)
    private var scratchIDs = [Int32](repeating: 0, count: 256)
    private var scratchSpans = [UInt64](repeating: 0, count: 256)
    private var pieces: [Range<Int>] = []
    private var cache = PieceCache()
    private var windowed = BPEWindowedMerger()
    private var unusedSpans: [UInt64] = []
    private let fast: Bool

    public init(model: BPEModel, preTokenizer: PreTokenizer? = nil) {
        self.model = model
        self.preTokenizer = preTokenizer
        fast = model.unitsComplete && !model.usesDropout
    }

    public mutating func encode(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { encode(UnsafeBufferPointer($0), into: &ids) }
        return ids
    }

    /// Appends the ids of `text` (UTF-8) to `ids`.
    public mutating func encode(_ text: UnsafeBufferPointer<UInt8>, into ids: inout [Int32]) {
        guard let base = text.baseAddress, text.count > 0 else { return }
        if let pre = preTokenizer {
            pieces.removeAll(keepingCapacity: true)
            pre.split(text, range: 0..<text.count, into: &pieces)
            for piece in pieces { encodePiece(base + piece.lowerBound, piece.count, into: &ids) }
        } else {
            GPT2Splitter.forEachPiece(base, 0, text.count) { start, end in
                encodePiece(base + start, end - start, into: &ids)
            }
        }
    }

    @inline(__always)
    private mutating func encodePiece(_ p: UnsafePointer<UInt8>, _ n: Int, into ids: inout [Int32]) {
        guard fast else {
            var buffer = TokenBuffer()
            model.tokenize(UnsafeBufferPointer(start: p, count: n), into: &buffer)
            ids.append(contentsOf: buffer.ids)
            return
        }
        if n == 1 { ids.append(model.unitIDs[2 * 256 + Int(p[0])]); return }
        if n <= PieceCache.maxLength, cache.lookup(p, n, into: &ids) { return }
        let start = ids.count
        encodeUncached(p, n, into: &ids)
        if n <= PieceCache.maxLength { cache.insert(p, n, ids: ids, from: start) }
    }

    private mutating func encodeUncached(_ p: UnsafePointer<UInt8>, _ n: Int, into ids: inout [Int32]) {
        if model.options.ignoreMerges, let id = model.bytesIndex?.id(of: UnsafeBufferPointer(start: p, count: n)) {
            ids.append(id)
            return
        }
        if n > windowed.window {
            // A huge piece (a long line without spaces): windows keep memory flat, same ids.
            let model = self.model
            model.unitIDs.withUnsafeBufferPointer { units in
                windowed.merge(count: n, table: model.pairs, initial: { start, count, symbols in
                    for k in 0..<count {
                        let i = start + k
                        let variant = (i > 0 ? 1 : 0) | (i == n - 1 ? 2 : 0)
                        symbols[k] = units[variant &* 256 &+ Int(p[i])]
                    }
                }, ids: &ids, spans: &unusedSpans, wantSpans: false)
            }
            return
        }
        if scratchIDs.count < n {
            scratchIDs = [Int32](repeating: 0, count: n)
            scratchSpans = [UInt64](repeating: 0, count: n)
        }
        let model = self.model
        let count = scratchIDs.withUnsafeMutableBufferPointer { idBuffer -> Int in
            scratchSpans.withUnsafeMutableBufferPointer { spanBuffer -> Int in
                let symbols = idBuffer.baseAddress!, spans = spanBuffer.baseAddress!
                model.unitIDs.withUnsafeBufferPointer { units in
                    for i in 0..<n {
                        let variant = (i > 0 ? 1 : 0) | (i == n - 1 ? 2 : 0)
                        symbols[i] = units[variant &* 256 &+ Int(p[i])]
                        spans[i] = UInt64(i) << 32 | UInt64(i + 1)
                    }
                }
                return merger.merge(ids: symbols, spans: spans, count: n, table: model.pairs, rng: &rng)
            }
        }
        ids.append(contentsOf: scratchIDs[0..<count])
    }

    /// Encodes each text on `threads` threads; results in input order.
    public static func encodeBatch(_ texts: [String], model: BPEModel, preTokenizer: PreTokenizer? = nil,
                                   threads: Int = 2) -> [[Int32]] {
        var results = [[Int32]](repeating: [], count: texts.count)
        let workers = max(1, min(threads, texts.count))
        let per = (texts.count + workers - 1) / max(workers, 1)
        results.withUnsafeMutableBufferPointer { out in
            let out = out
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var encoder = ByteLevelEncoder(model: model, preTokenizer: preTokenizer)
                for i in (w * per)..<min(texts.count, (w + 1) * per) { out[i] = encoder.encode(texts[i]) }
            }
        }
        return results
    }

    /// Encodes every line of `text` ('\n'-separated, the newline not included) on `threads`
    /// threads. Returns all ids flat plus, per line, the end index of its ids.
    public static func encodeLines(_ text: UnsafeBufferPointer<UInt8>, model: BPEModel, preTokenizer: PreTokenizer? = nil,
                                   threads: Int = 2) -> (ids: [Int32], lineEnds: [Int]) {
        let n = text.count
        var cuts = [0]
        for w in 1..<max(threads, 1) {
            var c = max(n * w / threads, cuts.last!)
            while c < n && text[c] != 0x0A { c += 1 }
            cuts.append(min(c + 1, n))
        }
        cuts.append(n)
        var parts = [([Int32], [Int])](repeating: ([], []), count: cuts.count - 1)
        parts.withUnsafeMutableBufferPointer { out in
            let out = out
            DispatchQueue.concurrentPerform(iterations: cuts.count - 1) { w in
                var encoder = ByteLevelEncoder(model: model, preTokenizer: preTokenizer)
                var ids: [Int32] = []
                var ends: [Int] = []
                var start = cuts[w]
                let stop = cuts[w + 1]
                while start < stop {
                    var end = start
                    while end < stop && text[end] != 0x0A { end += 1 }
                    encoder.encode(UnsafeBufferPointer(rebasing: text[start..<end]), into: &ids)
                    ends.append(ids.count)
                    start = end + 1
                }
                out[w] = (ids, ends)
            }
        }
        var ids: [Int32] = []
        var lineEnds: [Int] = []
        for (partIDs, partEnds) in parts {
            let offset = ids.count
            ids.append(contentsOf: partIDs)
            lineEnds.append(contentsOf: partEnds.map { $0 + offset })
        }
        return (ids, lineEnds)
    }
}

/// Bounded cache: piece bytes (up to 15, packed with the length into 16 bytes) -> ids.
/// When full it starts over, so memory stays flat on any input.
struct PieceCache {
    // Computed, not stored: a stored static costs a swift_once check on every piece.
    static var maxLength: Int { 15 }
    private static var slotCount: Int { 1 << 16 }
    private var keys = [UInt64](repeating: 0, count: 2 * slotCount)  // (0, 0) = empty
    private var values = [UInt64](repeating: 0, count: slotCount)    // pool offset << 8 | count
    private var pool: [Int32] = []
    private var used = 0

    @inline(__always)
    private static func key(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64) {
        var k = (UInt64(0), UInt64(n) << 56)
        withUnsafeMutableBytes(of: &k) { raw in
            raw.baseAddress!.copyMemory(from: p, byteCount: n)
        }
        return k
    }

    @inline(__always)
    private static func slot(_ k: (UInt64, UInt64)) -> Int {
        let h = (k.0 &* 0x9E37_79B9_7F4A_7C15) ^ (k.1 &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: (h ^ (h >> 31)) >> 16) & (slotCount - 1)
    }

    mutating func lookup(_ p: UnsafePointer<UInt8>, _ n: Int, into ids: inout [Int32]) -> Bool {
        let k = PieceCache.key(p, n)
        var i = PieceCache.slot(k)
        while true {
            let a = keys[2 * i], b = keys[2 * i + 1]
            if a == k.0 && b == k.1 {
                let v = values[i]
                let start = Int(v >> 8), count = Int(v & 0xFF)
                if count == 1 { ids.append(pool[start]) } else { ids.append(contentsOf: pool[start..<(start + count)]) }
                return true
            }
            if b == 0 { return false }
            i = (i + 1) & (PieceCache.slotCount - 1)
        }
    }

    mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int, ids: [Int32], from start: Int) {
        if used * 4 >= PieceCache.slotCount * 3 || pool.count > 1 << 22 {
            for i in keys.indices { keys[i] = 0 }
            pool.removeAll(keepingCapacity: true)
            used = 0
        }
        let k = PieceCache.key(p, n)
        var i = PieceCache.slot(k)
        while keys[2 * i + 1] != 0 {
            if keys[2 * i] == k.0 && keys[2 * i + 1] == k.1 { return }
            i = (i + 1) & (PieceCache.slotCount - 1)
        }
        keys[2 * i] = k.0
        keys[2 * i + 1] = k.1
        values[i] = UInt64(pool.count) << 8 | UInt64(ids.count - start)
        pool.append(contentsOf: ids[start...])
        used += 1
    }
}
