import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Appends one JSON object per turn to a transcript file, for labelling and retraining later:
///
///     {"action":"ask_slot","intent":"card_lost","ranking":[...],"reply":"What are the last four
///      digits of the card?","slots":{},"state":{...},"time":"2024-03-12T09:41:07.123Z","user":"I lost my card"}
///
/// The file is opened with O_APPEND and each line goes out in a single write(2), so lines from
/// several sessions sharing a file never interleave, and an existing transcript is never
/// truncated. `close()` fsyncs.
public final class TranscriptWriter {
    public let path: String
    private var fd: Int32

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw BotDefinitionError(file: path, line: 0, keyPath: "", message: "cannot open the transcript: \(String(cString: strerror(errno)))")
        }
    }

    deinit { close() }

    public func append(_ turn: ChatTurn, time: Date = Date()) throws {
        try appendLine(turn.transcriptJSON(time: time))
    }

    public func appendLine(_ json: String) throws {
        guard fd >= 0 else { return }
        let bytes = Array((json + "\n").utf8)
        let written = bytes.withUnsafeBytes { raw -> Int in
            while true {
                let n = Glibc.write(fd, raw.baseAddress!, raw.count)
                if n < 0 && errno == EINTR { continue }
                return n
            }
        }
        guard written == bytes.count else {
            throw BotDefinitionError(file: path, line: 0, keyPath: "", message: "cannot append to the transcript: \(String(cString: strerror(errno)))")
        }
    }

    public func close() {
        guard fd >= 0 else { return }
        fsync(fd)
        Glibc.close(fd)
        fd = -1
    }
}
