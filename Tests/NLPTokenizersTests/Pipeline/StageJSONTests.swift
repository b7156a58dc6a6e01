import Testing
@testable import NLPTokenizers

/// Every stage type reads Hugging Face's JSON and writes exactly the same JSON back.
/// The JSON strings are what `tokenizers` 0.23 writes (`tokenizer.to_str()`).
@Suite struct StageJSONTests {
    static let normalizers = [
        #"{"type":"NFC"}"#, #"{"type":"NFD"}"#, #"{"type":"NFKC"}"#, #"{"type":"NFKD"}"#,
        #"{"type":"Lowercase"}"#, #"{"type":"StripAccents"}"#,
        #"{"type":"Strip","strip_left":true,"strip_right":false}"#,
        #"{"type":"Replace","pattern":{"String":"a"},"content":"b"}"#,
        #"{"type":"Replace","pattern":{"Regex":"\\s+"},"content":" "}"#,
        #"{"type":"Prepend","prepend":"▁"}"#,
        #"{"type":"Sequence","normalizers":[{"type":"NFC"},{"type":"Lowercase"}]}"#,
        #"{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,"lowercase":true}"#,
    ]
    static let preTokenizers = [
        #"{"type":"Sequence","pretokenizers":[{"type":"Punctuation","behavior":"Isolated"},{"type":"Digits","individual_digits":false}]}"#,
        #"{"type":"Punctuation","behavior":"MergedWithNext"}"#,
        #"{"type":"Digits","individual_digits":true}"#,
        #"{"type":"BertPreTokenizer"}"#, #"{"type":"Whitespace"}"#, #"{"type":"WhitespaceSplit"}"#,
        #"{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true}"#,
        #"{"type":"ICUWord","locale":"zh"}"#,
    ]
    static let postProcessors = [
        #"{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}}],"pair":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}},{"Sequence":{"id":"B","type_id":1}},{"SpecialToken":{"id":"[SEP]","type_id":1}}],"special_tokens":{"[CLS]":{"id":"[CLS]","ids":[1],"tokens":["[CLS]"]},"[SEP]":{"id":"[SEP]","ids":[2],"tokens":["[SEP]"]}}}"#,
        #"{"type":"BertProcessing","sep":["[SEP]",2],"cls":["[CLS]",1]}"#,
        #"{"type":"RobertaProcessing","sep":["</s>",2],"cls":["<s>",0],"trim_offsets":true,"add_prefix_space":true}"#,
        #"{"type":"Sequence","processors":[{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true}]}"#,
    ]
    static let decoders = [
        #"{"type":"Sequence","decoders":[{"type":"Fuse"},{"type":"Strip","content":" ","start":1,"stop":0}]}"#,
        #"{"type":"Fuse"}"#, #"{"type":"Strip","content":" ","start":1,"stop":0}"#,
        #"{"type":"Replace","pattern":{"String":"▁"},"content":" "}"#,
        ###"{"type":"WordPiece","prefix":"##","cleanup":true}"###,
        #"{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true}"#,
        #"{"type":"BPEDecoder","suffix":"</w>"}"#,
    ]

    @Test(arguments: normalizers) func normalizer(_ text: String) throws {
        let json = try JSONValue.parse(text)
        #expect(try StageRegistry.normalizer(from: json).json == json)
    }

    @Test(arguments: preTokenizers) func preTokenizer(_ text: String) throws {
        let json = try JSONValue.parse(text)
        #expect(try StageRegistry.preTokenizer(from: json).json == json)
    }

    @Test(arguments: postProcessors) func postProcessor(_ text: String) throws {
        let json = try JSONValue.parse(text)
        #expect(try StageRegistry.postProcessor(from: json).json == json)
    }

    @Test(arguments: decoders) func decoder(_ text: String) throws {
        let json = try JSONValue.parse(text)
        #expect(try StageRegistry.decoder(from: json).json == json)
    }

    @Test func unknownTypesNameTheSlotAndTheType() throws {
        let precompiled = try JSONValue.parse(#"{"type":"Precompiled","precompiled_charsmap":""}"#)
        #expect(throws: TokenizerError.invalidArgument(#"unsupported normalizer type "Precompiled""#)) {
            try StageRegistry.normalizer(from: precompiled)
        }
        let metaspace = try JSONValue.parse(#"{"type":"Metaspace"}"#)
        #expect(throws: TokenizerError.invalidArgument(#"unsupported pre-tokenizer type "Metaspace""#)) {
            try StageRegistry.preTokenizer(from: metaspace)
        }
        #expect(throws: TokenizerError.invalidArgument(#"unsupported decoder type "Metaspace""#)) {
            try StageRegistry.decoder(from: metaspace)
        }
    }

    @Test func badFieldsAreClearErrors() throws {
        #expect(throws: TokenizerError.self) { try StageRegistry.normalizer(from: JSONValue.parse(#"{"type":"Replace","content":"x"}"#)) }
        #expect(throws: TokenizerError.self) { try StageRegistry.preTokenizer(from: JSONValue.parse(#"{"type":"Punctuation","behavior":"Sideways"}"#)) }
        #expect(throws: TokenizerError.self) { try StageRegistry.decoder(from: JSONValue.parse(#"{"type":"Strip","content":"ab","start":1,"stop":0}"#)) }
        #expect(throws: TokenizerError.self) {
            try StageRegistry.postProcessor(from: JSONValue.parse(#"{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"[X]","type_id":0}}],"pair":[],"special_tokens":{}}"#))
        }
    }
}
