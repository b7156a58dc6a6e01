// SplitMix64 (BPE dropout's generator) lives in NLPRandom, shared with NLPTensor; re-exported.
@_exported import NLPRandom

/// Applies BPE merges to one word: repeatedly merge the adjacent pair with the lowest rank,
/// leftmost first, until no pair merges. This is what both Hugging Face (`Word::merge_all`)
/// and tiktoken (`byte_pair_merge`) compute.
///
/// Short words (almost all) use tiktoken's scan: an array of pair ranks, rescanned after each
/// merge, O(n^2) but with tiny n and no allocation. Long words (a 100 MB line of CJK text or
/// base64 is one piece) use a min-heap of (rank, position) over a linked list of symbols, as in
/// Hugging Face, so they cost O(n log n) instead of O(n^2).
///
///     ids "h e l l o" (bytes), ranks: "l l" 0, "h e" 1, "he ll" 2, "hell o" 3
///     -> "h e ll o" -> "he ll o" -> "hell o" -> "hello"
public struct BPEMerger {
    /// Words longer than this take the heap path.
    public static let heapThreshold = 48

    private var next: [Int32] = []
    private var prev: [Int32] = []
    private var heap: [UInt64] = []

    public init() {}

    /// Merges `ids[0..<count]` in place (with `spans`, each symbol's
    /// byte range packed as `start << 32 | end`) and
    /// returns the new count. Merges of rank >= `maxRank` are not applied.
    public mutating func merge(ids: UnsafeMutablePointer<Int32>, spans: UnsafeMutablePointer<UInt64>, count: Int,
                               table: BPEPairTable, maxRank: UInt32 = .max,
                               dropout: Float = 0, rng: inout SplitMix64) -> Int {
        if count < 2 { return count }
        if count <= BPEMerger.heapThreshold && dropout <= 0 {
            return mergeShort(ids: ids, spans: spans, count: count, table: table, maxRank: maxRank)
        }
        return mergeLong(ids: ids, spans: spans, count: count, table: table, maxRank: maxRank,
                         dropout: dropout, rng: &rng)
    }

    private func mergeShort(ids: UnsafeMutablePointer<Int32>, spans: UnsafeMutablePointer<UInt64>,
                                     count: Int, table: BPEPairTable, maxRank: UInt32) -> Int {
        let limit = UInt64(maxRank) << 32
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { buffer -> Int in
            let r = buffer.baseAddress!
            var n = count
            for i in 0..<(n - 1) { r[i] = table.lookup(ids[i], ids[i + 1]) }
            while n > 1 {
                var best = BPEPairTable.noMerge
                var at = -1
                for i in 0..<(n - 1) where r[i] < best { best = r[i]; at = i }
                if at < 0 || best >= limit { break }
                ids[at] = Int32(truncatingIfNeeded: best)
                spans[at] = spans[at] & ~0xFFFF_FFFF | spans[at + 1] & 0xFFFF_FFFF
                var j = at + 1
                while j < n - 1 {
                    ids[j] = ids[j + 1]
                    spans[j] = spans[j + 1]
                    r[j] = r[j + 1]
                    j += 1
                }
                n -= 1
                if at + 1 < n { r[at] = table.lookup(ids[at], ids[at + 1]) }
                if at > 0 { r[at - 1] = table.lookup(ids[at - 1], ids[at]) }
            }
            return n
        }
    }

    private mutating func mergeLong(ids: UnsafeMutablePointer<Int32>, spans: UnsafeMutablePointer<UInt64>,
                                    count: Int, table: BPEPairTable, maxRank: UInt32,
                                    dropout: Float, rng: inout SplitMix64) -> Int {
        let removed = Int32.min
        if next.count < count {
            next = [Int32](repeating: 0, count: count)
            prev = [Int32](repeating: 0, count: count)
        }
        heap.removeAll(keepingCapacity: true)
        let limit = UInt64(maxRank) << 32
        for i in 0..<(count - 1) {
            let m = table.lookup(ids[i], ids[i + 1])
            if m < limit { heap.append(m & ~0xFFFF_FFFF | UInt64(i)) }
        }
        var queue = MinHeap(items: heap)
        heap = []
        var skipped: [UInt64] = []
        next.withUnsafeMutableBufferPointer { nextBuffer in
            prev.withUnsafeMutableBufferPointer { prevBuffer in
                let next = nextBuffer.baseAddress!, prev = prevBuffer.baseAddress!
                for i in 0..<count {
                    next[i] = Int32(i + 1 < count ? i + 1 : -1)
                    prev[i] = Int32(i - 1)
                }
                while let top = queue.pop() {
                    if dropout > 0 && rng.nextFloat() < dropout {
                        skipped.append(top)
                        continue
                    }
                    for s in skipped { queue.push(s) }
                    skipped.removeAll(keepingCapacity: true)
                    let pos = Int(top & 0xFFFF_FFFF)
                    let right = next[pos]
                    if ids[pos] == removed || right < 0 { continue }
                    let m = table.lookup(ids[pos], ids[Int(right)])
                    if m >> 32 != top >> 32 { continue }  // stale: the pair here changed
                    ids[pos] = Int32(truncatingIfNeeded: m)
                    spans[pos] = spans[pos] & ~0xFFFF_FFFF | spans[Int(right)] & 0xFFFF_FFFF
                    ids[Int(right)] = removed
                    let after = next[Int(right)]
                    next[pos] = after
                    if after >= 0 { prev[Int(after)] = Int32(pos) }
                    let before = prev[pos]
                    if before >= 0 {
                        let mb = table.lookup(ids[Int(before)], ids[pos])
                        if mb < limit { queue.push(mb & ~0xFFFF_FFFF | UInt64(before)) }
                    }
                    if after >= 0 {
                        let ma = table.lookup(ids[pos], ids[Int(after)])
                        if ma < limit { queue.push(ma & ~0xFFFF_FFFF | UInt64(pos)) }
                    }
                }
            }
        }
        heap = queue.items
        var n = 0
        for i in 0..<count where ids[i] != removed {
            ids[n] = ids[i]
            spans[n] = spans[i]
            n += 1
        }
        return n
    }
}

/// Binary min-heap of packed `rank << 32 | position` keys.
struct MinHeap {
    var items: [UInt64]

    init(items: [UInt64]) {
        self.items = items
        if items.count > 1 {
            for i in stride(from: items.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        }
    }

    mutating func push(_ v: UInt64) {
        items.append(v)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent] <= v { break }
            items[i] = items[parent]
            i = parent
        }
        items[i] = v
    }

    mutating func pop() -> UInt64? {
        guard let last = items.popLast() else { return nil }
        if items.isEmpty { return last }
        let top = items[0]
        items[0] = last
        siftDown(0)
        return top
    }

    private mutating func siftDown(_ start: Int) {
        let n = items.count
        let v = items[start]
        var i = start
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n && items[child + 1] < items[child] { child += 1 }
            if items[child] >= v { break }
            items[i] = items[child]
            i = child
        }
        items[i] = v
    }
}
