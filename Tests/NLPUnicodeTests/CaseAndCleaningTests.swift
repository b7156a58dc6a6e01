import Testing
@testable import NLPUnicode

struct CaseAndCleaningTests {
    @Test func caseFoldingIsFull() {
        #expect(CaseMapping.fold("Straße") == "strasse")
        #expect(CaseMapping.fold("STRASSE") == CaseMapping.fold("straße"))
        #expect(CaseMapping.fold("ΣΊΣΥΦΟΣ") == "σίσυφοσ") // final sigma folds to σ
        #expect(CaseMapping.fold("ﬁ") == "fi")
        #expect(CaseMapping.fold("ASCII Only") == "ascii only")
    }

    @Test func turkishCasingDotsItsIs() {
        #expect(CaseMapping.lowercased("DIŞ İŞLER", locale: "tr") == "dış işler")
        #expect(CaseMapping.uppercased("istanbul ılık", locale: "tr") == "İSTANBUL ILIK")
        #expect(CaseMapping.lowercased("I", locale: "tr") == "ı") // ASCII input takes no shortcut
        #expect(CaseMapping.lowercased("I") == "i")
        #expect(CaseMapping.lowercased("İ") == "i\u{307}") // root keeps the dot as a combining mark
        #expect(CaseMapping.lowercased("ΟΔΟΣ") == "οδος")  // final sigma in context
        #expect(CaseMapping.uppercased("straße") == "STRASSE")
    }

    @Test func stripsAccentsButNotLetters() {
        #expect(AccentStripping.stripAccents("Crème Brûlée à la carte") == "Creme Brulee a la carte")
        #expect(AccentStripping.stripAccents("Ångström e\u{301}") == "Angstrom e")
        #expect(AccentStripping.stripAccents("ß Ø ł 中文") == "ß Ø ł 中文") // no decomposition: unchanged
        #expect(AccentStripping.stripAccents("한국어") == "한국어")           // Hangul recomposes
        #expect(AccentStripping.stripAccents("हिन्दी") == "हिनदी")          // virama (Mn) goes, vowel sign (Mc) stays
    }

    @Test func removesControlAndFormatCharacters() {
        #expect(TextCleaning.removeControls("a\u{0}b\u{7}c\u{7F}d\u{85}e") == "abcde")
        #expect(TextCleaning.removeControls("tab\tnl\ncr\r") == "tab\tnl\ncr\r")
        #expect(TextCleaning.removeControls("zero\u{200B}width\u{FEFF}bom\u{AD}shy") == "zerowidthbomshy")
        #expect(TextCleaning.removeControls("clean") == "clean")
    }

    @Test func normalizesWhitespace() {
        #expect(TextCleaning.normalizeWhitespace("  a\u{3000}\u{A0} b\n\t c\u{2028}") == "a b c")
        #expect(TextCleaning.normalizeWhitespace("already normal") == "already normal")
        #expect(TextCleaning.normalizeWhitespace(" \t ") == "")
        #expect(TextCleaning.normalizeWhitespace("") == "")
    }

    @Test func transliterates() throws {
        let t = try Transliterator("Any-Latin; Latin-ASCII")
        #expect(t.transliterate("Москва") == "Moskva")
        #expect(t.transliterate("Ελλάδα") == "Ellada")
        #expect(t.transliterate("北京") == "bei jing")
        #expect(throws: ICUError.self) { try Transliterator("No-Such-Transform") }
    }

    @Test func normalizerCombinesOptions() {
        let cli = TextNormalizer(form: .nfkc, lowercase: true, stripAccents: true)
        #expect(cli.normalize("Ｃafé Ｎoir ①") == "cafe noir 1")
        let full = TextNormalizer(form: .nfc, caseFold: true, stripAccents: true, removeControls: true, collapseWhitespace: true)
        #expect(full.normalize("  Straße\u{200B}  Über\u{0}\t ") == "strasse uber")
        #expect(TextNormalizer(form: .nfd).normalize("é") == "e\u{301}")
        #expect(TextNormalizer(form: nil).normalize("e\u{301}") == "e\u{301}")
        #expect(TextNormalizer(lowercase: true, locale: "tr").normalize("KIZ") == "kız")
    }

    @Test func quickCheckProvesNormalTextWithoutICU() {
        #expect(Normalization.quickCheck("café 中文 😀", .nfc) == .yes)
        #expect(Normalization.quickCheck("cafe\u{301}", .nfc) == .maybe)
        #expect(Normalization.quickCheck("café", .nfd) == .no)
        #expect(Normalization.quickCheck("ﬁ", .nfkc) == .no)
        #expect(Normalization.quickCheck("a\u{316}\u{301}", .nfd) == .yes)
        #expect(Normalization.quickCheck("a\u{301}\u{316}", .nfd) == .no) // marks out of canonical order
        #expect(Normalization.normalize("a\u{301}\u{316}", .nfd) == "a\u{316}\u{301}")
    }
}
