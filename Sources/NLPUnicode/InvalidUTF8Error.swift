/// The first place where input stops being UTF-8, described in the terms a user can act on.
///
///     invalid UTF-8 at line 3, byte 17 (0xC3 0x28)
///
/// `line` and `byteInLine` count from 1, as editors and `cut -b` do; `fileOffset` counts from 0,
/// as `dd skip=`/`xxd -s` do. `bytes` is the invalid maximal subpart followed by the byte that
/// broke it (if any), so 0xC3 0x28 reads "a two-byte lead, then '(' where a continuation belonged".
public struct InvalidUTF8Error: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var byteInLine: Int
    public var fileOffset: Int
    public var bytes: [UInt8]
    /// True when the input ended inside a sequence (its first bytes were a valid prefix).
    public var isTruncated: Bool

    public init(line: Int, byteInLine: Int, fileOffset: Int, bytes: [UInt8], isTruncated: Bool) {
        self.line = line
        self.byteInLine = byteInLine
        self.fileOffset = fileOffset
        self.bytes = bytes
        self.isTruncated = isTruncated
    }

    public var description: String {
        let hex = bytes.map { "0x" + String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
        return "invalid UTF-8 at line \(line), byte \(byteInLine) (\(hex)\(isTruncated ? ", truncated" : ""))"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
