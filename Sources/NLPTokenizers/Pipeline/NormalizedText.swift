/// UTF-8 text under normalisation, with the original byte range of every byte.
///
/// Normalisers change text (lowercase, strip accents, NFKC), yet users need offsets into what they
/// typed. Each output byte therefore carries the range of original bytes it came from, the way
/// Hugging Face's `NormalizedString` carries alignments. Untouched text costs nothing extra:
/// alignments stay empty until the first change, meaning "byte i came from byte i".
///
///     var text = NormalizedText("Héllo")
///     text.mapScalars { scalar, out in out.append(lowercased(scalar)) }
///     text.originalRange(of: 0..<3)   // 0..<4: "hé" covers the two-byte é
public struct NormalizedText: Sendable {
    public private(set) var bytes: [UInt8]
    /// Original start/end of each byte of `bytes`; both empty while the text is unchanged.
    private var originStart: [Int32] = []
    private var originEnd: [Int32] = []

    public init(_ string: String) { bytes = Array(string.utf8) }
    public init(bytes: [UInt8]) { self.bytes = bytes }

    public var isIdentity: Bool { originStart.isEmpty }
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The original byte range covered by normalised bytes `range`.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        if isIdentity { return range }
        if range.isEmpty {
            let at = range.lowerBound < bytes.count ? Int(originStart[range.lowerBound])
                : (originEnd.last.map(Int.init) ?? 0)
            return at..<at
        }
        return Int(originStart[range.lowerBound])..<Int(originEnd[range.upperBound - 1])
    }

    /// Rewrites the text one scalar at a time. `transform` appends the replacement scalars for
    /// `scalar` to `out` (append nothing to delete it, append `scalar` to keep it); every byte of
    /// the replacement maps to the original range of `scalar`.
    public mutating func mapScalars(_ transform: (Unicode.Scalar, inout [Unicode.Scalar]) -> Void) {
        var newBytes: [UInt8] = []
        newBytes.reserveCapacity(bytes.count)
        var newStart: [Int32] = []
        var newEnd: [Int32] = []
        newStart.reserveCapacity(bytes.count)
        newEnd.reserveCapacity(bytes.count)
        var replacement: [Unicode.Scalar] = []
        var changed = false
        var i = 0
        while i < bytes.count {
            let (scalar, length) = UTF8Decoding.decode(bytes, at: i)
            replacement.removeAll(keepingCapacity: true)
            transform(scalar, &replacement)
            if !(replacement.count == 1 && replacement[0] == scalar) { changed = true }
            let from = isIdentity ? Int32(i) : originStart[i]
            let to = isIdentity ? Int32(i + length) : originEnd[i + length - 1]
            for r in replacement {
                let before = newBytes.count
                UTF8Decoding.encode(r, into: &newBytes)
                for _ in before..<newBytes.count {
                    newStart.append(from)
                    newEnd.append(to)
                }
            }
            i += length
        }
        guard changed else { return }
        bytes = newBytes
        originStart = newStart
        originEnd = newEnd
    }

    /// Replaces the whole text with `segments`, each a run of new bytes standing for an
    /// original range of the current text (used by normalisation forms that reorder marks).
    public mutating func replace(segments: [(bytes: [UInt8], current: Range<Int>)]) {
        var newBytes: [UInt8] = []
        var newStart: [Int32] = []
        var newEnd: [Int32] = []
        for segment in segments {
            let original = originalRange(of: segment.current)
            newBytes.append(contentsOf: segment.bytes)
            for _ in segment.bytes {
                newStart.append(Int32(original.lowerBound))
                newEnd.append(Int32(original.upperBound))
            }
        }
        bytes = newBytes
        originStart = newStart
        originEnd = newEnd
    }
}

/// Scalar-level UTF-8 helpers for already-validated bytes.
public enum UTF8Decoding {
    /// Decodes the scalar starting at `i` (the bytes must be valid UTF-8).
    @inline(__always)
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (Unicode.Scalar(b0)!, 1) }
        if b0 < 0xE0 {
            let v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 2)
        }
        if b0 < 0xF0 {
            let v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
        }
        let v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
            | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
        return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
    }

    public static func decode(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int) {
        bytes.withUnsafeBufferPointer { decode($0, at: i) }
    }

    @inline(__always)
    public static func encode(_ scalar: Unicode.Scalar, into out: inout [UInt8]) {
        let v = scalar.value
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | (v >> 6) & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        } else {
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | (v >> 12) & 0x3F))
            out.append(UInt8(0x80 | (v >> 6) & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
