/// Type string -> stage decoder, for every stage the package implements.
///
/// `tokenizer.json` names each stage by its `"type"`; the same name can mean different things in
/// different slots ("Sequence", "Replace", "Strip", "ByteLevel"), so each slot has its own table.
/// A type we do not implement is an error that names the slot and the type:
///
///     unsupported normalizer type "Precompiled"
public enum StageRegistry {
    public typealias Make<T> = @Sendable (JSONValue) throws -> T

    public static let normalizers: [String: Make<any Normalizer>] = [
        NFCNormalizer.typeName: { try NFCNormalizer(json: $0) },
        NFDNormalizer.typeName: { try NFDNormalizer(json: $0) },
        NFKCNormalizer.typeName: { try NFKCNormalizer(json: $0) },
        NFKDNormalizer.typeName: { try NFKDNormalizer(json: $0) },
        LowercaseNormalizer.typeName: { try LowercaseNormalizer(json: $0) },
        StripNormalizer.typeName: { try StripNormalizer(json: $0) },
        StripAccentsNormalizer.typeName: { try StripAccentsNormalizer(json: $0) },
        ReplaceNormalizer.typeName: { try ReplaceNormalizer(json: $0) },
        PrependNormalizer.typeName: { try PrependNormalizer(json: $0) },
        SequenceNormalizer.typeName: { try SequenceNormalizer(json: $0) },
        BertNormalizer.typeName: { try BertNormalizer(json: $0) },
    ]

    public static let preTokenizers: [String: Make<any PreTokenizer>] = [
        SequencePreTokenizer.typeName: { try SequencePreTokenizer(json: $0) },
        PunctuationPreTokenizer.typeName: { try PunctuationPreTokenizer(json: $0) },
        DigitsPreTokenizer.typeName: { try DigitsPreTokenizer(json: $0) },
        ICUWordPreTokenizer.typeName: { try ICUWordPreTokenizer(json: $0) },
        BertPreTokenizer.typeName: { try BertPreTokenizer(json: $0) },
        WhitespacePreTokenizer.typeName: { try WhitespacePreTokenizer(json: $0) },
        WhitespaceSplitPreTokenizer.typeName: { try WhitespaceSplitPreTokenizer(json: $0) },
        ByteLevelPreTokenizer.typeName: { try ByteLevelPreTokenizer(json: $0) },
        SplitPreTokenizer.typeName: { try SplitPreTokenizer(json: $0) },
    ]

    public static let models: [String: Make<any TokenModel>] = [
        WordPieceModel.typeName: { try WordPieceModel(json: $0) },
        BPEModel.typeName: { try BPEModel(json: $0) },
        WordLevelModel.typeName: { try WordLevelModel(json: $0) },
    ]

    public static let postProcessors: [String: Make<any PostProcessor>] = [
        TemplateProcessing.typeName: { try TemplateProcessing(json: $0) },
        BertProcessing.typeName: { try BertProcessing(json: $0) },
        RobertaProcessing.typeName: { try RobertaProcessing(json: $0) },
        SequenceProcessor.typeName: { try SequenceProcessor(json: $0) },
        ByteLevelPostProcessor.typeName: { try ByteLevelPostProcessor(json: $0) },
    ]

    public static let decoders: [String: Make<any Decoder>] = [
        SequenceDecoder.typeName: { try SequenceDecoder(json: $0) },
        FuseDecoder.typeName: { try FuseDecoder(json: $0) },
        StripDecoder.typeName: { try StripDecoder(json: $0) },
        ReplaceDecoder.typeName: { try ReplaceDecoder(json: $0) },
        WordPieceDecoder.typeName: { try WordPieceDecoder(json: $0) },
        ByteLevelDecoder.typeName: { try ByteLevelDecoder(json: $0) },
        BPEDecoder.typeName: { try BPEDecoder(json: $0) },
    ]

    public static func normalizer(from json: JSONValue) throws -> any Normalizer {
        try make(json, slot: "normalizer", table: normalizers)
    }
    public static func preTokenizer(from json: JSONValue) throws -> any PreTokenizer {
        try make(json, slot: "pre-tokenizer", table: preTokenizers)
    }
    public static func model(from json: JSONValue) throws -> any TokenModel {
        // HF omits "type" in some older files for BPE; it is the only model without it.
        if json["type"] == nil, json["merges"] != nil, let bpe = models["BPE"] { return try bpe(json) }
        return try make(json, slot: "model", table: models)
    }
    public static func postProcessor(from json: JSONValue) throws -> any PostProcessor {
        try make(json, slot: "post-processor", table: postProcessors)
    }
    public static func decoder(from json: JSONValue) throws -> any Decoder {
        try make(json, slot: "decoder", table: decoders)
    }

    static func make<T>(_ json: JSONValue, slot: String, table: [String: Make<T>]) throws -> T {
        guard let type = json["type"]?.stringValue else {
            throw TokenizerError.invalidArgument("\(slot) without a \"type\"")
        }
        guard let make = table[type] else {
            throw TokenizerError.invalidArgument("unsupported \(slot) type \"\(type)\"")
        }
        return try make(json)
    }
}
