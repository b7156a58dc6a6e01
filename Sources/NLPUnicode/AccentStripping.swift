import CNLPUnicode

/// Removes accents the way BERT's uncased tokenizer does: decompose (NFD), drop nonspacing marks
/// (general category Mn), recompose (NFC). "Crème Brûlée" -> "Creme Brulee", "Ångström" ->
/// "Angstrom"; spacing marks (Mc, e.g. Devanagari vowel signs) stay, since dropping them changes
/// words rather than accents.
public enum AccentStripping {
    public static func stripAccents(_ text: String) -> String {
        if hasNothingToStrip(text) { return text }
        let decomposed = Normalization.normalize(text, .nfd)
        var kept = String.UnicodeScalarView()
        var dropped = false
        for scalar in decomposed.unicodeScalars {
            if GeneralCategory(scalar) == .nonspacingMark { dropped = true } else { kept.append(scalar) }
        }
        if !dropped { return Normalization.normalize(decomposed, .nfc) }
        return Normalization.normalize(String(kept), .nfc)
    }

    /// True when no scalar decomposes under NFD and none is a nonspacing mark: then NFD, the
    /// filter and NFC would give back the input, so CJK and plain text skip the UTF-16 trips.
    static func hasNothingToStrip(_ text: String) -> Bool {
        withUTF8Buffer(text) { b in
            guard let p = b.baseAddress else { return true }
            var i = UTF8Scalar.skipASCII(p, from: 0, to: b.count)
            while i < b.count {
                let s = UTF8Scalar.decode(p, i, b.count)
                i += s.length
                if s.value < 0xC0 { continue } // Latin-1 below À: no decompositions, no marks
                if cnlp_quick_check_cp(Int32(CNLP_NFD), Int32(bitPattern: s.value)) & 3 != 1 { return false }
                if let scalar = Unicode.Scalar(s.value), GeneralCategory(scalar) == .nonspacingMark { return false }
            }
            return true
        }
    }
}
