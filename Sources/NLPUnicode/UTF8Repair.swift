/// Lossy UTF-8: every maximal invalid subpart becomes one U+FFFD (bytes EF BF BD).
///
/// This is the substitution the Unicode Standard recommends (§3.9) and WHATWG's decoder and
/// Swift's `String(decoding:as: UTF8.self)` perform, so `repair(b)` is byte-for-byte the UTF-8 of
/// `String(decoding: b, as: UTF8.self)`; it exists so a byte pipeline (`nlp ... --lossy`) need not
/// round-trip through String and can count what it replaced.
///
///     [0x61, 0xF0, 0x9F, 0x41]  ->  "a\u{FFFD}A"   (F0 9F is one maximal subpart)
///     [0xC0, 0xAF]              ->  "\u{FFFD}\u{FFFD}"
extension UTF8Validator {
    /// Appends the repaired bytes to `output`; returns how many replacement characters it wrote.
    @discardableResult
    public static func repair(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Int {
        guard let p = bytes.baseAddress else { return 0 }
        let end = bytes.count
        var replaced = 0, i = 0, copied = 0
        while let bad = firstInvalid(UnsafeBufferPointer(start: p + i, count: end - i)) {
            let start = i + bad.offset
            output.append(contentsOf: UnsafeBufferPointer(start: p + copied, count: start - copied))
            output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            replaced += 1
            i = start + bad.length
            copied = i
        }
        output.append(contentsOf: UnsafeBufferPointer(start: p + copied, count: end - copied))
        return replaced
    }

    public static func repaired(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        repair(bytes, into: &output)
        return output
    }

    public static func repaired(_ bytes: [UInt8]) -> [UInt8] { bytes.withUnsafeBufferPointer { repaired($0) } }

    /// Decodes bytes to a String, replacing invalid subparts; valid input is copied once.
    public static func decodeLossy(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if isValid(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return repaired(bytes).withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// What a line-streaming command does with each line: the text, or (unless `lossy`) an
    /// `InvalidUTF8Error` naming the line and byte; with `lossy`, invalid subparts become U+FFFD.
    public static func decodeLine(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, fileOffset: Int,
                                  lossy: Bool) throws -> String {
        if !lossy { try validateLine(line, lineNumber: lineNumber, fileOffset: fileOffset) }
        return lossy ? decodeLossy(line) : String(decoding: line, as: UTF8.self)
    }
}
