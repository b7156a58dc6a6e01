import CNLPUnicode
import Foundation

/// One ICU break iterator and the UTF-16 copy of the text it walks: the engine shared by
/// `WordSegmenter` and `SentenceSegmenter`.
///
/// Opening an iterator loads rules (and, for words, the CJK/Thai dictionaries), so it is done
/// once; each call only points it at new text (`cnlp_break_set_text`). An ICU iterator holds
/// position state, so calls on one instance are serialised by a lock: sharing an instance across
/// threads is safe but runs one call at a time; for parallel work give each thread its own.
final class BreakCursor: @unchecked Sendable {
    /// ICU takes Int32 lengths; longer input is walked in pieces cut at scalar boundaries.
    static let maxPiece = 1 << 30

    private let handle: OpaquePointer
    private let transcript = UTF16Transcript()
    private let lock = NSLock()

    init(kind: Int32, locale: String) throws {
        var status: Int32 = 0
        let handle = locale.withCString { cnlp_break_open(kind, $0, nil, 0, &status) }
        guard status <= 0, let handle else { throw ICUError("opening a break iterator for locale '\(locale)'", status: status) }
        self.handle = handle
    }

    deinit { cnlp_break_close(handle) }

    /// Calls `body(byteRange, ruleStatus, transcript, utf16Range)` for each segment, in order.
    func forEachSegment(_ bytes: UnsafeBufferPointer<UInt8>,
                        _ body: (Range<Int>, Int32, UTF16Transcript, Range<Int>) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        guard let base = bytes.baseAddress else { return }
        var pieceStart = 0
        while pieceStart < bytes.count {
            var pieceEnd = min(bytes.count, pieceStart + BreakCursor.maxPiece)
            while pieceEnd < bytes.count && pieceEnd > pieceStart && base[pieceEnd] & 0xC0 == 0x80 { pieceEnd -= 1 }
            if pieceEnd == pieceStart { pieceEnd = min(bytes.count, pieceStart + BreakCursor.maxPiece) }
            walk(UnsafeBufferPointer(start: base + pieceStart, count: pieceEnd - pieceStart), offset: pieceStart, body)
            pieceStart = pieceEnd
        }
    }

    private func walk(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int,
                      _ body: (Range<Int>, Int32, UTF16Transcript, Range<Int>) -> Void) {
        transcript.load(bytes)
        var status: Int32 = 0
        cnlp_break_set_text(handle, transcript.units, Int32(transcript.count), &status)
        guard status <= 0 else { return }
        var start16 = 0, start8 = 0
        while true {
            let end16 = Int(cnlp_break_next(handle))
            if end16 < 0 { break }
            let end8 = transcript.utf8Offset(of: end16)
            body(offset + start8..<offset + end8, cnlp_break_rule_status(handle), transcript, start16..<end16)
            start16 = end16
            start8 = end8
        }
    }
}
