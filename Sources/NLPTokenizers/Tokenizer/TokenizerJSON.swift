/// `tokenizer.json`, the Hugging Face file format, both ways.
extension Tokenizer {
    /// Reads a `tokenizer.json`. Errors name the file and the problem:
    ///
    ///     tok.json: unsupported normalizer type "Precompiled"
    public init(contentsOf path: String) throws {
        let bytes = try TokenizerFile.read(path)
        do {
            try self.init(json: try JSONValue.parse(bytes))
        } catch let error as TokenizerError {
            if case .invalidFile = error { throw error }
            throw TokenizerError.invalidFile(path: path, reason: error.description)
        } catch {
            throw TokenizerError.invalidFile(path: path, reason: "\(error)")
        }
    }

    public init(json: JSONValue) throws {
        guard json.objectValue != nil, let modelJSON = json["model"], !modelJSON.isNull else {
            throw TokenizerError.invalidArgument("not a tokenizer.json (no \"model\")")
        }
        func stage<T>(_ key: String, _ make: (JSONValue) throws -> T) throws -> T? {
            guard let value = json[key], !value.isNull else { return nil }
            return try make(value)
        }
        // Stages in file order, so the first problem in the file is the one reported.
        let normalizer = try stage("normalizer", StageRegistry.normalizer(from:))
        let preTokenizer = try stage("pre_tokenizer", StageRegistry.preTokenizer(from:))
        let postProcessor = try stage("post_processor", StageRegistry.postProcessor(from:))
        let decoder = try stage("decoder", StageRegistry.decoder(from:))
        let model = try StageRegistry.model(from: modelJSON)
        self.init(model: model, normalizer: normalizer, preTokenizer: preTokenizer, postProcessor: postProcessor,
                  decoder: decoder, addedTokens: try (json["added_tokens"]?.arrayValue ?? []).map(AddedToken.init(json:)),
                  truncation: try stage("truncation", Truncation.init(json:)),
                  padding: try stage("padding", Padding.init(json:)))
    }

    /// HF's layout and key order.
    public var json: JSONValue {
        let added: [JSONValue] = addedVocabulary.tokens.sorted { $0.id < $1.id }.map(\.json)
        var pairs: [(String, JSONValue)] = [("version", .string("1.0"))]
        pairs.append(("truncation", truncation?.json ?? .null))
        pairs.append(("padding", padding?.json ?? .null))
        pairs.append(("added_tokens", .array(added)))
        pairs.append(("normalizer", normalizer?.json ?? .null))
        pairs.append(("pre_tokenizer", preTokenizer?.json ?? .null))
        pairs.append(("post_processor", postProcessor?.json ?? .null))
        pairs.append(("decoder", decoder?.json ?? .null))
        pairs.append(("model", model.json))
        return .object(pairs)
    }

    /// Writes `tokenizer.json` atomically (temp file, fsync, rename), pretty-printed like HF.
    public func write(to path: String) throws {
        try TokenizerFile.write(Array(json.serialized(indent: 2).utf8), to: path)
    }
}
