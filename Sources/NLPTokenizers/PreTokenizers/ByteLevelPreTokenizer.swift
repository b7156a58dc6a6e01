/// Hugging Face's "ByteLevel" pre-tokenizer: GPT-2's split pattern (`useRegex`), after which
/// every byte of a piece is spelled with its GPT-2 stand-in (`GPT2ByteMapping`).
///
/// Pieces here stay raw bytes: the byte -> stand-in spelling happens inside `BPEModel` when it
/// is byte-level, so no mapped string is ever built on the hot path.
///
/// `addPrefixSpace` (HF: prepend " " when the text does not start with one, so the first word
/// is spelled like every other, "Ġhello") adds a byte, which `split` cannot do: the pipeline
/// prepends it to the `NormalizedText` when `needsPrefixSpace` says so, as HF does per split.
/// `trimOffsets` only matters to the ByteLevel post-processor; it is kept for the round trip.
public struct ByteLevelPreTokenizer: PreTokenizer, Equatable {
    public static let typeName = "ByteLevel"
    public var addPrefixSpace: Bool
    public var trimOffsets: Bool
    public var useRegex: Bool

    public init(addPrefixSpace: Bool = true, trimOffsets: Bool = true, useRegex: Bool = true) {
        self.addPrefixSpace = addPrefixSpace
        self.trimOffsets = trimOffsets
        self.useRegex = useRegex
    }

    public func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>]) {
        if range.isEmpty { return }
        if useRegex { GPT2Splitter.split(text, range: range, into: &pieces) } else { pieces.append(range) }
    }

    /// Whether HF would prepend a space to the split `text[range]`.
    public func needsPrefixSpace(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Bool {
        addPrefixSpace && (range.isEmpty || text[range.lowerBound] != 0x20)
    }

    public init(json: JSONValue) throws {
        try ByteLevelOptions.check(json, type: Self.typeName)
        let o = try ByteLevelOptions(json: json)
        self.init(addPrefixSpace: o.addPrefixSpace, trimOffsets: o.trimOffsets, useRegex: o.useRegex)
    }

    public var json: JSONValue {
        ByteLevelOptions(addPrefixSpace: addPrefixSpace, trimOffsets: trimOffsets, useRegex: useRegex).json
    }
}

/// The three flags HF writes for every ByteLevel stage (pre-tokenizer, post-processor, decoder).
struct ByteLevelOptions {
    var addPrefixSpace = true, trimOffsets = true, useRegex = true

    init(addPrefixSpace: Bool, trimOffsets: Bool, useRegex: Bool) {
        self.addPrefixSpace = addPrefixSpace
        self.trimOffsets = trimOffsets
        self.useRegex = useRegex
    }

    static func check(_ json: JSONValue, type: String) throws {
        guard json.objectValue != nil else { throw TokenizerError.invalidArgument("\(type): expected a JSON object") }
        if let t = json["type"], t.stringValue != "ByteLevel" {
            throw TokenizerError.invalidArgument("\(type): type is \(t.serialized()), expected \"ByteLevel\"")
        }
    }

    init(json: JSONValue) throws {
        func flag(_ key: String, _ fallback: Bool) throws -> Bool {
            guard let v = json[key], !v.isNull else { return fallback }
            guard let b = v.boolValue else { throw TokenizerError.invalidArgument("ByteLevel: \(key) must be true or false") }
            return b
        }
        addPrefixSpace = try flag("add_prefix_space", true)
        trimOffsets = try flag("trim_offsets", true)
        useRegex = try flag("use_regex", true)
    }

    var json: JSONValue {
        .object([("type", .string("ByteLevel")), ("add_prefix_space", .bool(addPrefixSpace)),
                 ("trim_offsets", .bool(trimOffsets)), ("use_regex", .bool(useRegex))])
    }
}
