import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `nlp chat` on a pseudo-terminal, driven as a person would: type, read the screen, press keys.
final class TerminalSession {
    let process = Process()
    let master: Int32
    private(set) var screen = ""

    init(_ arguments: [String]) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: 40, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.EIO) }
        self.master = master
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        environment["LANG"] = "C.UTF-8"
        process.environment = environment
        try process.run()
        close(slave)
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
    }

    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress!, $0.count) }
    }

    /// Reads until the screen (escape sequences removed) contains `text` `count` times.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, timeout: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if screen.components(separatedBy: text).count - 1 >= count { return true }
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 100) >= 0 else { return false }
            if fds.revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 65536)
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break }
                screen += Self.plain(String(decoding: buffer[0..<n], as: UTF8.self))
            } else if fds.revents != 0 {
                break
            }
        }
        return screen.components(separatedBy: text).count - 1 >= count
    }

    /// Waits until the editor shows a fresh prompt (what a person waits for before typing).
    @discardableResult
    func waitForPrompt(timeout: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if screen.hasSuffix("you> ") { return true }
            waitFor("\u{0}", timeout: 0.05)
        }
        return false
    }

    /// Exit status, or nil if it did not exit within `timeout` seconds.
    func exitStatus(timeout: Double = 60) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            waitFor("\u{0}", timeout: 0.1)  // drain output so the child never blocks on a full pty
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\r", with: "")
    }
}

@Suite(.serialized) struct ChatTerminalTests {
    @Test func aConversationWithHistoryAndSearch() throws {
        let t = try TerminalSession(["chat", "--bot", ChatBotCopy.trained])
        #expect(t.waitFor("Ctrl-D to leave."))
        #expect(t.waitFor("you> "))
        #expect(t.waitForPrompt())
        t.type("I lost my card\r")
        #expect(t.waitFor("bot> What are the last four digits of the card?"))
        #expect(t.waitForPrompt())
        t.type("4821\r")
        #expect(t.waitFor("Shall I go ahead? (yes/no)"))
        #expect(t.waitForPrompt())
        t.type("no\r")
        #expect(t.waitFor("bot> OK, I haven't frozen anything."))
        // Up arrow three times recalls "I lost my card"; Enter sends it again.
        #expect(t.waitForPrompt())
        t.type("\u{1B}[A\u{1B}[A\u{1B}[A")
        t.type("\r")
        #expect(t.waitFor("bot> What are the last four digits of the card?", count: 2))
        // Ctrl-R searches the history backwards: "48" finds "4821".
        #expect(t.waitForPrompt())
        t.type("\u{12}48")
        t.type("\r")
        #expect(t.waitFor("Shall I go ahead? (yes/no)", count: 2))
        #expect(t.waitForPrompt())
        t.type("yes\r")
        #expect(t.waitFor("card ending 4821", count: 3))  // two confirmations, then the answer
        // Chinese typed at the prompt.
        #expect(t.waitForPrompt())
        t.type("我的卡丢了\r")
        #expect(t.waitFor("bot> 请提供卡号后四位。"))
        #expect(t.waitForPrompt())
        t.type("\u{04}")  // Ctrl-D on an empty line
        #expect(t.exitStatus() == 0)
    }

    @Test func ctrlCExitsCleanly() throws {
        let t = try TerminalSession(["chat", "--bot", ChatBotCopy.trained])
        #expect(t.waitFor("you> "))
        #expect(t.waitForPrompt())
        t.type("hello\r")
        #expect(t.waitFor("bot> "))
        #expect(t.waitForPrompt())
        t.type("half a sentence")
        t.type("\u{03}")
        #expect(t.exitStatus() == 0)
        #expect(!t.screen.contains("Fatal error"))
    }

    @Test func debugAndHelpOnTheTerminal() throws {
        let t = try TerminalSession(["chat", "--bot", ChatBotCopy.trained])
        #expect(t.waitFor("you> "))
        #expect(t.waitForPrompt())
        t.type("/debug\r")
        #expect(t.waitFor("bot> Debug output on"))
        #expect(t.waitForPrompt())
        t.type("send £5 to Dan\r")
        #expect(t.waitFor("\"slots\":{\"amount\":\"£5\",\"payee\":\"Dan\"}"))
        #expect(t.waitForPrompt())
        t.type("/help\r")
        #expect(t.waitFor("/reset start over"))
        #expect(t.waitForPrompt())
        t.type("/quit\r")
        #expect(t.waitFor("bot> Goodbye!"))
        #expect(t.exitStatus() == 0)
    }
}
