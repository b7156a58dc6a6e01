import Foundation
import Testing
@testable import NLPTokenizers

/// Our BPE trainer against Hugging Face's BpeTrainer on the same corpus and options.
/// Cases HF itself trains identically in every run must match exactly (merge order, tie-breaks,
/// ids); for the others (prefix/suffix: HF numbers the decorated characters in hash-map order)
/// the vocabulary and the set of merges must match.
struct BPETrainerParityTests {
    static let cases = ["plain", "special_minfreq", "limit_alphabet", "initial_alphabet", "suffix", "prefix",
                        "max_token_length", "byte_level", "byte_level_minfreq"]

    @Test(arguments: cases)
    func matchesHuggingFace(_ name: String) throws {
        let reference = try #require(try TrainingFixtures.reference()[name])
        var options = TrainingFixtures.options(try #require(reference["options"]))
        if reference["deterministic"]?.boolValue != true {
            // Replay the ids HF's run gave the prefixed/suffixed characters (they come right
            // after the special tokens and the alphabet, in HF's hash-map order).
            let byID = (reference["vocab"]?.objectValue ?? []).sorted { $0.1.intValue! < $1.1.intValue! }.map(\.0)
            let isDecorated = { (token: String) -> Bool in
                let p = options.continuingSubwordPrefix ?? "", x = options.endOfWordSuffix ?? ""
                // Compare scalars: "##" + U+0301 is one grapheme "#", "#́", so String.hasPrefix fails.
                return token.unicodeScalars.starts(with: p.unicodeScalars)
                    && token.unicodeScalars.reversed().starts(with: x.unicodeScalars.reversed())
                    && token.unicodeScalars.count == p.unicodeScalars.count + x.unicodeScalars.count + 1
            }
            var first = options.specialTokens.count
            while !isDecorated(byID[first]) { first += 1 }
            var end = first
            while end < byID.count && isDecorated(byID[end]) { end += 1 }
            let decorated = byID[first..<end].map { ($0, JSONValue.int(0)) }
            options.decoratedOrder = decorated.map(\.0)
        }
        for threads in [1, 2] {
            let counter = WordCounter(preTokenizer: WhitespacePreTokenizer(), threads: threads, chunkBytes: 512)
            let words = try counter.count(files: [TrainingFixtures.corpusPath])
            let result = try BPETrainer(options).train(words)

            let expectedMerges = try #require(reference["merges"]?.arrayValue).map { pair -> [String] in
                (pair.arrayValue ?? []).compactMap(\.stringValue)
            }
            let merges = result.merges.map { [$0.0, $0.1] }
            var expectedVocab: [String: Int32] = [:]
            for (token, id) in try #require(reference["vocab"]?.objectValue) { expectedVocab[token] = Int32(id.intValue!) }

            if reference["deterministic"]?.boolValue == true || options.decoratedOrder != nil {
                #expect(merges.count == expectedMerges.count, "\(name): merge count")
                let firstDifference = (0..<min(merges.count, expectedMerges.count)).first { merges[$0] != expectedMerges[$0] }
                if let d = firstDifference { print("OURS", merges[max(0, d - 6)..<min(merges.count, d + 4)], "\nHF  ", expectedMerges[max(0, d - 6)..<min(expectedMerges.count, d + 4)]) }
                #expect(firstDifference == nil, "\(name): first differing merge at \(firstDifference ?? -1): \(firstDifference.map { "\(merges[$0]) vs \(expectedMerges[$0])" } ?? "")")
                #expect(result.vocab == expectedVocab, "\(name): vocabulary ids")
            } else {
                // HF's own runs differ here: our merges and tokens must include what every HF run
                // produced and only contain what some HF run produced.
                func strings(_ key: String) -> Set<String> {
                    Set((reference[key]?.arrayValue ?? []).map { item in
                        item.arrayValue.map { $0.compactMap(\.stringValue).joined(separator: " ") } ?? item.stringValue ?? ""
                    })
                }
                let ours = Set(merges.map { $0.joined(separator: " ") })
                #expect(strings("merges_in_every_run").subtracting(ours).isEmpty, "\(name): a merge every HF run made is missing")
                #expect(ours.subtracting(strings("merges_in_some_run")).isEmpty, "\(name): a merge no HF run made: \(ours.subtracting(strings("merges_in_some_run")))")
                let tokens = Set(result.vocab.keys)
                #expect(strings("tokens_in_every_run").subtracting(tokens).isEmpty, "\(name): a token every HF run made is missing")
                #expect(tokens.subtracting(strings("tokens_in_some_run")).isEmpty, "\(name): a token no HF run made")
            }
            #expect(result.vocab.count == expectedVocab.count)
        }
    }
}
