import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress on standard error: on a terminal one line rewritten in place (`\r` + erase), so
/// a long run does not scroll; otherwise (a pipe, a log file) nothing per step, only the
/// lines the trainer prints with `message` (validation results, checkpoints).
///
///     step 120/2000  loss 5.312  acc 0.211  lr 4.8e-04  7,650 tok/s  ETA 4m05s
public final class ProgressLine {
    public let isTerminal: Bool
    private var lastLength = 0

    public init(isTerminal: Bool = isatty(2) == 1) { self.isTerminal = isTerminal }

    public func update(_ text: String) {
        guard isTerminal else { return }
        write("\r\u{1B}[2K" + text)
        lastLength = text.count
    }

    /// A permanent line (ends the in-place line first).
    public func message(_ text: String) {
        if isTerminal && lastLength > 0 { write("\r\u{1B}[2K") ; lastLength = 0 }
        write(text + "\n")
    }

    public func finish() {
        if isTerminal && lastLength > 0 { write("\n"); lastLength = 0 }
    }

    private func write(_ s: String) {
        let bytes = Array(s.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress!, $0.count) }
    }

    /// "4m05s", "1h02m", "12s".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite && seconds >= 0 else { return "?" }
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
