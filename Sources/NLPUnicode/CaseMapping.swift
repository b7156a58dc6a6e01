import CNLPUnicode

/// Full (multi-character) case mapping through ICU: `"ß"` folds to `"ss"`, `"İ"` lowercases to
/// `"i̇"` in the root locale but to `"i"` in Turkish, and `"I"` lowercases to `"ı"` in Turkish.
///
/// Folding is for comparing and indexing text ("Straße" and "STRASSE" fold alike); lowercasing is
/// for showing it and is locale-sensitive. Locales are ICU ids ("tr", "az", "lt"; "" is root).
public enum CaseMapping {
    /// Full Unicode case folding (CaseFolding.txt statuses C and F), locale-independent.
    public static func fold(_ text: String) -> String {
        if let ascii = asciiLowercasedIfASCII(text) { return ascii }
        return ICUBuffer.transform(text) { src, length, dest, capacity, status in
            cnlp_fold_case(src, length, dest, capacity, status)
        }
    }

    public static func lowercased(_ text: String, locale: String = "") -> String {
        if !hasSpecialASCIICasing(locale), let ascii = asciiLowercasedIfASCII(text) { return ascii }
        if hasNoUppercase(text) { return text }
        return locale.withCString { cLocale in
            ICUBuffer.transform(text) { src, length, dest, capacity, status in
                cnlp_to_lower(cLocale, src, length, dest, capacity, status)
            }
        }
    }

    public static func uppercased(_ text: String, locale: String = "") -> String {
        if !hasSpecialASCIICasing(locale), isASCII(text) { return text.uppercased() }
        return locale.withCString { cLocale in
            ICUBuffer.transform(text) { src, length, dest, capacity, status in
                cnlp_to_upper(cLocale, src, length, dest, capacity, status)
            }
        }
    }

    /// True when no scalar has a simple lowercase mapping, so that full, locale-aware lowercasing
    /// is the identity too: every SpecialCasing.txt lowercase rule (İ, final Σ, Lithuanian and
    /// Turkish dots) is triggered by a character that itself has a simple mapping. Lets caseless
    /// text (CJK, Thai, digits) skip ICU.
    static func hasNoUppercase(_ text: String) -> Bool {
        withUTF8Buffer(text) { b in
            guard let p = b.baseAddress else { return true }
            var i = 0
            while i < b.count {
                let s = UTF8Scalar.decode(p, i, b.count)
                if s.value < 0x80 {
                    if UInt8(s.value) &- 0x41 < 26 { return false }
                } else if cnlp_to_lower_cp(Int32(bitPattern: s.value)) != Int32(bitPattern: s.value) {
                    return false
                }
                i += s.length
            }
            return true
        }
    }

    /// Turkish and Azeri map ASCII I/i to dotless/dotted forms outside ASCII.
    static func hasSpecialASCIICasing(_ locale: String) -> Bool {
        let language = locale.lowercased().prefix { $0.isLetter }
        return language == "tr" || language == "az"
    }

    static func isASCII(_ text: String) -> Bool {
        withUTF8Buffer(text) { b in b.baseAddress.map { UTF8Scalar.skipASCII($0, from: 0, to: b.count) == b.count } ?? true }
    }

    static func asciiLowercasedIfASCII(_ text: String) -> String? {
        withUTF8Buffer(text) { b -> String? in
            guard let p = b.baseAddress else { return text }
            guard UTF8Scalar.skipASCII(p, from: 0, to: b.count) == b.count else { return nil }
            var hasUpper = false
            for byte in b where byte &- 0x41 < 26 { hasUpper = true; break }
            if !hasUpper { return text }
            return String(unsafeUninitializedCapacity: b.count) { out in
                for k in 0..<b.count { let c = b[k]; out[k] = c &- 0x41 < 26 ? c | 0x20 : c }
                return b.count
            }
        }
    }
}
