import NLPTokenizers
import Testing
@testable import NLPTraining

/// Training targets longer than --target-len end at a sentence end when one leaves at least a
/// third of the limit; otherwise they are cut hard.
@Suite struct SummaryTruncationTests {
    // 1 = ".", 2 = "?", 3 = closing quote; other ids are words.
    let cut = SummaryTruncation(sentenceEnds: [1, 2], closers: [3])

    @Test func cutsAfterTheLastSentenceEndThatFits() {
        let ids: [Int32] = [10, 11, 12, 1, 13, 14, 15, 2, 16, 17, 18, 19]
        #expect(cut.truncate(ids, limit: 10) == [10, 11, 12, 1, 13, 14, 15, 2])
        #expect(cut.truncate(ids, limit: 7) == [10, 11, 12, 1])
        #expect(cut.truncate(ids, limit: 12) == ids)   // fits: unchanged
        #expect(cut.truncate(ids, limit: 40) == ids)
    }

    @Test func keepsAClosingQuoteWithItsSentence() {
        let ids: [Int32] = [10, 11, 1, 3, 12, 13, 14, 15]
        #expect(cut.truncate(ids, limit: 6) == [10, 11, 1, 3])
        #expect(cut.truncate(ids, limit: 3) == [10, 11, 1])   // the quote does not fit
    }

    @Test func cutsHardWhenTheFirstSentenceIsTooLong() {
        let ids: [Int32] = [10, 1, 11, 12, 13, 14, 15, 16, 17, 18, 19]
        #expect(cut.truncate(ids, limit: 9) == Array(ids.prefix(9)))   // "10 ." is under a third
        #expect(cut.truncate([10, 11, 12, 13, 14], limit: 3) == [10, 11, 12])
    }

    @Test func aDecimalPointIsNotASentenceEnd() {
        let numbers = SummaryTruncation(sentenceEnds: [1], digits: [20, 21])
        // "10 11 . 12 13 . 20 . 21 14": the "." in "20 . 21" (39.5) is not a place to cut.
        #expect(numbers.truncate([10, 11, 1, 12, 13, 1, 20, 1, 21, 14], limit: 9) == [10, 11, 1, 12, 13, 1])
        #expect(numbers.droppingUnfinishedSentence([10, 11, 1, 12, 20, 1, 21]) == [10, 11, 1])
        // Ending on "20 ." is a finished sentence ("in 2004.") unless the article has "20 . 21" (39.5).
        #expect(numbers.droppingUnfinishedSentence([10, 11, 1, 12, 20, 1], article: [12, 20, 1, 13]) == [10, 11, 1, 12, 20, 1])
        #expect(numbers.droppingUnfinishedSentence([10, 11, 1, 12, 20, 1], article: [12, 20, 1, 21, 13]) == [10, 11, 1])
    }

    @Test func dropsTheUnfinishedLastSentenceOfASummaryCutByTheLengthLimit() {
        #expect(cut.droppingUnfinishedSentence([10, 11, 12, 1, 13, 14]) == [10, 11, 12, 1])
        #expect(cut.droppingUnfinishedSentence([10, 11, 12, 1, 3, 13]) == [10, 11, 12, 1, 3])
        #expect(cut.droppingUnfinishedSentence([10, 11, 12, 1]) == [10, 11, 12, 1])          // finished
        #expect(cut.droppingUnfinishedSentence([10, 1, 11, 12, 13, 14, 15]) == [10, 1, 11, 12, 13, 14, 15])  // "10 ." is under a third
        #expect(cut.droppingUnfinishedSentence([]) == [])
    }

    @Test func findsTheSentenceEndsOfAWordPieceVocabulary() throws {
        let vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "court", "ruled", ".", "it", "was", "\"", "?"]
        let tokenizer = try Tokenizer.bert(vocab: Dictionary(uniqueKeysWithValues: vocab.enumerated().map { ($1, Int32($0)) }))
        let fromVocab = SummaryTruncation(tokenizer: tokenizer)
        #expect(fromVocab.sentenceEnds == [7, 11])
        #expect(fromVocab.closers == [10])
        #expect(fromVocab.digits.isEmpty)
        let ids = try tokenizer.encodeIDs("the court ruled. it was the court", addSpecialTokens: false)
        #expect(tokenizer.decode(fromVocab.truncate(ids, limit: 6), skipSpecialTokens: true) == "the court ruled.")
    }
}
