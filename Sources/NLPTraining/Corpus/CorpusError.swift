/// Why a corpus cannot be read, in one line that names the file (and place) at fault:
///
///     corpus/notes.txt: invalid UTF-8 at line 3, byte 17 (0xC3 0x28)
///     corpus: no .txt files under data/empty
public struct CorpusError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
