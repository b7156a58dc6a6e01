import CEditLine
#if canImport(Glibc)
import Glibc
#endif

/// Where `nlp chat` gets its lines: libedit on a terminal (arrow keys, history, Ctrl-R), plain
/// reads otherwise, so `printf 'I lost my card\n' | nlp chat --bot DIR` works in scripts.
enum ChatInputEvent {
    case line([UInt8])
    case end          // Ctrl-D or end of input
    case interrupted  // Ctrl-C
}

protocol ChatInput: AnyObject {
    func next() -> ChatInputEvent
    func close()
}

/// Set by SIGINT while the bot is thinking or a plain read is blocked.
nonisolated(unsafe) var chatInterrupted: Int32 = 0

/// SIGINT interrupts a blocked read (no SA_RESTART) and is noticed between turns.
func installChatInterruptHandler() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in chatInterrupted = 1 }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
    signal(SIGPIPE, SIG_IGN)
}

final class TerminalInput: ChatInput {
    private let editor: OpaquePointer

    init?(prompt: String) {
        guard let editor = cnlp_editor_open("nlp", prompt, 1000) else { return nil }
        self.editor = editor
    }

    func next() -> ChatInputEvent {
        // A SIGINT from outside (kill -INT) between turns: libedit would block in its read.
        if chatInterrupted != 0 { return .interrupted }
        var length: Int32 = 0, status: Int32 = 0
        let line = cnlp_editor_read(editor, &length, &status)
        if status == Int32(CNLP_EDIT_INTERRUPT) || chatInterrupted != 0 { return .interrupted }
        guard status == Int32(CNLP_EDIT_LINE), let line else { return .end }
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(line).assumingMemoryBound(to: UInt8.self), count: Int(length)))
        if !bytes.isEmpty { cnlp_editor_add_history(editor, String(decoding: bytes, as: UTF8.self)) }
        return .line(bytes)
    }

    func close() { cnlp_editor_close(editor) }
}

/// Lines from a file descriptor, any length (a 1 MB line is one line), "\r\n" or "\n" endings;
/// a last line without a newline still counts.
final class PlainInput: ChatInput {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEOF = false

    init(fd: Int32 = 0) { self.fd = fd }

    func next() -> ChatInputEvent {
        while true {
            if chatInterrupted != 0 { return .interrupted }
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var line = Array(buffer[start..<newline])
                if line.last == 0x0D { line.removeLast() }
                start = newline + 1
                return .line(line)
            }
            if atEOF {
                guard start < buffer.count else { return .end }
                let line = Array(buffer[start...])
                start = buffer.count
                return .line(line)
            }
            if start > 0 { buffer.removeFirst(start); start = 0 }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                atEOF = true
            } else if n == 0 {
                atEOF = true
            } else {
                buffer.append(contentsOf: chunk[0..<n])
            }
        }
    }

    func close() {}
}
