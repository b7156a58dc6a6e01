import NLPTokenizers
import Testing
@testable import NLPTraining

/// Generated summaries come out in the article's spelling: copied runs keep its capitals,
/// brackets, hyphens and currency signs; generated words go through the WordPiece decoder.
@Suite struct ArticleSpellingTests {
    static let words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "accused", "were", "altria", "group", "(", "aig", ")", "and",
                        "rj", "reynolds", "said", ".", "among", "ex", "-", "chief", "£", "155", "##bn", "a", "fine", "of", "it", "paid"]
    static let tokenizer = try! Tokenizer.bert(vocab: Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, Int32($0)) }))

    func spell(_ article: String, _ summary: String) throws -> String {
        let t = Self.tokenizer
        let spelling = ArticleSpelling(article: article, encoding: try t.encode(article, addSpecialTokens: false), tokenizer: t)
        return spelling.spell(try t.encodeIDs(summary, addSpecialTokens: false))
    }

    @Test func copiedRunsKeepTheArticlesSpelling() throws {
        let article = "Among the accused were Altria Group (AIG) and RJ Reynolds.\n\nThe ex-chief paid a fine of £155bn."
        #expect(try spell(article, "the accused were altria group ( aig ) said") == "The accused were Altria Group (AIG) said")
        #expect(try spell(article, "rj reynolds paid a fine of £155bn .") == "RJ Reynolds paid a fine of £155bn.")
        // "The" began a sentence in the article; mid-summary it is the common word "the".
        #expect(try spell(article, "altria said the ex - chief paid") == "Altria said the ex-chief paid")
        // A run across the paragraph break is written with one space.
        #expect(try spell(article, "rj reynolds . the ex - chief") == "RJ Reynolds. The ex-chief")
        // A run that continues past a headline (a line without closing punctuation) gets a full stop there.
        #expect(try spell("Altria paid\n\nThe ex-chief said it.", "altria paid the ex - chief said") == "Altria paid. The ex-chief said")
    }

    @Test func tokensAbsentFromTheArticleAreDecoded() throws {
        #expect(try spell("It paid.", "it said ( aig ) paid") == "It said ( aig ) paid")
        #expect(try spell("", "the fine") == "The fine")
        #expect(try spell("Altria paid.", "") == "")
    }
}
