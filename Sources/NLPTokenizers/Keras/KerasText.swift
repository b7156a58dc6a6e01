/// A string compared and hashed by its exact scalars, as Python compares `str`.
/// (Swift's `String ==` treats canonically equivalent text as equal: "é" == "e\u{301}";
/// Keras counts them as two words, and so must we.)
struct ExactString: Hashable {
    let string: String
    init(_ string: String) { self.string = string }
    static func == (a: ExactString, b: ExactString) -> Bool { a.string.utf8.elementsEqual(b.string.utf8) }
    func hash(into hasher: inout Hasher) {
        for byte in string.utf8 { hasher.combine(byte) }
    }
}

/// Python's text helpers that Keras's Tokenizer is built from.
public enum KerasText {
    /// Keras's default filters: basic ASCII punctuation, tab and newline (not the apostrophe).
    public static let defaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"

    /// `keras.preprocessing.text.text_to_word_sequence`: lowercase (optional), every filter
    /// character becomes `split`, split on `split`, drop empty strings.
    ///
    ///     textToWordSequence("Hello, World!  It's me.") == ["hello", "world", "it's", "me"]
    public static func textToWordSequence(_ text: String, filters: String = defaultFilters,
                                          lower: Bool = true, split: String = " ") -> [String] {
        let source = lower ? pythonLower(text) : text
        let filterSet = Set(filters.unicodeScalars)
        var translated = String.UnicodeScalarView()
        for scalar in source.unicodeScalars {
            if filterSet.contains(scalar) { translated.append(contentsOf: split.unicodeScalars) } else { translated.append(scalar) }
        }
        return pythonSplit(String(translated), separator: split).filter { !$0.isEmpty }
    }

    /// Python's `str.split(sep)` with an explicit separator (exact scalar match, keeps empties).
    static func pythonSplit(_ text: String, separator: String) -> [String] {
        let sep = Array(separator.unicodeScalars)
        precondition(!sep.isEmpty, "empty separator")
        let scalars = Array(text.unicodeScalars)
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == sep[0] && i + sep.count <= scalars.count && Array(scalars[i..<(i + sep.count)]) == sep {
                parts.append(String(current))
                current = String.UnicodeScalarView()
                i += sep.count
            } else {
                current.append(scalars[i])
                i += 1
            }
        }
        parts.append(String(current))
        return parts
    }

    /// Python's `str.lower()`: full Unicode lowercase mappings ("İ" -> "i̇") and the Final_Sigma
    /// rule ("ΟΔΟΣ" -> "οδος").
    public static func pythonLower(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            if scalar == "\u{3A3}" {
                out.append(isFinalSigma(scalars, i) ? "\u{3C2}" : "\u{3C3}")
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// \p{cased} \p{case-ignorable}* Σ !(\p{case-ignorable}* \p{cased}), as CPython checks it.
    private static func isFinalSigma(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        var j = i - 1
        while j >= 0 && s[j].properties.isCaseIgnorable { j -= 1 }
        guard j >= 0 && s[j].properties.isCased else { return false }
        j = i + 1
        while j < s.count && s[j].properties.isCaseIgnorable { j += 1 }
        return j == s.count || !s[j].properties.isCased
    }
}
