import Foundation
@testable import NLPTokenizers

/// The committed MiniLM vocabulary and HF reference lines (scripts/reference/make_wordpiece_reference.py).
enum WordPieceFixtures {
    static func path(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw TokenizerError.invalidArgument("missing fixture \(name)")
        }
        return url.path
    }

    static let model: WordPieceModel? = try? WordPieceModel(vocabFile: path("minilm-vocab.txt"))

    struct Line {
        let text: String
        let ids: [Int32]
        let offsets: [Range<Int>]
    }

    static func referenceLines() throws -> [Line] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path("wordpiece-reference.jsonl")))
        return try data.split(separator: UInt8(ascii: "\n")).map { row in
            let json = try JSONValue.parse(Array(row))
            let ids = (json["ids"]?.arrayValue ?? []).compactMap { $0.intValue.map(Int32.init) }
            let offsets = (json["offsets"]?.arrayValue ?? []).compactMap { pair -> Range<Int>? in
                guard let a = pair.arrayValue?[0].intValue, let b = pair.arrayValue?[1].intValue else { return nil }
                return a..<b
            }
            return Line(text: json["text"]?.stringValue ?? "", ids: ids, offsets: offsets)
        }
    }

    /// The general pipeline, stage by stage, as the Tokenizer facade runs it.
    static func encodeGeneral(_ text: String, normalizer: BertNormalizer, model: WordPieceModel)
        -> (ids: [Int32], offsets: [Range<Int>]) {
        var normalized = NormalizedText(text)
        normalizer.normalize(&normalized)
        var ids: [Int32] = []
        var offsets: [Range<Int>] = []
        normalized.bytes.withUnsafeBufferPointer { buffer in
            var pieces: [Range<Int>] = []
            BertPreTokenizer().split(buffer, range: 0..<buffer.count, into: &pieces)
            for piece in pieces {
                var tokens = TokenBuffer()
                model.tokenize(UnsafeBufferPointer(rebasing: buffer[piece]), into: &tokens)
                for k in 0..<tokens.count {
                    ids.append(tokens.ids[k])
                    let start = piece.lowerBound + Int(tokens.starts[k]), end = piece.lowerBound + Int(tokens.ends[k])
                    offsets.append(normalized.originalRange(of: start..<end))
                }
            }
        }
        return (ids, offsets)
    }

    static func encodeFused(_ text: String, encoder: BertWordPieceEncoder) -> (ids: [Int32], offsets: [Range<Int>]) {
        var tokens = TokenBuffer()
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { encoder.encode(UnsafeBufferPointer($0), into: &tokens) }
        return (tokens.ids, (0..<tokens.count).map { Int(tokens.starts[$0])..<Int(tokens.ends[$0]) })
    }
}
