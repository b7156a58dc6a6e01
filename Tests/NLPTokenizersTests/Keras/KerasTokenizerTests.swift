import Foundation
import Testing
@testable import NLPTokenizers

/// KerasTokenizer and padSequences against Keras's own outputs
/// (keras-preprocessing 1.1.2, scripts/reference/make_keras_reference.py).
struct KerasTokenizerTests {
    static let fixture: JSONValue = {
        let path = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/keras_reference.json").path
        return try! JSONValue.parse(Array(try! Data(contentsOf: URL(fileURLWithPath: path))))
    }()

    static func strings(_ v: JSONValue?) -> [String] { (v?.arrayValue ?? []).compactMap(\.stringValue) }
    static func ints(_ v: JSONValue?) -> [[Int]] { (v?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.intValue) } }

    static func make(_ config: JSONValue) -> KerasTokenizer {
        KerasTokenizer(numWords: config["num_words"]?.intValue,
                       filters: config["filters"]?.stringValue ?? KerasText.defaultFilters,
                       lower: config["lower"]?.boolValue ?? true,
                       split: config["split"]?.stringValue ?? " ",
                       charLevel: config["char_level"]?.boolValue ?? false,
                       oovToken: config["oov_token"]?.stringValue)
    }

    @Test(arguments: ["default", "num_words_oov", "char_level", "custom_split", "oov_only"])
    func matchesKeras(_ name: String) throws {
        let reference = try #require(Self.fixture["configs"]?[name])
        let tokenizer = Self.make(try #require(reference["config"]))
        tokenizer.fitOnTexts(Self.strings(Self.fixture["fit"]))
        let test = Self.strings(Self.fixture["test"])

        let expectedIndex = (reference["word_index"]?.arrayValue ?? []).map { ($0.arrayValue![0].stringValue!, $0.arrayValue![1].intValue!) }
        #expect(tokenizer.wordIndexInOrder.map(\.word) == expectedIndex.map(\.0), "word_index order")
        #expect(tokenizer.wordIndexInOrder.map(\.index) == expectedIndex.map(\.1), "word_index values")

        let sequences = tokenizer.textsToSequences(test)
        #expect(sequences == Self.ints(reference["sequences"]))
        #expect(tokenizer.sequencesToTexts(sequences + [[0, 1, 2, 3, 999]]) == Self.strings(reference["texts"]))

        for mode in [KerasMatrixMode.binary, .count, .freq, .tfidf] {
            let expected = (reference["matrices"]?[mode.rawValue]?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.doubleValue) }
            let matrix = try tokenizer.textsToMatrix(test, mode: mode)
            #expect(matrix.count == expected.count && zip(matrix, expected).allSatisfy { row, want in
                row.count == want.count && zip(row, want).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }
            }, "matrix \(mode)")
        }

        // to_json: identical text, except word_docs/index_docs, whose order in Keras is Python's
        // (per-run) set order: those must hold the same entries.
        let kerasJSON = try #require(reference["to_json"]?.stringValue)
        let ours = try JSONValue.parse(tokenizer.toJSON())
        let theirs = try JSONValue.parse(kerasJSON)
        #expect(ours["class_name"] == theirs["class_name"])
        for (key, value) in try #require(theirs["config"]?.objectValue) {
            let mine = try #require(ours["config"]?[key], "missing \(key)")
            if key == "word_docs" || key == "index_docs" {
                let a = try JSONValue.parse(mine.stringValue!).objectValue!, b = try JSONValue.parse(value.stringValue!).objectValue!
                #expect(Dictionary(uniqueKeysWithValues: a.map { ($0.0, $0.1.intValue!) })
                        == Dictionary(uniqueKeysWithValues: b.map { ($0.0, $0.1.intValue!) }), "\(key)")
            } else {
                #expect(mine == value, "config \(key)")
            }
        }
        // The config keys come in Keras's order, and the texts match byte for byte where the
        // order is deterministic.
        #expect(ours["config"]!.objectValue!.map(\.0) == theirs["config"]!.objectValue!.map(\.0))

        // tokenizer_from_json on Keras's text gives a working tokenizer.
        let loaded = try KerasTokenizer.fromJSON(kerasJSON)
        #expect(loaded.textsToSequences(test) == sequences)
        #expect(loaded.documentCount == tokenizer.documentCount)
        #expect(try loaded.textsToMatrix(test, mode: .tfidf) == tokenizer.textsToMatrix(test, mode: .tfidf))
        // ... and writes Keras's text back byte for byte.
        #expect(loaded.toJSON() == kerasJSON)
    }

    @Test func padSequencesMatchesKeras() throws {
        for item in try #require(Self.fixture["pads"]?.arrayValue) {
            let sequences = Self.ints(item["sequences"])
            let padding = SequenceEnd(rawValue: item["padding"]?.stringValue ?? "pre")!
            let truncating = SequenceEnd(rawValue: item["truncating"]?.stringValue ?? "pre")!
            let result = padSequences(sequences, maxlen: item["maxlen"]?.intValue, padding: padding,
                                      truncating: truncating, value: item["value"]?.intValue ?? 0)
            #expect(result == Self.ints(item["result"]), "\(item.serialized())")
        }
        // The element type stands for Keras's dtype.
        #expect(padSequences([[1.5], [2.5, 3.5]], value: 0.0) == [[0.0, 1.5], [2.5, 3.5]])
        #expect(padSequences([["a", "b", "c"]], maxlen: 2, value: "") == [["b", "c"]])
        #expect(padSequences([[Int]]()) == [])
    }

    @Test func textToWordSequenceRules() {
        // Filters become the split string; the apostrophe is not a default filter.
        #expect(KerasText.textToWordSequence("Hello, World!  It's me.") == ["hello", "world", "it's", "me"])
        // Python's str.lower(): final sigma, dotted capital I.
        #expect(KerasText.pythonLower("ΟΔΟΣ Σ") == "οδος σ")
        #expect(KerasText.pythonLower("İ") == "i\u{307}")
        // Canonically equivalent spellings stay distinct words, as in Python.
        let t = KerasTokenizer()
        t.fitOnTexts(["caf\u{e9} cafe\u{301} caf\u{e9}"])
        #expect(t.wordIndexInOrder.count == 2)
        #expect(t.index(of: "cafe\u{301}") == 2 && t.index(of: "caf\u{e9}") == 1)
    }

    @Test func pythonJSONEscapesAsJSONDumps() {
        #expect(PythonJSON.string("a\"b\\c\n\t\u{7F}é😀") == #""a\"b\\c\n\t\u007f\u00e9\ud83d\ude00""#)
    }

    @Test func matrixWithoutVocabularyIsAnError() {
        #expect(throws: TokenizerError.self) { try KerasTokenizer().textsToMatrix(["a"]) }
    }
}
