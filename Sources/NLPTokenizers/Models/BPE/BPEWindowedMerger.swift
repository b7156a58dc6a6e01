/// Merges a very long piece (a 100 MB line of letters or CJK text is one piece) window by
/// window, in memory bounded by the window, with exactly the result of merging it whole.
///
/// Why splicing windows is exact. Call a token sequence *valid* for a text when it is what BPE
/// gives for that text (github/rust-gems `bpe` README, "Properties of BPE"):
/// - Corollary III: if `a...t` is valid for text A+T and `t...b` is valid for T+B, where `t` is
///   the same token over the same bytes T, then `a...t...b` is valid for A+T+B. (A merge that
///   the whole run makes differently must cross one of `t`'s edges; the first such merge would
///   also be the lowest pending pair in the run over A+T or over T+B, which never made it.)
/// So: `pending` is valid for symbols [0, e). A new window [s, e') with s < e is merged alone;
/// if it shares a token (same id, same symbols) with `pending` at or after s, then pending up to
/// that token followed by the window after it is valid for [0, e'). Tokens left of the shared
/// token never change again and are emitted. At the end the sequence is valid for the whole
/// piece, which by uniqueness is the whole-piece result.
///
/// A window starts at a token boundary of `pending` about `overlap` symbols before e, so that on
/// periodic input ("aaaa...") it sees the same grid as the left. If no token is shared, the
/// overlap doubles (up to half a window); failing that (no input seen in tests does), the piece
/// is merged whole: never a wrong answer, only a slower one.
///
///     var windowed = BPEWindowedMerger()
///     windowed.merge(count: n, table: table, initial: { start, count, ids in ... }, ids: &out, spans: &spans)
struct BPEWindowedMerger {
    /// Pieces with more symbols than this are merged in windows.
    static let defaultWindow = 1 << 16
    static let defaultOverlap = 1 << 9

    let window: Int
    let overlap: Int
    private var merger = BPEMerger()
    private var ids: [Int32] = []
    private var spans: [UInt64] = []
    private var pendingIDs: [Int32] = []
    private var pendingSpans: [UInt64] = []
    /// How many pieces fell back to a whole merge (for tests).
    private(set) var fallbacks = 0

    init(window: Int = BPEWindowedMerger.defaultWindow, overlap: Int = BPEWindowedMerger.defaultOverlap) {
        self.window = max(window, 8)
        self.overlap = max(1, min(overlap, self.window / 4))
    }

    /// Appends the tokens of symbols 0..<count to `out` and, when `wantSpans`, their symbol ranges
    /// (`start << 32 | end`, in symbols) to `outSpans`. `initial(start, count, into)` writes the
    /// initial ids of symbols start..<start + count.
    mutating func merge(count n: Int, table: BPEPairTable,
                        initial: (Int, Int, UnsafeMutablePointer<Int32>) -> Void,
                        ids out: inout [Int32], spans outSpans: inout [UInt64], wantSpans: Bool) {
        guard n > 0 else { return }
        let outStart = out.count, spanStart = outSpans.count
        var e = min(n, window)
        var c = run(0, e, table, initial)
        pendingIDs.removeAll(keepingCapacity: true)
        pendingSpans.removeAll(keepingCapacity: true)
        pendingIDs.append(contentsOf: ids[0..<c])
        pendingSpans.append(contentsOf: spans[0..<c])
        var head = 0  // pending[head...] not yet emitted
        while e < n {
            var reach = overlap
            while true {
                let target = e - reach
                var k = pendingIDs.count - 1
                while k > head && Int(pendingSpans[k - 1] >> 32) >= target { k -= 1 }
                let s = Int(pendingSpans[k] >> 32)
                let e2 = min(n, max(s + window, e + 1))
                c = run(s, e2, table, initial)
                if let (i, j) = shared(from: k, count: c) {
                    emit(head..<i, &out, &outSpans, wantSpans)
                    pendingIDs.removeAll(keepingCapacity: true)
                    pendingSpans.removeAll(keepingCapacity: true)
                    pendingIDs.append(contentsOf: ids[j..<c])
                    pendingSpans.append(contentsOf: spans[j..<c])
                    head = 0
                    e = e2
                    break
                }
                if k == head || reach * 2 > window / 2 {
                    // No shared token anywhere we may look: merge the piece whole (exact).
                    fallbacks += 1
                    out.removeSubrange(outStart...)
                    outSpans.removeSubrange(spanStart...)
                    c = run(0, n, table, initial)
                    out.append(contentsOf: ids[0..<c])
                    if wantSpans { outSpans.append(contentsOf: spans[0..<c]) }
                    return
                }
                reach *= 2
            }
        }
        emit(head..<pendingIDs.count, &out, &outSpans, wantSpans)
    }

    /// The first token the window (ids/spans[0..<count]) shares with pending[from...].
    private func shared(from k: Int, count: Int) -> (Int, Int)? {
        var i = k, j = 0
        while i < pendingIDs.count && j < count {
            let a = pendingSpans[i], b = spans[j]
            if a == b && pendingIDs[i] == ids[j] { return (i, j) }
            let sa = a >> 32, sb = b >> 32
            if sa < sb { i += 1 } else if sa > sb { j += 1 } else { i += 1; j += 1 }
        }
        return nil
    }

    private func emit(_ range: Range<Int>, _ out: inout [Int32], _ outSpans: inout [UInt64], _ wantSpans: Bool) {
        out.append(contentsOf: pendingIDs[range])
        if wantSpans { outSpans.append(contentsOf: pendingSpans[range]) }
    }

    /// Merges symbols s..<e alone into ids/spans[0..<result] (spans in absolute symbols).
    private mutating func run(_ s: Int, _ e: Int, _ table: BPEPairTable,
                              _ initial: (Int, Int, UnsafeMutablePointer<Int32>) -> Void) -> Int {
        let m = e - s
        if ids.count < m {
            ids = [Int32](repeating: 0, count: m)
            spans = [UInt64](repeating: 0, count: m)
        }
        var rng = SplitMix64(seed: 0)
        var merger = BPEMerger()
        swap(&merger, &self.merger)  // its scratch arrays stay unique (no copy on write)
        defer { swap(&merger, &self.merger) }
        return ids.withUnsafeMutableBufferPointer { idBuffer in
            spans.withUnsafeMutableBufferPointer { spanBuffer in
                let p = idBuffer.baseAddress!, q = spanBuffer.baseAddress!
                initial(s, m, p)
                for i in 0..<m { q[i] = UInt64(s + i) << 32 | UInt64(s + i + 1) }
                return merger.merge(ids: p, spans: q, count: m, table: table, rng: &rng)
            }
        }
    }
}
