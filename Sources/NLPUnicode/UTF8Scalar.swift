/// One step of UTF-8 decoding: the scalar that starts at a byte, or the invalid bytes found there.
///
/// Invalid input is measured in *maximal subparts* (Unicode §3.9, "U+FFFD Substitution of Maximal
/// Subparts", the practice WHATWG's decoder and Swift's `String(decoding:as:)` follow): the longest
/// prefix of a well-formed sequence that starts at the byte. Each maximal subpart becomes one U+FFFD.
///
///     E2 82 AC      -> "€", length 3
///     E2 82 41      -> invalid, length 2 (E2 82 could have started "€"; 41 could not continue it)
///     C0 AF         -> invalid, length 1, then invalid, length 1 (C0 never starts a sequence)
///     ED A0 80      -> invalid x3 (ED A0 would be a surrogate: only ED 80...9F may follow)
struct UTF8Scalar {
    /// The scalar value, or 0xFFFD when `isValid` is false.
    var value: UInt32
    /// Bytes consumed: the sequence length (1...4), or the maximal subpart length (1...3).
    var length: Int
    var isValid: Bool

    /// Decodes the sequence at `p[i]`, with `i < end`. Table 3-7 of the Unicode Standard lists the
    /// well-formed sequences; the second byte's range depends on the lead byte, later ones are 80...BF.
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> UTF8Scalar {
        let b0 = p[i]
        if b0 < 0x80 { return UTF8Scalar(value: UInt32(b0), length: 1, isValid: true) }
        let need: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: need = 1; value = UInt32(b0 & 0x1F)
        case 0xE0: need = 2; low = 0xA0; value = 0
        case 0xE1...0xEC, 0xEE, 0xEF: need = 2; value = UInt32(b0 & 0x0F)
        case 0xED: need = 2; high = 0x9F; value = 0x0D
        case 0xF0: need = 3; low = 0x90; value = 0
        case 0xF1...0xF3: need = 3; value = UInt32(b0 & 0x07)
        case 0xF4: need = 3; high = 0x8F; value = 4
        default: return invalid(1) // 80...BF stray continuation, C0/C1 overlong leads, F5...FF
        }
        var k = 1
        while k <= need {
            guard i + k < end else { return invalid(k) }
            let b = p[i + k]
            guard b >= low && b <= high else { return invalid(k) }
            value = value << 6 | UInt32(b & 0x3F)
            low = 0x80; high = 0xBF
            k += 1
        }
        return UTF8Scalar(value: value, length: need + 1, isValid: true)
    }

    @inline(__always)
    static func invalid(_ length: Int) -> UTF8Scalar { UTF8Scalar(value: 0xFFFD, length: length, isValid: false) }

    /// True when the 8 bytes at `p` are all ASCII. The fast path of every scan in this module.
    @inline(__always)
    static func isASCII8(_ p: UnsafePointer<UInt8>) -> Bool {
        UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
    }

    /// Index of the first non-ASCII byte in `p[i..<end]`, or `end`.
    @inline(__always)
    static func skipASCII(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        while i + 8 <= end && isASCII8(p + i) { i += 8 }
        while i < end && p[i] < 0x80 { i += 1 }
        return i
    }
}

/// Runs `body` over the contiguous UTF-8 of `text`, copying only when the string is not native.
@inline(__always)
func withUTF8Buffer<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    var text = text
    return try text.withUTF8(body)
}
