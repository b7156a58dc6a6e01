/// The Porter stemmer exactly as NLTK's `PorterStemmer()` (mode NLTK_EXTENSIONS), which is what
/// Google's `rouge-score` uses with `use_stemmer=True`. Works on lowercase ASCII bytes (the ROUGE
/// tokenizer only produces [a-z0-9]+ tokens).
///
///     PorterStemmer.stem("running")    // "run"
///     PorterStemmer.stem("generously") // "gener"
///     PorterStemmer.stem("dying")      // "die"   (NLTK's irregular forms)
///
/// Each step mirrors NLTK's `_stepN` method; the comments name NLTK's deviations from the paper.
public enum PorterStemmer {
    typealias Word = [UInt8]

    static let irregular: [String: String] = [
        "sky": "sky", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "news": "news",
        "innings": "inning", "inning": "inning", "outings": "outing", "outing": "outing",
        "cannings": "canning", "canning": "canning", "howe": "howe", "proceed": "proceed",
        "exceed": "exceed", "succeed": "succeed",
    ]

    public static func stem(_ word: String) -> String {
        if let s = irregular[word] { return s }
        let w = Word(word.utf8)
        if w.count <= 2 { return word }
        var s = step1a(w)
        s = step1b(s)
        s = step1c(s)
        s = step2(s)
        s = step3(s)
        s = step4(s)
        s = step5a(s)
        s = step5b(s)
        return String(decoding: s, as: UTF8.self)
    }

    // MARK: - Letter classes

    @inline(__always) static func isVowelLetter(_ b: UInt8) -> Bool {
        b == 0x61 || b == 0x65 || b == 0x69 || b == 0x6F || b == 0x75  // a e i o u
    }

    /// A 'y' is a consonant iff it starts the word or follows a vowel (NLTK `_is_consonant`).
    static func isConsonant(_ w: Word, _ i: Int) -> Bool {
        if isVowelLetter(w[i]) { return false }
        if w[i] == 0x79 {
            var i = i
            var negate = false
            while i > 0 && w[i] == 0x79 {
                negate.toggle()
                i -= 1
            }
            return !isVowelLetter(w[i]) != negate
        }
        return true
    }

    static func consonantFlags(_ w: ArraySlice<UInt8>) -> [Bool] {
        var flags: [Bool] = []
        flags.reserveCapacity(w.count)
        for (k, b) in w.enumerated() {
            if isVowelLetter(b) { flags.append(false) } else if b == 0x79 { flags.append(k == 0 ? true : !flags[k - 1]) } else { flags.append(true) }
        }
        return flags
    }

    /// m in [C](VC){m}[V]: the number of vowel-to-consonant transitions.
    static func measure(_ w: ArraySlice<UInt8>) -> Int {
        let f = consonantFlags(w)
        var m = 0
        if f.count >= 2 {
            for k in 1..<f.count where !f[k - 1] && f[k] { m += 1 }
        }
        return m
    }

    static func measure(_ w: Word) -> Int { measure(w[...]) }

    static func containsVowel(_ w: Word) -> Bool { consonantFlags(w[...]).contains(false) }

    static func endsDoubleConsonant(_ w: Word) -> Bool {
        w.count >= 2 && w[w.count - 1] == w[w.count - 2] && isConsonant(w, w.count - 1)
    }

