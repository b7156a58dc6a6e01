/// Everything `nlp normalize` can do to a line, as one value, applied in a fixed order:
///
///  1. remove control/format characters (keeping \t \n \r),
///  2. collapse white space (every run -> one U+0020, trimmed),
///  3. strip accents (NFD, drop Mn, NFC),
///  4. case: full case folding, or locale-aware lowercasing,
///  5. the normalisation form, last, because casing and stripping can leave text unnormalised
///     (e.g. folding "ǰ" gives "ǰ", which NFC recomposes).
///
///     let n = TextNormalizer(form: .nfkc, lowercase: true, stripAccents: true)
///     n.normalize("Ｃafé  Ｎoir")  // "cafe  noir"
///
/// Steps that have nothing to do return their input unchanged (no copy), and the form step
/// proves already-normal text normal on UTF-8 without a UTF-16 round trip.
public struct TextNormalizer: Equatable, Sendable {
    /// nil leaves the normalisation form alone.
    public var form: NormalizationForm?
    public var lowercase: Bool
    /// ICU locale for `lowercase` ("tr" lowercases "I" to "ı"); "" is the root locale.
    public var locale: String
    /// Full case folding ("ß" -> "ss"); when set, it replaces `lowercase`.
    public var caseFold: Bool
    public var stripAccents: Bool
    public var removeControls: Bool
    public var collapseWhitespace: Bool

    public init(form: NormalizationForm? = .nfc, lowercase: Bool = false, locale: String = "",
                caseFold: Bool = false, stripAccents: Bool = false, removeControls: Bool = false,
                collapseWhitespace: Bool = false) {
        self.form = form
        self.lowercase = lowercase
        self.locale = locale
        self.caseFold = caseFold
        self.stripAccents = stripAccents
        self.removeControls = removeControls
        self.collapseWhitespace = collapseWhitespace
    }

    public func normalize(_ text: String) -> String {
        var text = text
        if removeControls { text = TextCleaning.removeControls(text) }
        if collapseWhitespace { text = TextCleaning.normalizeWhitespace(text) }
        if stripAccents { text = AccentStripping.stripAccents(text) }
        if caseFold {
            text = CaseMapping.fold(text)
        } else if lowercase {
            text = CaseMapping.lowercased(text, locale: locale)
        }
        if let form { text = Normalization.normalize(text, form) }
        return text
    }
}
