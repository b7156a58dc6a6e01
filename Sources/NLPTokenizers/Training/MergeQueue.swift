/// One candidate merge in the queue: a pair, the count it had when pushed, and the words it was
/// pushed for (a range of `BPEMergeLoop.entryWords`).
///
/// This mirrors Hugging Face's `Merge { pair, count, pos }`: entries go stale as counts change
/// and are refreshed lazily when they reach the top, and each entry only merges the words it was
/// pushed with. Keeping exactly that behaviour is what makes our merges equal to HF's.
struct MergeEntry {
    var count: Int
    var key: UInt64
    var wordsStart: Int
    var wordsCount: Int

    /// Max-heap order: higher count first; on equal counts the smaller pair of ids first.
    @inline(__always)
    func isBefore(_ other: MergeEntry) -> Bool {
        count != other.count ? count > other.count : key < other.key
    }
}

/// A binary max-heap of `MergeEntry` in one contiguous array.
struct MergeQueue {
    private(set) var items: [MergeEntry] = []

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }

    mutating func reserve(_ n: Int) { items.reserveCapacity(n) }

    mutating func push(_ entry: MergeEntry) {
        items.append(entry)
        items.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            let moving = heap[child]
            while child > 0 {
                let parent = (child - 1) / 2
                if !moving.isBefore(heap[parent]) { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = moving
        }
    }

    mutating func pop() -> MergeEntry? {
        guard let last = items.popLast() else { return nil }
        if items.isEmpty { return last }
        let top = items[0]
        items.withUnsafeMutableBufferPointer { heap in
            let n = heap.count
            var parent = 0
            while true {
                var child = 2 * parent + 1
                if child >= n { break }
                if child + 1 < n && heap[child + 1].isBefore(heap[child]) { child += 1 }
                if !heap[child].isBefore(last) { break }
                heap[parent] = heap[child]
                parent = child
            }
            heap[parent] = last
        }
        return top
    }
}
