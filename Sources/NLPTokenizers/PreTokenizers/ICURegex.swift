import CNLPUnicode
import Foundation

/// A compiled ICU regular expression matched straight on UTF-8 (offsets are byte offsets).
/// ICU matchers are not thread-safe, so each search works on a clone of the compiled pattern;
/// a few idle clones are kept for reuse.
public final class ICURegex: @unchecked Sendable {
    public let pattern: String
    public let isLiteral: Bool
    private let compiled: OpaquePointer
    private var idle: [OpaquePointer] = []
    private let lock = NSLock()

    /// `literal`: match `pattern` as plain text (HF's Split with a String pattern).
    public init(_ pattern: String, literal: Bool = false) throws {
        self.pattern = pattern
        self.isLiteral = literal
        var status: Int32 = 0, offset: Int32 = -1
        let bytes = Array(pattern.utf8)
        guard let r = cnlp_regex_open(bytes, Int32(bytes.count), literal ? Int32(CNLP_REGEX_LITERAL) : 0, &status, &offset) else {
            let name = String(cString: cnlp_error_name(status))
            throw TokenizerError.invalidArgument("invalid regex \(pattern.debugDescription)" + (offset >= 0 ? " at offset \(offset)" : "") + ": \(name)")
        }
        compiled = r
    }

    deinit {
        for m in idle { cnlp_regex_close(m) }
        cnlp_regex_close(compiled)
    }

    /// Calls `body(start, end)` for each non-overlapping match in `text[range]`, left to right.
    public func forEachMatch(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>, _ body: (Int, Int) -> Void) {
        lock.lock()
        var matcher = idle.popLast()
        lock.unlock()
        var status: Int32 = 0
        if matcher == nil { matcher = cnlp_regex_clone(compiled, &status) }
        guard let m = matcher else { return }
        let base = text.baseAddress.map { $0 + range.lowerBound }
        cnlp_regex_set_text(m, base, Int64(range.count), &status)
        var start: Int64 = 0, end: Int64 = 0
        while status <= 0 && cnlp_regex_next(m, &start, &end, &status) == 1 {
            body(range.lowerBound + Int(start), range.lowerBound + Int(end))
        }
        cnlp_regex_set_text(m, nil, 0, &status)
        lock.lock()
        if idle.count < 8 { idle.append(m) } else { cnlp_regex_close(m) }
        lock.unlock()
    }

    public func matches(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        forEachMatch(in: text, range: range) { out.append($0..<$1) }
        return out
    }
}
