/// Open-addressing hash from a pair of token ids to the merge they form.
///
/// BPE asks "do ids (a, b) merge, at what priority, into what?" once per adjacent pair per
/// round, so this lookup is the model's inner loop. Keys are `a << 32 | b`; values pack
/// `rank << 32 | newID`, so comparing two packed values compares ranks first and `UInt64.max`
/// ("no merge") loses to every real merge.
///
///     table.insert(a: 262, b: 83, rank: 0, newID: 262)   // "Ġ" + "t" -> "Ġt"
///     table.lookup(262, 83)  // 0 << 32 | 262
public final class BPEPairTable: @unchecked Sendable {
    public static let noMerge = UInt64.max
    private let keys: UnsafeMutablePointer<UInt64>
    private let values: UnsafeMutablePointer<UInt64>
    private let mask: Int
    private let shift: UInt64
    public private(set) var count = 0

    /// A table sized for `capacity` pairs at a load factor of at most 1/2.
    public init(capacity: Int) {
        var size = 16
        var bits: UInt64 = 4
        while size < capacity * 2 { size <<= 1; bits += 1 }
        mask = size - 1
        shift = 64 - bits
        keys = .allocate(capacity: size)
        keys.initialize(repeating: UInt64.max, count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: UInt64.max, count: size)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Adds or replaces a merge (a later merge of the same pair wins, as in HF's map).
    public func insert(a: Int32, b: Int32, rank: UInt32, newID: Int32) {
        precondition(count * 2 < mask + 1, "BPEPairTable over capacity")
        let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        var i = slot(key)
        while keys[i] != UInt64.max && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == UInt64.max { count += 1 }
        keys[i] = key
        values[i] = UInt64(rank) << 32 | UInt64(UInt32(bitPattern: newID))
    }

    /// Inserts only when the pair is absent or the new rank is lower (tiktoken: several splits
    /// of one token are all valid merges into it; the lowest rank is what matters).
    public func insertIfBetter(a: Int32, b: Int32, rank: UInt32, newID: Int32) {
        let old = lookup(a, b)
        if old == BPEPairTable.noMerge || UInt32(old >> 32) > rank { insert(a: a, b: b, rank: rank, newID: newID) }
    }

    /// `rank << 32 | newID`, or `noMerge`.
    @inline(__always)
    public func lookup(_ a: Int32, _ b: Int32) -> UInt64 {
        let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == UInt64.max { return BPEPairTable.noMerge }
            i = (i + 1) & mask
        }
    }
}