    /// *o: consonant-vowel-consonant, the last not w, x or y; NLTK also accepts a 2-letter
    /// vowel-consonant word.
    static func endsCVC(_ w: Word) -> Bool {
        let n = w.count
        if n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1)
            && w[n - 1] != 0x77 && w[n - 1] != 0x78 && w[n - 1] != 0x79 { return true }
        return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1)
    }

    static func endsWith(_ w: Word, _ suffix: String) -> Bool {
        let s = Array(suffix.utf8)
        return w.count >= s.count && w[(w.count - s.count)...].elementsEqual(s)
    }

    static func dropping(_ w: Word, _ count: Int) -> Word { Word(w[..<(w.count - count)]) }

    // MARK: - Rule lists

    enum Condition {
        case none
        case positiveMeasure
        case measureAbove1
        case custom((Word) -> Bool)

        func holds(_ stem: Word) -> Bool {
            switch self {
            case .none: return true
            case .positiveMeasure: return PorterStemmer.measure(stem) > 0
            case .measureAbove1: return PorterStemmer.measure(stem) > 1
            case .custom(let f): return f(stem)
            }
        }
    }

    /// NLTK `_apply_rule_list`: the first rule whose suffix matches decides; if its condition
    /// fails the word is returned unchanged (later rules are not tried).
    static func applyRules(_ w: Word, _ rules: [(String, String, Condition)]) -> Word {
        for (suffix, replacement, condition) in rules {
            if suffix == "*d" {
                if endsDoubleConsonant(w) {
                    let stem = dropping(w, 2)
                    return condition.holds(stem) ? stem + Array(replacement.utf8) : w
                }
                continue
            }
            if endsWith(w, suffix) {
                let stem = dropping(w, suffix.utf8.count)
                return condition.holds(stem) ? stem + Array(replacement.utf8) : w
            }
        }
        return w
    }

    // MARK: - Steps

    static func step1a(_ w: Word) -> Word {
        if endsWith(w, "ies") && w.count == 4 { return dropping(w, 3) + Array("ie".utf8) }  // NLTK: "ties" -> "tie"
        return applyRules(w, [("sses", "ss", .none), ("ies", "i", .none), ("ss", "ss", .none), ("s", "", .none)])
    }

    static func step1b(_ w: Word) -> Word {
        if endsWith(w, "ied") {  // NLTK: "died" -> "die", "spied" -> "spi"
            return dropping(w, 3) + Array((w.count == 4 ? "ie" : "i").utf8)
        }
        if endsWith(w, "eed") {
            let stem = dropping(w, 3)
            return measure(stem) > 0 ? stem + Array("ee".utf8) : w
        }
        var intermediate: Word?
        for suffix in ["ed", "ing"] where endsWith(w, suffix) {
            let stem = dropping(w, suffix.utf8.count)
            if containsVowel(stem) {
                intermediate = stem
                break
            }
        }
        guard let stem = intermediate else { return w }
        let last = stem.last!
        return applyRules(stem, [
            ("at", "ate", .none), ("bl", "ble", .none), ("iz", "ize", .none),
            ("*d", String(UnicodeScalar(last)), .custom { _ in last != 0x6C && last != 0x73 && last != 0x7A }),
            ("", "e", .custom { measure($0) == 1 && endsCVC($0) }),
        ])
    }

    /// NLTK: y -> i only after a consonant that is not the word's first letter.
    static func step1c(_ w: Word) -> Word {
        applyRules(w, [("y", "i", .custom { $0.count > 1 && isConsonant($0, $0.count - 1) })])
    }

    static func step2(_ w: Word) -> Word {
        if endsWith(w, "alli") && measure(dropping(w, 4)) > 0 {
            return step2(dropping(w, 4) + Array("al".utf8))
        }
        let p = Condition.positiveMeasure
        return applyRules(w, [
            ("ational", "ate", p), ("tional", "tion", p), ("enci", "ence", p), ("anci", "ance", p),
            ("izer", "ize", p), ("bli", "ble", p), ("alli", "al", p), ("entli", "ent", p), ("eli", "e", p),
            ("ousli", "ous", p), ("ization", "ize", p), ("ation", "ate", p), ("ator", "ate", p),
            ("alism", "al", p), ("iveness", "ive", p), ("fulness", "ful", p), ("ousness", "ous", p),
            ("aliti", "al", p), ("iviti", "ive", p), ("biliti", "ble", p), ("fulli", "ful", p),
            // NLTK tests the measure of the word minus "ogi" (keeping the 'l').
            ("logi", "log", .custom { _ in measure(dropping(w, 3)) > 0 }),
        ])
    }

    static func step3(_ w: Word) -> Word {
        let p = Condition.positiveMeasure
        return applyRules(w, [("icate", "ic", p), ("ative", "", p), ("alize", "al", p), ("iciti", "ic", p),
                              ("ical", "ic", p), ("ful", "", p), ("ness", "", p)])
    }

    static func step4(_ w: Word) -> Word {
        let m = Condition.measureAbove1
        return applyRules(w, [
            ("al", "", m), ("ance", "", m), ("ence", "", m), ("er", "", m), ("ic", "", m), ("able", "", m),
            ("ible", "", m), ("ant", "", m), ("ement", "", m), ("ment", "", m), ("ent", "", m),
            ("ion", "", .custom { measure($0) > 1 && ($0.last == 0x73 || $0.last == 0x74) }),
            ("ou", "", m), ("ism", "", m), ("ate", "", m), ("iti", "", m), ("ous", "", m), ("ive", "", m), ("ize", "", m),
        ])
    }

    static func step5a(_ w: Word) -> Word {
        guard w.last == 0x65 else { return w }
        let stem = dropping(w, 1)
        let m = measure(stem)
        if m > 1 { return stem }
        if m == 1 && !endsCVC(stem) { return stem }
        return w
    }

    static func step5b(_ w: Word) -> Word {
        applyRules(w, [("ll", "l", .custom { _ in measure(dropping(w, 1)) > 1 })])
    }
}
