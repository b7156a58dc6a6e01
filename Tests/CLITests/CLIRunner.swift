import Foundation

/// Runs the built `nlp` binary (it sits next to the test bundle, in the build products
/// directory) with files for standard input/output/error, so big outputs cannot deadlock.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutBytes: Data
}

enum CLI {
    static let binary: String = {
        let fm = FileManager.default
        var directories = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                           Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for bundle in Bundle.allBundles { directories.append(bundle.bundleURL.deletingLastPathComponent()) }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(repo.appendingPathComponent(".build/debug"))
        directories.append(repo.appendingPathComponent(".build/release"))
        for dir in directories {
            let path = dir.appendingPathComponent("nlp").path
            if fm.isExecutableFile(atPath: path) { return path }
        }
        return "nlp"
    }()

    /// The repository's test fixtures (read through the source tree; CLITests has no resources).
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NLPTokenizersTests/Fixtures/\(name)").path
    }

    static func run(_ arguments: [String], stdin: Data = Data()) throws -> CLIResult {
        try run(executable: binary, arguments, stdin: stdin)
    }

    /// Through /bin/sh, for pipelines (`nlp ... | head -1`).
    static func shell(_ command: String) throws -> CLIResult {
        try run(executable: "/bin/sh", ["-c", command])
    }

    static func run(executable: String, _ arguments: [String], stdin: Data = Data()) throws -> CLIResult {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inPath = dir + "/stdin", outPath = dir + "/stdout", errPath = dir + "/stderr"
        try stdin.write(to: URL(fileURLWithPath: inPath))
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        let out = FileManager.default.contents(atPath: outPath) ?? Data()
        let err = FileManager.default.contents(atPath: errPath) ?? Data()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                         stderr: String(decoding: err, as: UTF8.self), stdoutBytes: out)
    }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "cli-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ data: Data, _ path: String) throws { try data.write(to: URL(fileURLWithPath: path)) }
    static func write(_ text: String, _ path: String) throws { try write(Data(text.utf8), path) }
}
