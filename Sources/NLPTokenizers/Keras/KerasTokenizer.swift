/// Keras's `Tokenizer` (keras.preprocessing.text), behaviour for behaviour: a word-level
/// vocabulary ranked by frequency, for turning texts into integer sequences.
///
/// - Words come from `KerasText.textToWordSequence` (lowercase, filters -> split, split), or
///   are the characters of the text with `charLevel` (lowercased, no filtering).
/// - `wordIndex` ranks words by count, ties in order of first appearance (Python's stable
///   sort); index 0 is never used; `oovToken`, when set, takes index 1.
/// - With `numWords`, only indices below `numWords` are produced: others are dropped, or
///   become the OOV index when `oovToken` is set.
///
///     let t = KerasTokenizer(numWords: 3, oovToken: "<OOV>")
///     t.fitOnTexts(["the cat sat", "the dog"])    // wordIndex: <OOV> 1, the 2, cat 3, sat 4, dog 5
///     t.textsToSequences(["the cat ran"])         // [[2, 1, 1]]
public final class KerasTokenizer {
    public var numWords: Int?
    public var filters: String
    public var lower: Bool
    public var split: String
    public var charLevel: Bool
    public var oovToken: String?
    public internal(set) var documentCount: Int

    // Python dicts keep insertion order: each is a key list plus an exact-string index.
    var countKeys: [String] = []
    var counts: [ExactString: Int] = [:]
    var docKeys: [String] = []
    var docs: [ExactString: Int] = [:]
    var indexKeys: [String] = []
    var index: [ExactString: Int] = [:]
    /// index_word and index_docs, in their insertion order.
    var indexWordPairs: [(Int, String)] = []
    var indexDocsPairs: [(Int, Int)] = []

    public init(numWords: Int? = nil, filters: String = KerasText.defaultFilters, lower: Bool = true,
                split: String = " ", charLevel: Bool = false, oovToken: String? = nil, documentCount: Int = 0) {
        self.numWords = numWords
        self.filters = filters
        self.lower = lower
        self.split = split
        self.charLevel = charLevel
        self.oovToken = oovToken
        self.documentCount = documentCount
    }

    // MARK: Keras attributes

    /// `word_counts`, in first-appearance order.
    public var wordCounts: [(word: String, count: Int)] { countKeys.map { ($0, counts[ExactString($0)]!) } }
    /// `word_docs`: in how many documents each word appears (first-appearance order; Keras's
    /// own order here is Python set order, which varies from run to run).
    public var wordDocs: [(word: String, documents: Int)] { docKeys.map { ($0, docs[ExactString($0)]!) } }
    /// `word_index` in rank order.
    public var wordIndexInOrder: [(word: String, index: Int)] { indexKeys.map { ($0, index[ExactString($0)]!) } }
    /// `word_index` as a dictionary (Swift `String` keys merge canonically equivalent words;
    /// use `index(of:)` for exact look-ups).
    public var wordIndex: [String: Int] {
        var result: [String: Int] = [:]
        for (word, i) in wordIndexInOrder where result[word] == nil { result[word] = i }
        return result
    }
    public var indexWord: [Int: String] { Dictionary(indexWordPairs, uniquingKeysWith: { _, last in last }) }
    public var indexDocs: [Int: Int] { Dictionary(indexDocsPairs, uniquingKeysWith: { _, last in last }) }

    public func index(of word: String) -> Int? { index[ExactString(word)] }

    // MARK: fitting

    /// The words Keras sees in one text.
    public func words(in text: String) -> [String] {
        if charLevel {
            return (lower ? KerasText.pythonLower(text) : text).unicodeScalars.map { String($0) }
        }
        return KerasText.textToWordSequence(text, filters: filters, lower: lower, split: split)
    }

    /// `fit_on_texts`: counts words and documents, then re-ranks the whole vocabulary.
    public func fitOnTexts(_ texts: [String]) {
        for text in texts { fit(words: words(in: text)) }
        rebuildIndex()
    }

    /// `fit_on_texts` with pre-split texts (Keras accepts lists of tokens): lowercased when
    /// `lower`, never filtered.
    public func fitOnTexts(tokenized texts: [[String]]) {
        for text in texts { fit(words: lower ? text.map(KerasText.pythonLower) : text) }
        rebuildIndex()
    }

