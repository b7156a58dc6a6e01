/// Symbol pairs `(left, right)` packed as `left << 32 | right`, so comparing keys as unsigned
/// integers compares pairs lexicographically by id, which is Hugging Face's tie-break order.
@inline(__always)
func pairKey(_ left: Int32, _ right: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
}

/// Maps pair keys to dense indices (open addressing, linear probing), so per-pair data (counts,
/// bookkeeping) lives in plain arrays indexed by pair.
struct PairTable {
    private(set) var keys: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1 << 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { keys.count }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 31
        return Int(truncatingIfNeeded: h) & mask
    }

    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        var s = Self.slot(key, mask)
        while true {
            let index = Int(slots[s])
            if index < 0 { return nil }
            if keys[index] == key { return index }
            s = (s + 1) & mask
        }
    }

    /// The index of `key`, inserting it (with the next index) when absent.
    @inline(__always)
    mutating func findOrInsert(_ key: UInt64) -> (index: Int, inserted: Bool) {
        var s = Self.slot(key, mask)
        while true {
            let index = Int(slots[s])
            if index < 0 { break }
            if keys[index] == key { return (index, false) }
            s = (s + 1) & mask
        }
        let index = keys.count
        slots[s] = Int32(index)
        keys.append(key)
        if keys.count * 2 > slots.count { grow() }
        return (index, true)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (index, key) in keys.enumerated() {
            var s = Self.slot(key, mask)
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = Int32(index)
        }
    }
}
