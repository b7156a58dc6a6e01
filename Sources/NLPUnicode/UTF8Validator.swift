/// Checks that bytes are UTF-8 before anything downstream trusts them.
///
/// Streams validate line by line with `validateLine`, which knows the line's number and offset so
/// the error names the place in the file; whole buffers use `validate`, which counts lines only
/// after it has found an error. Pure ASCII runs 8 bytes per step, so clean English text costs
/// little more than a memory scan.
///
///     try UTF8Validator.validateLine(buffer, lineNumber: 3, fileOffset: 1024)
///     // throws: invalid UTF-8 at line 3, byte 17 (0xC3 0x28)
public enum UTF8Validator {
    /// Where the first invalid sequence starts and how long its maximal subpart is, or nil.
    public static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, length: Int)? {
        guard let p = bytes.baseAddress else { return nil }
        let end = bytes.count
        var i = 0
        while true {
            i = UTF8Scalar.skipASCII(p, from: i, to: end)
            if i == end { return nil }
            // Runs of multi-byte text (CJK, Cyrillic) stay in this inner loop.
            repeat {
                let s = UTF8Scalar.decode(p, i, end)
                if !s.isValid { return (i, s.length) }
                i += s.length
            } while i < end && p[i] >= 0x80
        }
    }

    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { firstInvalid(bytes) == nil }

    public static func isValid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { isValid($0) } }

    /// Validates one line (without its terminator) whose first byte sits at `fileOffset` in the file.
    public static func validateLine(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, fileOffset: Int) throws {
        guard let (offset, length) = firstInvalid(line) else { return }
        throw error(in: line, at: offset, length: length, line: lineNumber, lineStart: 0, fileOffset: fileOffset)
    }

    public static func validateLine(_ line: [UInt8], lineNumber: Int, fileOffset: Int) throws {
        try line.withUnsafeBufferPointer { try validateLine($0, lineNumber: lineNumber, fileOffset: fileOffset) }
    }

    /// Validates a whole buffer of '\n'-separated lines that starts at line `firstLine`, byte
    /// `fileOffset` of its file (so a caller reading a file in chunks can still report true places).
    public static func validate(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, fileOffset: Int = 0) throws {
        guard let (offset, length) = firstInvalid(bytes) else { return }
        var line = firstLine, lineStart = 0
        for j in 0..<offset where bytes[j] == 0x0A {
            line += 1
            lineStart = j + 1
        }
        throw error(in: bytes, at: offset, length: length, line: line, lineStart: lineStart, fileOffset: fileOffset)
    }

    public static func validate(_ bytes: [UInt8], firstLine: Int = 1, fileOffset: Int = 0) throws {
        try bytes.withUnsafeBufferPointer { try validate($0, firstLine: firstLine, fileOffset: fileOffset) }
    }

    private static func error(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int, length: Int, line: Int,
                              lineStart: Int, fileOffset: Int) -> InvalidUTF8Error {
        let truncated = offset + length == bytes.count && bytes[offset] >= 0xC2 && bytes[offset] <= 0xF4
        let shown = Array(bytes[offset..<min(bytes.count, offset + length + (truncated ? 0 : 1))])
        // A lone invalid byte is followed by whatever came next; that byte is not part of the story.
        let culprit = length == 1 && !(0xC2...0xF4).contains(bytes[offset]) ? [bytes[offset]] : shown
        return InvalidUTF8Error(line: line, byteInLine: offset - lineStart + 1, fileOffset: fileOffset + offset,
                                bytes: culprit, isTruncated: truncated)
    }
}
