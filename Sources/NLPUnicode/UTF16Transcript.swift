/// UTF-8 bytes copied once into UTF-16 for ICU, plus a forward cursor that maps ICU's UTF-16
/// boundaries back to UTF-8 byte offsets.
///
/// Why no offset table: break iterators report boundaries in increasing order, so the cursor
/// only ever walks forward, re-decoding the UTF-8 between two boundaries. That keeps memory at
/// 2 bytes per unit (a 100 MB line needs 200 MB, not 600) and the mapping O(n) overall.
/// Invalid UTF-8 becomes one U+FFFD per maximal subpart, spanning the subpart's bytes.
final class UTF16Transcript {
    private(set) var units: UnsafeMutablePointer<UInt16>
    private(set) var count = 0
    private var capacity: Int
    private var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var cursor16 = 0
    private var cursor8 = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
        units = .allocate(capacity: capacity)
    }

    deinit { units.deallocate() }

    /// Transcodes `bytes`, which must stay alive until the next `load`.
    func load(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Every UTF-8 byte sequence yields at most one UTF-16 unit per byte.
        if bytes.count > capacity {
            units.deallocate()
            capacity = max(bytes.count, capacity * 2)
            units = .allocate(capacity: capacity)
        }
        self.bytes = bytes
        cursor16 = 0
        cursor8 = 0
        count = 0
        guard let p = bytes.baseAddress else { return }
        let end = bytes.count
        var i = 0, k = 0
        while i < end {
            let b = p[i]
            if b < 0x80 {
                units[k] = UInt16(b)
                i += 1; k += 1
                continue
            }
            let s = UTF8Scalar.decode(p, i, end)
            if s.value >= 0x10000 {
                let v = s.value - 0x10000
                units[k] = UInt16(0xD800 + (v >> 10))
                units[k + 1] = UInt16(0xDC00 + (v & 0x3FF))
                k += 2
            } else {
                units[k] = UInt16(s.value)
                k += 1
            }
            i += s.length
        }
        count = k
    }

    /// The UTF-8 offset of UTF-16 offset `target`; targets must not decrease between calls
    /// (until the next `load`) and must fall on scalar boundaries, as ICU's do.
    func utf8Offset(of target: Int) -> Int {
        guard let p = bytes.baseAddress else { return 0 }
        while cursor16 < target {
            let b = p[cursor8]
            if b < 0x80 {
                cursor8 += 1; cursor16 += 1
                continue
            }
            let s = UTF8Scalar.decode(p, cursor8, bytes.count)
            cursor8 += s.length
            cursor16 += s.value >= 0x10000 ? 2 : 1
        }
        return cursor8
    }

    /// The scalars of units[start..<end] (a segment), for filters that look at its content.
    func allScalars(from start: Int, to end: Int, satisfy predicate: (UInt32) -> Bool) -> Bool {
        var k = start
        while k < end {
            var value = UInt32(units[k])
            if value & 0xFC00 == 0xD800 && k + 1 < end {
                value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(units[k + 1]) - 0xDC00)
                k += 1
            }
            if !predicate(value) { return false }
            k += 1
        }
        return true
    }
}
