/// A read-only hash table from byte strings to ids, looked up straight from a pointer and a length,
/// so the WordPiece loop asks "is bytes[start..<end] a token?" without making a String.
///
/// Keys live back to back in one arena; the open-addressing slots hold (hash tag, entry index),
/// and the table is at most half full, so a miss usually costs one probe.
final class ByteSliceTable: @unchecked Sendable {
    private let arena: UnsafeMutablePointer<UInt8>
    private let keyStart: UnsafeMutablePointer<UInt32>
    private let keyLength: UnsafeMutablePointer<UInt32>
    private let values: UnsafeMutablePointer<Int32>
    private let slots: UnsafeMutablePointer<UInt64>  // hash high bits << 32 | (entry + 1); 0 = empty
    private let mask: Int
    let count: Int
    /// Longest key in bytes: a longer slice is never a token.
    let maxKeyLength: Int

    init(_ entries: [(key: [UInt8], value: Int32)]) {
        count = entries.count
        let arenaSize = entries.reduce(0) { $0 + $1.key.count }
        arena = .allocate(capacity: max(arenaSize, 1))
        keyStart = .allocate(capacity: max(count, 1))
        keyLength = .allocate(capacity: max(count, 1))
        values = .allocate(capacity: max(count, 1))
        var capacity = 16
        while capacity < count * 2 { capacity *= 2 }
        mask = capacity - 1
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        let arena = self.arena
        var offset = 0
        var longest = 0
        for (n, entry) in entries.enumerated() {
            let at = arena + offset
            entry.key.withUnsafeBufferPointer { key in
                if let base = key.baseAddress { at.update(from: base, count: key.count) }
            }
            keyStart[n] = UInt32(offset)
            keyLength[n] = UInt32(entry.key.count)
            values[n] = entry.value
            longest = max(longest, entry.key.count)
            let h = Self.hash(arena + offset, entry.key.count)
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (h >> 32) << 32 | UInt64(n + 1)
            offset += entry.key.count
        }
        maxKeyLength = longest
    }

    deinit {
        arena.deallocate(); keyStart.deallocate(); keyLength.deallocate()
        values.deallocate(); slots.deallocate()
    }

    /// The value of key `bytes[0..<length]`, or -1.
    @inline(__always)
    func lookup(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        let h = Self.hash(bytes, length)
        let tag = h >> 32
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s == 0 { return -1 }
            if s >> 32 == tag {
                let n = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                if Int(keyLength[n]) == length && memcmp(arena + Int(keyStart[n]), bytes, length) == 0 {
                    return values[n]
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// 64-bit multiply-mix over 8-byte words (keys are short: most tokens fit in one or two words).
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: length)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= length {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < length {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < length { w |= UInt64(p[i]) << shift; shift += 8; i += 1 }
            h = (h ^ w) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