    private func fit(words: [String]) {
        documentCount += 1
        var seen = Set<ExactString>()
        for word in words {
            let key = ExactString(word)
            if let c = counts[key] { counts[key] = c + 1 } else { counts[key] = 1; countKeys.append(word) }
        }
        for word in words where seen.insert(ExactString(word)).inserted {
            let key = ExactString(word)
            if let c = docs[key] { docs[key] = c + 1 } else { docs[key] = 1; docKeys.append(word) }
        }
    }

    private func rebuildIndex() {
        // Python: sorted(..., key=count, reverse=True) is stable, so ties keep first appearance.
        let ranked = countKeys.enumerated().sorted { a, b in
            let ca = counts[ExactString(a.element)]!, cb = counts[ExactString(b.element)]!
            return ca != cb ? ca > cb : a.offset < b.offset
        }.map(\.element)
        let vocabulary = (oovToken.map { [$0] } ?? []) + ranked
        // dict(zip(vocabulary, 1...)): a repeated key keeps its first position, takes the last index.
        indexKeys = []
        index = [:]
        for (i, word) in vocabulary.enumerated() {
            let key = ExactString(word)
            if index[key] == nil { indexKeys.append(word) }
            index[key] = i + 1
        }
        indexWordPairs = indexKeys.map { (index[ExactString($0)]!, $0) }
        var docsByIndex: [(Int, Int)] = []
        var position: [Int: Int] = [:]
        for word in docKeys {
            let i = index[ExactString(word)]!
            let c = docs[ExactString(word)]!
            if let p = position[i] { docsByIndex[p].1 = c } else { position[i] = docsByIndex.count; docsByIndex.append((i, c)) }
        }
        indexDocsPairs = docsByIndex
    }

    /// `fit_on_sequences`: counts, per index, the documents it appears in (for tf-idf).
    public func fitOnSequences(_ sequences: [[Int]]) {
        var position: [Int: Int] = [:]
        for (p, pair) in indexDocsPairs.enumerated() { position[pair.0] = p }
        for sequence in sequences {
            documentCount += 1
            var seen = Set<Int>()
            for i in sequence where seen.insert(i).inserted {
                if let p = position[i] { indexDocsPairs[p].1 += 1 } else { position[i] = indexDocsPairs.count; indexDocsPairs.append((i, 1)) }
            }
        }
    }

    // MARK: conversion

    private var oovIndex: Int? { oovToken.flatMap { index[ExactString($0)] } }

    /// `texts_to_sequences`.
    public func textsToSequences(_ texts: [String]) -> [[Int]] {
        texts.map { sequence(for: words(in: $0)) }
    }

    /// `texts_to_sequences` for pre-split texts (lowercased when `lower`).
    public func textsToSequences(tokenized texts: [[String]]) -> [[Int]] {
        texts.map { sequence(for: lower ? $0.map(KerasText.pythonLower) : $0) }
    }

    private func sequence(for words: [String]) -> [Int] {
        let limit = numWords ?? 0
        let oov = oovIndex
        var out: [Int] = []
        for word in words {
            if let i = index[ExactString(word)] {
                if limit != 0 && i >= limit {
                    if let oov { out.append(oov) }
                } else {
                    out.append(i)
                }
            } else if oovToken != nil, let oov {
                out.append(oov)
            }
        }
        return out
    }

    /// `sequences_to_texts`: indices back to words joined by single spaces.
    public func sequencesToTexts(_ sequences: [[Int]]) -> [String] {
        let limit = numWords ?? 0
        let words = indexWord
        let oovWord = oovIndex.flatMap { words[$0] }
        return sequences.map { sequence in
            var out: [String] = []
            for i in sequence {
                if let word = words[i] {
                    if limit != 0 && i >= limit {
                        if let oovWord { out.append(oovWord) }
                    } else {
                        out.append(word)
                    }
                } else if oovToken != nil, let oovWord {
                    out.append(oovWord)
                }
            }
            return out.joined(separator: " ")
        }
    }
}
