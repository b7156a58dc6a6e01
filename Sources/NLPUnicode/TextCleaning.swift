/// Removing what is not text, and evening out what separates words.
///
///     removeControls("a\u{0}b\u{200B}c\td")     == "abc\td"       (NUL, ZERO WIDTH SPACE go)
///     normalizeWhitespace("  a\u{3000}\u{A0} b\n") == "a b"
public enum TextCleaning {
    /// Drops control (Cc) and format (Cf) characters except tab, line feed and carriage return.
    /// Note that Cf includes ZERO WIDTH JOINER, so joined emoji sequences fall apart into parts,
    /// as they do in BERT's cleaning.
    public static func removeControls(_ text: String) -> String {
        rewriteScalars(text) { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: return .keep
            case 0x00...0x1F, 0x7F: return .drop
            case 0x20..<0x80: return .keep
            default:
                let category = GeneralCategory(scalar)
                return category == .control || category == .format ? .drop : .keep
            }
        }
    }

    /// Unicode White_Space (PropList.txt): tab, LF, VT, FF, CR, space, NEL, NBSP, OGHAM SPACE MARK,
    /// the U+2000 spaces, LINE/PARAGRAPH SEPARATOR, NNBSP, MMSP, IDEOGRAPHIC SPACE.
    @inline(__always)
    public static func isWhiteSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Every run of white space becomes one U+0020; leading and trailing white space goes.
    public static func normalizeWhitespace(_ text: String) -> String {
        if isWhitespaceNormalized(text) { return text }
        var pendingSpace = false, atStart = true
        return rewriteScalars(text) { scalar in
            if isWhiteSpace(scalar.value) {
                if !atStart { pendingSpace = true }
                return .drop
            }
            atStart = false
            if pendingSpace { pendingSpace = false; return .keepAfterSpace }
            return .keep
        }
    }

    /// True when the only white space is single U+0020s between other characters.
    static func isWhitespaceNormalized(_ text: String) -> Bool {
        withUTF8Buffer(text) { b in
            guard let p = b.baseAddress else { return true }
            var previousWasSpace = true // so a leading space fails
            var i = 0
            while i < b.count {
                let s = UTF8Scalar.decode(p, i, b.count)
                if s.value == 0x20 {
                    if previousWasSpace { return false }
                    previousWasSpace = true
                } else if isWhiteSpace(s.value) {
                    return false
                } else {
                    previousWasSpace = false
                }
                i += s.length
            }
            return !previousWasSpace || b.count == 0
        }
    }

    enum Decision { case keep, drop, keepAfterSpace }

    /// Rewrites `text` scalar by scalar; returns `text` itself (no copy) when nothing changes.
    static func rewriteScalars(_ text: String, _ decide: (Unicode.Scalar) -> Decision) -> String {
        var output: [UInt8] = []
        var changed = false
        withUTF8Buffer(text) { b in
            guard let p = b.baseAddress else { return }
            var i = 0
            while i < b.count {
                let s = UTF8Scalar.decode(p, i, b.count)
                let decision = decide(Unicode.Scalar(s.value) ?? "\u{FFFD}")
                if decision != .keep && !changed {
                    changed = true
                    output.reserveCapacity(b.count)
                    output.append(contentsOf: UnsafeBufferPointer(start: p, count: i))
                }
                if changed {
                    if decision == .keepAfterSpace { output.append(0x20) }
                    if decision != .drop { output.append(contentsOf: UnsafeBufferPointer(start: p + i, count: s.length)) }
                }
                i += s.length
            }
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }
}
