extension KerasTokenizer {
    /// `to_json()`: `{"class_name": "Tokenizer", "config": {...}}` with the dictionaries as JSON
    /// strings inside, byte for byte as Python's `json.dumps` writes it.
    public func toJSON() -> String {
        func dict(_ pairs: [(String, String)]) -> String { PythonJSON.string(PythonJSON.object(pairs)) }
        let config: [(String, String)] = [
            ("num_words", numWords.map(String.init) ?? "null"),
            ("filters", PythonJSON.string(filters)),
            ("lower", lower ? "true" : "false"),
            ("split", PythonJSON.string(split)),
            ("char_level", charLevel ? "true" : "false"),
            ("oov_token", oovToken.map(PythonJSON.string) ?? "null"),
            ("document_count", String(documentCount)),
            ("word_counts", dict(wordCounts.map { ($0.word, String($0.count)) })),
            ("word_docs", dict(wordDocs.map { ($0.word, String($0.documents)) })),
            ("index_docs", dict(indexDocsPairs.map { (String($0.0), String($0.1)) })),
            ("index_word", dict(indexWordPairs.map { (String($0.0), PythonJSON.string($0.1)) })),
            ("word_index", dict(wordIndexInOrder.map { ($0.word, String($0.index)) })),
        ]
        return PythonJSON.object([("class_name", PythonJSON.string("Tokenizer")), ("config", PythonJSON.object(config))])
    }

    /// `tokenizer_from_json`: reads what Keras's `to_json` (or ours) wrote.
    public static func fromJSON(_ text: String) throws -> KerasTokenizer {
        func fail(_ why: String) -> TokenizerError { .invalidArgument("Keras tokenizer JSON: \(why)") }
        let outer = try JSONValue.parse(text)
        guard let config = outer["config"] else { throw fail("missing \"config\"") }
        func inner(_ key: String) throws -> [(String, JSONValue)] {
            guard let value = config[key] else { return [] }
            guard let string = value.stringValue, let object = try JSONValue.parse(string).objectValue else {
                throw fail("\"\(key)\" is not a JSON object string")
            }
            return object
        }
        func int(_ value: JSONValue, _ what: String) throws -> Int {
            guard let i = value.intValue else { throw fail("\(what) is not an integer") }
            return i
        }
        let tokenizer = KerasTokenizer(
            numWords: config["num_words"]?.intValue,
            filters: config["filters"]?.stringValue ?? KerasText.defaultFilters,
            lower: config["lower"]?.boolValue ?? true,
            split: config["split"]?.stringValue ?? " ",
            charLevel: config["char_level"]?.boolValue ?? false,
            oovToken: config["oov_token"]?.stringValue,
            documentCount: config["document_count"]?.intValue ?? 0)
        for (word, count) in try inner("word_counts") {
            if tokenizer.counts[ExactString(word)] == nil { tokenizer.countKeys.append(word) }
            tokenizer.counts[ExactString(word)] = try int(count, "word_counts[\(word)]")
        }
        for (word, count) in try inner("word_docs") {
            if tokenizer.docs[ExactString(word)] == nil { tokenizer.docKeys.append(word) }
            tokenizer.docs[ExactString(word)] = try int(count, "word_docs[\(word)]")
        }
        for (word, i) in try inner("word_index") {
            if tokenizer.index[ExactString(word)] == nil { tokenizer.indexKeys.append(word) }
            tokenizer.index[ExactString(word)] = try int(i, "word_index[\(word)]")
        }
        tokenizer.indexWordPairs = try inner("index_word").map { key, word in
            guard let i = Int(key), let w = word.stringValue else { throw fail("bad index_word entry \(key)") }
            return (i, w)
        }
        tokenizer.indexDocsPairs = try inner("index_docs").map { key, count in
            guard let i = Int(key) else { throw fail("bad index_docs key \(key)") }
            return (i, try int(count, "index_docs[\(key)]"))
        }
        return tokenizer
    }
}
