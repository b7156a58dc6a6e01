/// The `"model"` object of a Hugging Face `tokenizer.json` with `"type": "BPE"`.
///
///     {"type":"BPE","dropout":null,"unk_token":null,"continuing_subword_prefix":null,
///      "end_of_word_suffix":null,"fuse_unk":false,"byte_fallback":false,"ignore_merges":false,
///      "vocab":{"a":0,"b":1,"ab":2},"merges":[["a","b"]]}
///
/// Merges are read both as `"a b"` strings (tokenizers < 0.20) and as `["a","b"]` pairs, and
/// written as pairs, as tokenizers 0.20 and later write them.
extension BPEModel {
    public convenience init(json: JSONValue) throws {
        try self.init(json: json, byteLevel: nil)
    }

    /// `byteLevel`: whether pieces are raw bytes (the pipeline knows from the pre-tokenizer);
    /// nil decides from the vocabulary.
    public convenience init(json: JSONValue, byteLevel: Bool?) throws {
        func fail(_ why: String) -> TokenizerError { .invalidArgument("BPE model: \(why)") }
        guard json.objectValue != nil else { throw fail("expected a JSON object") }
        if let type = json["type"], type.stringValue != BPEModel.typeName {
            throw fail("type is \(type.serialized()), expected \"BPE\"")
        }
        func optionalString(_ key: String) throws -> String? {
            guard let v = json[key], !v.isNull else { return nil }
            guard let s = v.stringValue else { throw fail("\(key) must be a string or null") }
            return s
        }
        func flag(_ key: String) throws -> Bool {
            guard let v = json[key], !v.isNull else { return false }
            guard let b = v.boolValue else { throw fail("\(key) must be true or false") }
            return b
        }
        var options = Options(byteLevel: byteLevel)
        if let d = json["dropout"], !d.isNull {
            guard let p = d.doubleValue else { throw fail("dropout must be a number or null") }
            options.dropout = Float(p)
        }
        options.unkToken = try optionalString("unk_token")
        options.continuingSubwordPrefix = try optionalString("continuing_subword_prefix")
        options.endOfWordSuffix = try optionalString("end_of_word_suffix")
        options.fuseUnk = try flag("fuse_unk")
        options.byteFallback = try flag("byte_fallback")
        options.ignoreMerges = try flag("ignore_merges")

        var vocab = Vocabulary()
        if let v = json["vocab"], !v.isNull {
            guard let entries = v.objectValue else { throw fail("vocab must be an object") }
            for (token, id) in entries {
                guard let i = id.intValue, i >= 0, i <= Int(Int32.max) else { throw fail("vocab id of '\(token)' is not a valid id") }
                vocab.insert(token, id: Int32(i))
            }
        }
        var merges: [(String, String)] = []
        if let m = json["merges"], !m.isNull {
            guard let items = m.arrayValue else { throw fail("merges must be an array") }
            merges.reserveCapacity(items.count)
            for (n, item) in items.enumerated() {
                if let s = item.stringValue {
                    // The space byte, not the Character: " " + U+0301 is one grapheme.
                    guard let space = s.utf8.firstIndex(of: 0x20) else { throw fail("merge \(n + 1) '\(s)' has no space") }
                    merges.append((String(Substring(s.utf8[..<space])), String(Substring(s.utf8[s.utf8.index(after: space)...]))))
                } else if let pair = item.arrayValue, pair.count == 2, let a = pair[0].stringValue, let b = pair[1].stringValue {
                    merges.append((a, b))
                } else {
                    throw fail("merge \(n + 1) is neither \"a b\" nor [\"a\", \"b\"]")
                }
            }
        }
        try self.init(vocab: vocab, merges: merges, options: options)
    }

    public var json: JSONValue {
        func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        let dropout: JSONValue = options.dropout.map { .double(Double("\($0)") ?? Double($0)) } ?? .null
        let ordered = vocab.entries.map { ($0.token, JSONValue.int(Int($0.id))) }
        return .object([
            ("type", .string(BPEModel.typeName)),
            ("dropout", dropout),
            ("unk_token", string(options.unkToken)),
            ("continuing_subword_prefix", string(options.continuingSubwordPrefix)),
            ("end_of_word_suffix", string(options.endOfWordSuffix)),
            ("fuse_unk", .bool(options.fuseUnk)),
            ("byte_fallback", .bool(options.byteFallback)),
            ("ignore_merges", .bool(options.ignoreMerges)),
            ("vocab", .object(ordered)),
            ("merges", .array(merges.map { .array([.string($0.0), .string($0.1)]) })),
        ])
    }
}
