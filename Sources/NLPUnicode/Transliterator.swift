import CNLPUnicode
import Foundation

/// An ICU transform such as `"Any-Latin; Latin-ASCII"` ("Москва" -> "Moskva", "北京" -> "bei jing").
///
/// Opening one parses its rules, which is slow, so open once and reuse. ICU transliterators are
/// not thread-safe; this wrapper serialises calls with a lock, so one instance may be shared, but
/// threads that transliterate a lot should each open their own.
public final class Transliterator: @unchecked Sendable {
    public let id: String
    private let handle: OpaquePointer
    private let lock = NSLock()

    /// Throws `ICUError` for an id ICU does not know.
    public init(_ id: String) throws {
        let units = Array(id.utf16)
        var status: Int32 = 0
        let handle = cnlp_translit_open(units, Int32(units.count), &status)
        guard status <= 0, let handle else { throw ICUError("opening transliterator '\(id)'", status: status) }
        self.id = id
        self.handle = handle
    }

    deinit { cnlp_translit_close(handle) }

    public func transliterate(_ text: String) -> String {
        let source = Array(text.utf16)
        if source.isEmpty { return text }
        lock.lock()
        defer { lock.unlock() }
        var capacity = source.count * 2 + 16
        while true {
            var buffer = source + [UInt16](repeating: 0, count: capacity - source.count)
            var length = Int32(source.count)
            var status: Int32 = 0
            cnlp_translit_apply(handle, &buffer, &length, Int32(capacity), &status)
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ {
                capacity = max(capacity * 2, Int(length) + 16)
                continue
            }
            // Other failures leave the text as it was rather than lose it.
            guard status <= 0 else { return text }
            return String(decoding: buffer[0..<Int(length)], as: UTF16.self)
        }
    }
}
