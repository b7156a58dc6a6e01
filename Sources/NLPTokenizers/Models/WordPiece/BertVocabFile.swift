#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// BERT's `vocab.txt`: one token per line, the id is the line number (from 0).
///
/// Read as Hugging Face reads it: lines end at "\n", a trailing "\r" and other trailing white
/// space are trimmed, the newline after the last line does not start another line, an empty
/// line in the middle is the empty token, and a token listed twice keeps its last line's id
/// (the earlier id then has no token).
public enum BertVocabFile {
    public static func read(path: String) throws -> Vocabulary {
        try parse(try readFile(path), path: path)
    }

    public static func parse(_ bytes: [UInt8], path: String = "vocab.txt") throws -> Vocabulary {
        func fail(_ why: String) -> TokenizerError { .invalidFile(path: path, reason: why) }
        if bytes.isEmpty { throw fail("empty vocabulary file") }
        if let nul = bytes.firstIndex(of: 0) {
            throw fail("not a vocab.txt (NUL byte at offset \(nul); binary file?)")
        }
        var vocab = Vocabulary()
        var lineStart = 0
        var line: Int32 = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            guard let text = String(validating: bytes[lineStart..<lineEnd], as: UTF8.self) else {
                throw fail("invalid UTF-8 on line \(line + 1)")
            }
            guard line < Int32.max else { throw fail("too many lines") }
            vocab.insert(trimmingTrailingWhitespace(text), id: line)
            line += 1
            lineStart = lineEnd + 1
        }
        return vocab
    }

    /// One token per line in id order, as HF's `WordPiece.save` writes it. Ids missing from the
    /// vocabulary (after duplicates) close up, so such a file reloads with shifted ids, as in HF.
    public static func serialize(_ model: WordPieceModel) -> [UInt8] {
        var out: [UInt8] = []
        for (token, _) in model.tokensInIDOrder {
            out.append(contentsOf: token.utf8)
            out.append(0x0A)
        }
        return out
    }

    /// Writes through a temporary file and a rename, so a crash never leaves half a vocabulary.
    public static func write(_ model: WordPieceModel, to path: String) throws {
        let bytes = serialize(model)
        let temporary = path + ".tmp-\(getpid())"
        guard let file = fopen(temporary, "wb") else {
            throw TokenizerError.invalidFile(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        let flushed = fflush(file) == 0 && fsync(fileno(file)) == 0
        fclose(file)
        guard written == bytes.count, flushed, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw TokenizerError.invalidFile(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TokenizerError.invalidFile(path: path, reason: String(cString: strerror(errno)))
        }
        if info.st_mode & S_IFMT == S_IFDIR { throw TokenizerError.invalidFile(path: path, reason: "is a directory") }
        guard let file = fopen(path, "rb") else {
            throw TokenizerError.invalidFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        if ferror(file) != 0 { throw TokenizerError.invalidFile(path: path, reason: "read error") }
        return bytes
    }

    /// Rust's `str::trim_end`: drops trailing White_Space characters.
    static func trimmingTrailingWhitespace(_ s: String) -> String {
        var scalars = s.unicodeScalars[...]
        while let last = scalars.last, BertCharacters.isWhitespace(last.value) { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

extension WordPieceModel {
    /// A WordPiece model over a BERT `vocab.txt` with HF's defaults ("[UNK]", "##", 100).
    public convenience init(vocabFile path: String, unkToken: String = "[UNK]",
                            continuingSubwordPrefix: String = "##", maxInputCharsPerWord: Int = 100) throws {
        self.init(vocab: try BertVocabFile.read(path: path), unkToken: unkToken,
                  continuingSubwordPrefix: continuingSubwordPrefix, maxInputCharsPerWord: maxInputCharsPerWord)
    }
}
