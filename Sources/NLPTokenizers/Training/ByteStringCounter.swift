/// Counts byte strings (words) in an open-addressing hash table whose keys live in one arena.
///
/// Counting words is the hot loop of vocabulary training: a `[String: Int]` would allocate a
/// String per word and hash it through the generic machinery. Here a word is hashed 8 bytes at a
/// time, found by linear probing, and its bytes are copied once, the first time it is seen.
///
///     var counter = ByteStringCounter()
///     counter.add("the".utf8) twice, "cat" once  ->  entries: ("the", 2), ("cat", 1)
///
/// Entries keep insertion order, so iteration is deterministic for a deterministic input order.
public struct ByteStringCounter: @unchecked Sendable {
    private var arena: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    public private(set) var counts: [Int] = []
    /// Entry index + 1 for each slot; 0 means empty. Capacity is a power of two.
    private var slots: [Int32]
    private var mask: Int

    public init(capacity: Int = 1 << 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Number of distinct words.
    public var count: Int { counts.count }

    /// Total bytes of distinct words (the arena).
    public var arenaBytes: Int { arena.count }

    @inline(__always)
    static func hash(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(truncatingIfNeeded: n)
        var i = 0
        while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 32
        h = h &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 29)
    }

    /// Adds `count` occurrences of the bytes `word`.
    @inline(__always)
    public mutating func add(_ word: UnsafeRawBufferPointer, count: Int = 1) {
        let n = word.count
        let base = word.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        let h = Self.hash(base, n)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { break }
            if hashes[entry] == h && Int(lengths[entry]) == n
                && arena.withUnsafeBufferPointer({ n == 0 || memcmp($0.baseAddress! + offsets[entry], base, n) == 0 }) {
                counts[entry] += count
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(counts.count + 1)
        offsets.append(arena.count)
        lengths.append(Int32(n))
        hashes.append(h)
        counts.append(count)
        arena.append(contentsOf: UnsafeRawBufferPointer(start: base, count: n))
        if counts.count * 2 > slots.count { grow() }
    }

    /// The count stored for `word`, or nil when it was never added.
    public func value(of word: UnsafeRawBufferPointer) -> Int? {
        let n = word.count
        let base = word.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        let h = Self.hash(base, n)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return nil }
            if hashes[entry] == h && Int(lengths[entry]) == n
                && arena.withUnsafeBufferPointer({ n == 0 || memcmp($0.baseAddress! + offsets[entry], base, n) == 0 }) {
                return counts[entry]
            }
            slot = (slot + 1) & mask
        }
    }

    public mutating func add<S: Sequence>(_ word: S, count: Int = 1) where S.Element == UInt8 {
        let bytes = Array(word)
        bytes.withUnsafeBytes { add($0, count: count) }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for entry in 0..<counts.count {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry + 1)
        }
    }

    /// Adds every entry of `other` (used to merge per-thread counts).
    public mutating func merge(_ other: ByteStringCounter) {
        other.arena.withUnsafeBytes { raw in
            for entry in 0..<other.counts.count {
                add(UnsafeRawBufferPointer(rebasing: raw[other.offsets[entry]..<(other.offsets[entry] + Int(other.lengths[entry]))]),
                    count: other.counts[entry])
            }
        }
    }

    /// Calls `body` with each distinct word's bytes and its count, in insertion order.
    public func forEach(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        try arena.withUnsafeBufferPointer { buffer in
            for entry in 0..<counts.count {
                try body(UnsafeBufferPointer(rebasing: buffer[offsets[entry]..<(offsets[entry] + Int(lengths[entry]))]), counts[entry])
            }
        }
    }

    /// The bytes of entry `index`.
    public func word(at index: Int) -> [UInt8] {
        Array(arena[offsets[index]..<(offsets[index] + Int(lengths[index]))])
    }

    /// The counts as a dictionary (for tests and small inputs; invalid UTF-8 is replaced).
    public var dictionary: [String: Int] {
        var result: [String: Int] = [:]
        forEach { word, count in result[String(decoding: word, as: UTF8.self), default: 0] += count }
        return result
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
