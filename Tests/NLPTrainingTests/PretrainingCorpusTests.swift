import Foundation
import NLPTensor
import Testing
@testable import NLPTraining

@Suite struct PretrainingCorpusTests {
    let dir = TemporaryDirectory()

    func makeCorpus(_ text: String, vocab: ToyVocabulary, options: PretrainingCorpus.Options, cursor: DataCursor? = nil,
                    files: Int = 1) throws -> PretrainingCorpus {
        // Split the paragraphs over `files` files in a folder to exercise file switching.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let per = (lines.count + files - 1) / files
        for f in 0..<files {
            let part = lines.dropFirst(f * per).prefix(per)
            dir.write("c/part\(f).txt", part.map { $0 + "\n" }.joined())
        }
        return try PretrainingCorpus(paths: [dir.path + "/c"], vocabulary: vocab.vocabulary, options: options, cursor: cursor,
                                     tokenize: vocab.tokenize)
    }

    /// Paragraph index of every non-special token of a sequence.
    func paragraphs(_ ids: [Int32], _ vocab: ToyVocabulary) -> [Int] {
        ids.compactMap { id in
            let t = vocab.tokens[Int(id)]
            guard t.hasPrefix("w") else { return nil }
            return Int(t.dropFirst().split(separator: "_")[0])!
        }
    }

    @Test func unshuffledStreamIsTheCorpusInOrderPackedWithClsAndSep() throws {
        let (text, vocab) = syntheticCorpus(paragraphs: 30, wordsPerParagraph: { 3 + $0 % 7 })
        let corpus = try makeCorpus(text, vocab: vocab, options: .init(sequenceLength: 10, shuffleBufferSize: 1, validationEvery: 0), files: 3)
        var body: [Int32] = []
        for _ in 0..<12 {
            let s = try corpus.nextSequence()
            #expect(s.count == 10 && s.first == 2 && s.last == 3)
            body += s.dropFirst().dropLast()
        }
        // Expected: the paragraphs joined with [SEP], with a separator at a sequence start dropped.
        var expected: [Int32] = []
        for line in text.split(separator: "\n") { expected += vocab.tokenize(String(line)) + [3] }
        let produced = body.filter { $0 != 3 }
        #expect(produced == Array(expected.filter { $0 != 3 }.prefix(produced.count)))
    }

    @Test func validationParagraphsNeverReachTraining() throws {
        let (text, vocab) = syntheticCorpus(paragraphs: 60, wordsPerParagraph: { 2 + $0 % 5 })
        let corpus = try makeCorpus(text, vocab: vocab, options: .init(sequenceLength: 12, shuffleBufferSize: 8, validationEvery: 5), files: 2)
        var trained = Set<Int>()
        for _ in 0..<100 { trained.formUnion(paragraphs(try corpus.nextSequence(), vocab)) }   // several epochs
        let held = Set(try corpus.validationSequences().flatMap { paragraphs($0, vocab) })
        #expect(held == Set([4, 9, 14, 19, 24, 29, 34, 39, 44, 49, 54, 59]))
        #expect(trained.isDisjoint(with: held))
        #expect(trained.count == 48)
    }

    @Test func resumingFromACursorContinuesTheExactStream() throws {
        let (text, vocab) = syntheticCorpus(paragraphs: 40, wordsPerParagraph: { 1 + $0 % 9 })
        let options = PretrainingCorpus.Options(sequenceLength: 9, shuffleBufferSize: 7, validationEvery: 6, seed: 42)
        let uninterrupted = try makeCorpus(text, vocab: vocab, options: options, files: 3)
        let reference = try (0..<80).map { _ in try uninterrupted.nextSequence() }
        for cut in [0, 1, 13, 37, 79] {
            let first = try makeCorpus(text, vocab: vocab, options: options, files: 3)
            let head = try (0..<cut).map { _ in try first.nextSequence() }
            // Through JSON, as the checkpoint stores it.
            let saved = try JSONDecoder().decode(DataCursor.self, from: JSONEncoder().encode(first.cursor))
            #expect(saved == first.cursor)
            let resumed = try makeCorpus(text, vocab: vocab, options: options, cursor: saved, files: 3)
            let tail = try (cut..<80).map { _ in try resumed.nextSequence() }
            #expect(head + tail == reference, "cut at \(cut)")
        }
    }

    @Test func shuffleDependsOnTheSeedOnly() throws {
        let (text, vocab) = syntheticCorpus(paragraphs: 40, wordsPerParagraph: { _ in 4 })
        func stream(_ seed: UInt64) throws -> [Int32] {
            let c = try makeCorpus(text, vocab: vocab, options: .init(sequenceLength: 8, shuffleBufferSize: 16, validationEvery: 0, seed: seed))
            return try c.nextSequences(20)
        }
        #expect(try stream(1) == stream(1))
        #expect(try stream(1) != stream(2))
    }

    @Test func emptyOrFullyHeldOutCorporaAreRefused() throws {
        let vocab = ToyVocabulary(words: ["a"])
        let empty = try makeCorpus("\n  \n\n", vocab: vocab, options: .init(sequenceLength: 8, validationEvery: 0))
        #expect(throws: CorpusError("corpus: no training text in \(dir.path)/c/part0.txt (empty)")) { _ = try empty.nextSequence() }
        // Text that tokenises to nothing is no training text either (and must not loop forever).
        let silent = try PretrainingCorpus(paths: [dir.path + "/c"], vocabulary: vocab.vocabulary,
                                           options: .init(sequenceLength: 8, validationEvery: 0), tokenize: { _ in [] })
        dir.write("c/part0.txt", "some words\nmore words\n")
        #expect(throws: CorpusError("corpus: no training text in \(dir.path)/c/part0.txt (no paragraph gave any token)")) {
            _ = try silent.nextSequence()
        }
    }

    @Test func validationSliceIsCappedAndKeepsAShortLastSequence() throws {
        let (text, vocab) = syntheticCorpus(paragraphs: 20, wordsPerParagraph: { _ in 3 })
        let corpus = try makeCorpus(text, vocab: vocab, options: .init(sequenceLength: 8, validationEvery: 2, maxValidationSequences: 100))
        let sequences = try corpus.validationSequences()
        // 10 held-out paragraphs of 3 words + separators = 39 stream tokens; 6 per sequence.
        #expect(sequences.dropLast().allSatisfy { $0.count == 8 })
        #expect(sequences.last!.count <= 8 && sequences.last!.first == 2 && sequences.last!.last == 3)
        #expect(Set(sequences.flatMap { paragraphs($0, vocab) }) == Set(stride(from: 1, to: 20, by: 2)))
        let capped = try makeCorpus(text, vocab: vocab, options: .init(sequenceLength: 8, validationEvery: 2, maxValidationSequences: 2))
        #expect(try capped.validationSequences().count == 2)
    }
}
