/// Reads a reply to a yes/no question: "yes", "yes please", "ok go ahead", "nope", "no, wait",
/// "好的", "不用了". A message counts when it is one of the bot's yes/no words, or starts with one
/// followed by a space or punctuation (Chinese words need no separator). When a yes word and a
/// no word both start the message, the longer match wins; a tie reads as yes.
enum YesNo {
    enum Answer { case yes, no }

    static func read(_ text: String, yes: [String], no: [String]) -> Answer? {
        let folded = ChatText.matchingForm(text)
        let y = longestPrefix(folded, yes), n = longestPrefix(folded, no)
        switch (y, n) {
        case (nil, nil): return nil
        case (.some, nil): return .yes
        case (nil, .some): return .no
        case let (a?, b?): return a >= b ? .yes : .no
        }
    }

    /// The length of the longest word of `words` that `text` starts with, on a word boundary.
    static func longestPrefix(_ text: String, _ words: [String]) -> Int? {
        var best: Int? = nil
        for word in words {
            let w = ChatText.matchingForm(word)
            guard !w.isEmpty, text.hasPrefix(w) else { continue }
            let rest = text.unicodeScalars.dropFirst(w.unicodeScalars.count)
            let boundary = rest.first.map { !SlotExtractor.isWordScalar($0) || ChatText.isHan($0) } ?? true
            let hanWord = w.unicodeScalars.last.map(ChatText.isHan) ?? false
            if boundary || hanWord { best = max(best ?? 0, w.unicodeScalars.count) }
        }
        return best
    }
}
