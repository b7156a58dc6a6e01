/// Removes accents the way BERT's uncased tokenizer does: decompose (NFD), drop nonspacing marks
/// (general category Mn), recompose (NFC). "Crème Brûlée" -> "Creme Brulee", "Ångström" ->
/// "Angstrom"; spacing marks (Mc, e.g. Devanagari vowel signs) stay, since dropping them changes
/// words rather than accents.
public enum AccentStripping {
    public static func stripAccents(_ text: String) -> String {
        if CaseMapping.isASCII(text) { return text }
        let decomposed = Normalization.normalize(text, .nfd)
        var kept = String.UnicodeScalarView()
        var dropped = false
        for scalar in decomposed.unicodeScalars {
            if GeneralCategory(scalar) == .nonspacingMark { dropped = true } else { kept.append(scalar) }
        }
        if !dropped { return Normalization.normalize(decomposed, .nfc) }
        return Normalization.normalize(String(kept), .nfc)
    }
}
