import NLPUnicode

/// What every turn does to the user's text before anything else looks at it.
public enum ChatText {
    /// Messages longer than this many UTF-8 bytes are cut (at a character boundary) before
    /// classification and slot extraction, so a pasted megabyte costs milliseconds, not seconds,
    /// and no regular expression can backtrack over it. Nobody asks a bank bot 4 KB of question.
    public static let maximumBytes = 4096

    private static let display = TextNormalizer(form: .nfkc, removeControls: true, collapseWhitespace: true)
    private static let matching = TextNormalizer(form: .nfkc, caseFold: true, stripAccents: true,
                                                 removeControls: true, collapseWhitespace: true)

    /// NFKC (full-width ＡＢＣ and ① become ABC and 1), controls removed, white space collapsed.
    public static func normalize(_ text: String) -> String { display.normalize(text) }

    /// `normalize` plus case folding and accent stripping: the form features and synonyms compare.
    public static func matchingForm(_ text: String) -> String { matching.normalize(text) }

    /// The first `maximumBytes` of `text`, cut before a character that would straddle the limit.
    public static func truncated(_ text: String) -> (text: String, wasCut: Bool) {
        let utf8 = text.utf8
        guard utf8.count > maximumBytes else { return (text, false) }
        let scalars = text.unicodeScalars
        var end = scalars.startIndex, bytes = 0
        for s in scalars {
            bytes += UTF8.width(s)
            if bytes > maximumBytes { break }
            end = scalars.index(after: end)
        }
        return (String(scalars[..<end]), true)
    }

    /// True when the text has Han characters: the reply then uses the `_zh` variants.
    public static func containsHan(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isHan)
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0xF900...0xFAFF, 0x2A700...0x2EBEF: return true
        default: return false
        }
    }

    /// The locale to answer in: the first of the bot's other locales whose script the text uses
    /// (only Chinese is detected), else the default one.
    public static func locale(of text: String, among locales: [String]) -> String {
        let preferred = locales.first ?? "en"
        if locales.contains("zh") && containsHan(text) { return "zh" }
        return preferred
    }
}
