@_exported import NLPFiles

/// `AtomicFile` with its errors as `TokenizerError.invalidFile`, the one error type the
/// tokenizer API throws for a bad file.
enum TokenizerFile {
    static func read(_ path: String) throws -> [UInt8] {
        do { return try AtomicFile.read(path) } catch let e as FileError { throw TokenizerError.invalidFile(path: e.path, reason: e.reason) }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        do { try AtomicFile.write(bytes, to: path) } catch let e as FileError { throw TokenizerError.invalidFile(path: e.path, reason: e.reason) }
    }
}
