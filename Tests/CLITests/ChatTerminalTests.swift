import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `nlp chat` on a pseudo-terminal, driven as a person would: type, read the screen, press keys.
final class TerminalSession {
    let process = Process()
    let master: Int32
    let slaveName: String
    private(set) var screen = ""

    /// `newSession` starts the program without a controlling terminal (setsid), so a Ctrl-C the
    /// terminal turns into SIGINT reaches nobody and is lost, every time rather than only when
    /// the timing is unlucky.
    init(_ arguments: [String], newSession: Bool = false) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: 40, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0)
        var name = [CChar](repeating: 0, count: 256)
        guard openpty(&master, &slave, &name, nil, &size) == 0 else { throw POSIXError(.EIO) }
        self.master = master
        slaveName = String(cString: name)
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        if newSession {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            process.arguments = ["--wait", CLI.binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = arguments
        }
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

    /// Reads what the program has written within `milliseconds`; false once it has closed the
    /// terminal.
    private func readAvailable(milliseconds: Int32) -> Bool {
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, milliseconds) >= 0 else { return false }
        if fds.revents & Int16(POLLIN) != 0 {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { return false }
            screen += Self.plain(String(decoding: buffer[0..<n], as: UTF8.self))
            return true
        }
        return fds.revents == 0
    }

    private func shows(_ text: String, count: Int) -> Bool {
        screen.components(separatedBy: text).count - 1 >= count
    }

    /// Reads until the screen (escape sequences removed) contains `text` `count` times.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, timeout: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && !shows(text, count: count) {
            guard readAvailable(milliseconds: 100) else { break }
        }
        return shows(text, count: count)
    }

    /// Types `text`, then samples the terminal's mode as fast as it can until the screen shows
    /// `until` `count` times: true if Ctrl-C would have been a signal (ISIG) at any sample.
    func typeWatchingForSignalMode(_ text: String, until: String, count: Int, timeout: Double = 60) -> Bool {
        let fd = open(slaveName, O_RDWR | O_NOCTTY)
        defer { close(fd) }
        type(text)
        var sawSignalMode = false
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && !shows(until, count: count) {
            if Self.signalMode(fd) == true { sawSignalMode = true }
            guard readAvailable(milliseconds: 0) else { break }
        }
        return sawSignalMode
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

    /// Whether the terminal turns Ctrl-C into SIGINT (ISIG), read from its slave side.
    var ctrlCSendsSignal: Bool? {
        let fd = open(slaveName, O_RDWR | O_NOCTTY)
        defer { if fd >= 0 { close(fd) } }
        return Self.signalMode(fd)
    }

    /// ISIG of the terminal open as `fd`; nil if it cannot be read.
    private static func signalMode(_ fd: Int32) -> Bool? {
        var mode = termios()
        guard fd >= 0, tcgetattr(fd, &mode) == 0 else { return nil }
        return mode.c_lflag & tcflag_t(ISIG) != 0
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
        #expect(t.ctrlCSendsSignal == false)  // a key for the editor, not a signal
        t.type("half a sentence")
        t.type("\u{03}")
        #expect(t.exitStatus() == 0)
        #expect(!t.screen.contains("Fatal error"))
        #expect(t.ctrlCSendsSignal == true)  // the terminal is given back as it was
    }

    /// Ctrl-C between turns. libedit prints the prompt before it puts the terminal in raw mode,
    /// and between lines it used to give the terminal back with ISIG on: a Ctrl-C there became a
    /// SIGINT noticed only after the next Enter (or, with no one to signal, was lost), and the
    /// chat sat blocked in a read. Now the terminal never turns Ctrl-C into a signal while the
    /// chat runs, and a Ctrl-C typed as the reply arrives ends the chat like any other.
    @Test func ctrlCBetweenTurnsIsAKeyToo() throws {
        let t = try TerminalSession(["chat", "--bot", ChatBotCopy.trained])
        #expect(t.waitForPrompt())
        let sawSignalMode = t.typeWatchingForSignalMode("hello\r", until: "you> ", count: 2)
        #expect(!sawSignalMode, "between turns, Ctrl-C would have been a signal")
        t.type("\u{03}")
        #expect(t.exitStatus() == 0)

        // The symptom: without a controlling terminal a Ctrl-C that became a signal is lost.
        for _ in 0..<3 {
            let t = try TerminalSession(["chat", "--bot", ChatBotCopy.trained], newSession: true)
            #expect(t.waitForPrompt())
            t.type("hello\r")
            #expect(t.waitFor("bot> "))
            t.type("\u{03}")
            #expect(t.exitStatus(timeout: 10) == 0, "\(t.screen)")
            #expect(t.ctrlCSendsSignal == true)
        }
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
