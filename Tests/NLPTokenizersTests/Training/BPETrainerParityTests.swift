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
            options.decoratedOrder = TrainingFixtures.decoratedOrder(reference, options)
        }
        // Threads 1 and 2; then every word of 2+ symbols down the long-word path, with stale
        // positions compacted at 40 different moments (floors 11, 22 and 29 once caught a
        // compaction in the middle of a merge dropping a live position).
        for (threads, longWord, floor) in [(1, 64, 1 << 16), (2, 64, 1 << 16)] + (1...40).map({ (1, 1, $0) }) {
            options.longWordSymbols = longWord
            options.positionCompactionFloor = floor
            let counter = WordCounter(preTokenizer: WhitespacePreTokenizer(), threads: threads, chunkBytes: 512)
            let words = try counter.count(files: [TrainingFixtures.corpusPath])
            let result = try BPETrainer(options).train(words)

            let expectedMerges = try #require(reference["merges"]?.arrayValue).map { pair -> [String] in
                (pair.arrayValue ?? []).compactMap(\.stringValue)
            }
            let merges = result.merges.map { [$0.0, $0.1] }
            var expectedVocab = Vocabulary()
            for (token, id) in try #require(reference["vocab"]?.objectValue) { expectedVocab.insert(token, id: Int32(id.intValue!)) }

            if reference["deterministic"]?.boolValue == true || options.decoratedOrder != nil {
                #expect(merges.count == expectedMerges.count, "\(name): merge count")
                let firstDifference = (0..<min(merges.count, expectedMerges.count)).first { merges[$0] != expectedMerges[$0] }
                #expect(firstDifference == nil, "\(name), \(threads) threads, long words from \(longWord) symbols, compaction floor \(floor): first differing merge at \(firstDifference ?? -1): \(firstDifference.map { "\(merges[$0]) vs \(expectedMerges[$0])" } ?? "")")
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
                let tokens = Set(result.vocab.tokens)
                #expect(strings("tokens_in_every_run").subtracting(tokens).isEmpty, "\(name): a token every HF run made is missing")
                #expect(tokens.subtracting(strings("tokens_in_some_run")).isEmpty, "\(name): a token no HF run made")
            }
            #expect(result.vocab.count == expectedVocab.count)
        }
    }
}

/// The trained vocabulary, loaded into BPEModel, encodes as HF's trained tokenizer does.
struct BPETrainedModelTests {
    @Test(arguments: ["plain", "special_minfreq", "limit_alphabet", "max_token_length", "byte_level", "suffix"])
    func encodesLikeHuggingFace(_ name: String) throws {
        let reference = try #require(try TrainingFixtures.reference()[name])
        let options = TrainingFixtures.options(try #require(reference["options"]))
        let words = try WordCounter(preTokenizer: WhitespacePreTokenizer()).count(files: [TrainingFixtures.corpusPath])
        let model = try BPETrainer(options).train(words).makeModel()
        for item in try #require(reference["encodings"]?.arrayValue) {
            let text = try #require(item["text"]?.stringValue)
            let expected = (item["ids"]?.arrayValue ?? []).compactMap { $0.intValue.map(Int32.init) }
            let bytes = Array(text.utf8)
            var pieces: [Range<Int>] = []
            var output = TokenBuffer()
            bytes.withUnsafeBufferPointer { buffer in
                WhitespacePreTokenizer().split(buffer, range: 0..<buffer.count, into: &pieces)
                for piece in pieces { model.tokenize(UnsafeBufferPointer(rebasing: buffer[piece]), into: &output) }
            }
            if name == "suffix" {
                // Suffix ids depend on HF's run order; compare the token strings instead.
                let vocab = try #require(reference["vocab"]?.objectValue)
                var byID: [Int: String] = [:]
                for (token, id) in vocab { byID[id.intValue!] = token }
                #expect(output.ids.map { model.token(forID: $0) } == expected.map { byID[Int($0)] }, "\(name): \(text)")
            } else {
                #expect(output.ids == expected, "\(name): \(text)")
            }
        }
    }

    @Test func refusesAVocabularySmallerThanTheAlphabet() throws {
        let options = BPETrainerOptions(vocabSize: 5, specialTokens: ["[UNK]", "[PAD]"])
        #expect(throws: TokenizerError.invalidArgument(
            "vocabulary size 5 is smaller than the alphabet (4 characters) plus 2 special tokens; use at least 6")) {
            try BPETrainer(options).train(wordCounts: ["abcd": 3, "dab": 1])
        }
    }

    @Test func hfUnitTestExample() throws {
        // tokenizers/src/models/bpe/trainer.rs `test_train`: min_frequency 2 gives "re", "are", "is".
        let words = ["roses": 1, "are": 2, "red": 1, "voilets": 1, "blue": 1, "BERT": 1, "is": 2, "big": 1,
                     "and": 1, "so": 1, "GPT-2": 1]
        let result = try BPETrainer(BPETrainerOptions(minFrequency: 2)).train(wordCounts: words)
        #expect(result.merges.map { "\($0.0) \($0.1)" } == ["r e", "a re", "i s"])
        #expect(result.vocab["-"] == 0 && result.vocab["v"] == 21 && result.vocab["re"] == 22
                && result.vocab["are"] == 23 && result.vocab["is"] == 24 && result.vocab.count == 25)
    }
}
