import Foundation

/// Finds slot values in a message:
///
///     "I lost my visa card ending in 4821"  -> card_type = visa, card_last4 = 4821
///     "send £250 to Alice Smith"            -> amount = £250, payee = Alice Smith
///
/// A `pattern` slot's value is its first non-empty capture group (or the whole match), trimmed of
/// spaces and final punctuation; patterns are case-insensitive unless `case_sensitive: true`.
/// A `values` slot yields the canonical value of the first synonym found in the case-folded,
/// accent-stripped text (the longest one at that place); synonyms that start or end with a letter or digit must stand as whole
/// words ("mc" does not match inside "mcdonald's"); others (Chinese, "€") match anywhere.
/// When a slot was just asked for, its `answer_pattern` is tried first, so "4821" alone fills it.
public struct SlotExtractor {
    struct Compiled {
        var pattern: NSRegularExpression?
        var answerPattern: NSRegularExpression?
        /// Folded synonym, canonical value, whole-word edges.
        var synonyms: [(text: String, canonical: String, wordStart: Bool, wordEnd: Bool)]
    }

    let slots: [String: Compiled]

    public init(_ definitions: [String: SlotDefinition]) throws {
        var slots: [String: Compiled] = [:]
        for (name, slot) in definitions {
            let options: NSRegularExpression.Options = slot.caseSensitive ? [] : [.caseInsensitive]
            var synonyms: [(text: String, canonical: String, wordStart: Bool, wordEnd: Bool)] = []
            for (canonical, words) in slot.values {
                for word in words {
                    let folded = ChatText.matchingForm(word)
                    guard let first = folded.unicodeScalars.first, let last = folded.unicodeScalars.last else { continue }
                    synonyms.append((folded, canonical, Self.isWordScalar(first), Self.isWordScalar(last)))
                }
            }
            slots[name] = Compiled(
                pattern: try slot.pattern.map { try NSRegularExpression(pattern: $0, options: options) },
                answerPattern: try slot.answerPattern.map { try NSRegularExpression(pattern: $0, options: [.caseInsensitive]) },
                synonyms: synonyms)
        }
        self.slots = slots
    }

    /// The value of `slot` in `text`, if any; `asAnswer` when the bot has just asked for it.
    public func value(of slot: String, in text: String, asAnswer: Bool = false) -> String? {
        guard let compiled = slots[slot] else { return nil }
        if asAnswer, let regex = compiled.answerPattern, let v = Self.firstMatch(regex, text) { return v }
        if let regex = compiled.pattern, let v = Self.firstMatch(regex, text) { return v }
        if !compiled.synonyms.isEmpty { return Self.synonymMatch(compiled.synonyms, ChatText.matchingForm(text)) }
        return nil
    }

    /// Every slot of `names` found in `text`.
    public func values(of names: [String], in text: String) -> [String: String] {
        var out: [String: String] = [:]
        for name in names { if let v = value(of: name, in: text) { out[name] = v } }
        return out
    }

    static func firstMatch(_ regex: NSRegularExpression, _ text: String) -> String? {
        let ns = text as NSString
        guard let match = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        var range = match.range
        for group in stride(from: 1, to: match.numberOfRanges, by: 1) where match.range(at: group).location != NSNotFound && match.range(at: group).length > 0 {
            range = match.range(at: group)
            break
        }
        let value = ns.substring(with: range).trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".,!?;:。，！？")))
        return value.isEmpty ? nil : value
    }

    /// The synonym found earliest in the text; at the same place, the longest ("visa debit" over "visa").
    static func synonymMatch(_ synonyms: [(text: String, canonical: String, wordStart: Bool, wordEnd: Bool)], _ folded: String) -> String? {
        var best: (at: String.Index, length: Int, canonical: String)? = nil
        for synonym in synonyms {
            var searchStart = folded.startIndex
            while let range = folded.range(of: synonym.text, options: [.literal], range: searchStart..<folded.endIndex) {
                if let best, range.lowerBound > best.at { break }
                let before = range.lowerBound > folded.startIndex ? folded.unicodeScalars[folded.unicodeScalars.index(before: range.lowerBound)] : nil
                let after = range.upperBound < folded.endIndex ? folded.unicodeScalars[range.upperBound] : nil
                let startOK = !synonym.wordStart || before.map { !isWordScalar($0) } ?? true
                let endOK = !synonym.wordEnd || after.map { !isWordScalar($0) } ?? true
                if startOK && endOK {
                    let length = synonym.text.utf8.count
                    if best == nil || range.lowerBound < best!.at || (range.lowerBound == best!.at && length > best!.length) {
                        best = (range.lowerBound, length, synonym.canonical)
                    }
                    break
                }
                searchStart = folded.index(after: range.lowerBound)
            }
        }
        return best?.canonical
    }

    /// Letters and digits outside the Han block: the characters that make up space-separated words.
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        (s.properties.isAlphabetic || s.properties.numericType != nil) && !ChatText.isHan(s)
    }
}
