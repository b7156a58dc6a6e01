import NLPTensor

/// Reproducible ways to cut a dataset into parts.
public enum DatasetSplit {
    /// Holds out a seeded `fraction` of the items (at least one, and at least one left):
    /// a Fisher-Yates shuffle of the indices with xoshiro256** seeded by `seed`, the first part held out.
    /// Both parts keep the items' original order.
    public static func holdOut<T>(_ items: [T], fraction: Double, seed: UInt64) -> (kept: [T], heldOut: [T]) {
        guard items.count >= 2 else { return (items, []) }
        let n = min(items.count - 1, max(1, Int((Double(items.count) * fraction).rounded())))
        var rng = Xoshiro256StarStar(seed: seed)
        var order = Array(items.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        let held = Set(order.prefix(n))
        var kept: [T] = [], heldOut: [T] = []
        for (i, item) in items.enumerated() {
            if held.contains(i) { heldOut.append(item) } else { kept.append(item) }
        }
        return (kept, heldOut)
    }

    /// Every `n`-th item (1-based positions n, 2n, ...) is held out: the BBC News split of issue 5.
    public static func everyNth<T>(_ items: [T], n: Int) -> (kept: [T], heldOut: [T]) {
        var kept: [T] = [], heldOut: [T] = []
        for (i, item) in items.enumerated() {
            if (i + 1) % n == 0 { heldOut.append(item) } else { kept.append(item) }
        }
        return (kept, heldOut)
    }
}
