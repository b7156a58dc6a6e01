/// Keras tokenizer files on the command line: `nlp tokenize --tokenizer word --vocab keras.json`
/// reads what Keras's `Tokenizer.to_json()` writes, and `nlp vocab train --algorithm word`
/// writes one (`fit_on_texts` over the lines of the training files).
///
///     let keras = try KerasTokenizer.load(path: "keras.json")
///     keras.textsToSequences(["the cat sat"])   // [[1, 4, 9]]
extension KerasTokenizer {
    /// Whether `bytes` are a Keras tokenizer JSON: `{"class_name": "Tokenizer", "config": {...}}`.
    public static func isKerasJSON(_ bytes: [UInt8]) -> Bool {
        guard bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{"),
              let json = try? JSONValue.parse(bytes) else { return false }
        return json["class_name"]?.stringValue == "Tokenizer" && json["config"]?.objectValue != nil
    }

    /// Reads a Keras tokenizer JSON; a bad file is a one-line error naming it.
    public static func load(path: String) throws -> KerasTokenizer {
        let bytes = try TokenizerFile.read(path)
        do {
            return try fromJSON(String(decoding: bytes, as: UTF8.self))
        } catch let error as TokenizerError {
            if case .invalidFile = error { throw error }
            throw TokenizerError.invalidFile(path: path, reason: error.description)
        } catch {
            throw TokenizerError.invalidFile(path: path, reason: "corrupt Keras tokenizer JSON (\(error))")
        }
    }

    /// `fit_on_texts` over every line of `files` (streamed, one batch of lines at a time), with
    /// Keras's defaults otherwise. `numWords` as in Keras: only indices below it are produced.
    public static func train(files: [String], numWords: Int?, oovToken: String? = nil) throws -> KerasTokenizer {
        let tokenizer = KerasTokenizer(numWords: numWords, oovToken: oovToken)
        for file in files {
            let reader = try LineReader(path: file, batchBytes: 8 << 20)
            while let batch = try reader.nextBatch() {
                let texts = batch.bytes.withUnsafeBufferPointer { bytes in
                    batch.lines.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
                }
                tokenizer.fitOnTexts(texts)
            }
        }
        return tokenizer
    }

}

/// One line in, ids and words out, for `nlp tokenize --tokenizer word` (the index -> word table
/// is built once, not per line as `sequences_to_texts` does).
public struct KerasLineEncoder: @unchecked Sendable {
    public let keras: KerasTokenizer
    private let words: [Int: String]

    public init(_ keras: KerasTokenizer) {
        self.keras = keras
        words = keras.indexWord
    }

    /// `texts_to_sequences([text])[0]` and the word each id stands for (the OOV token for OOV).
    public func encode(_ text: String) -> (ids: [Int32], tokens: [String]) {
        let ids = keras.textsToSequences([text])[0]
        return (ids.map { Int32(truncatingIfNeeded: $0) }, ids.map { words[$0] ?? "" })
    }
}
