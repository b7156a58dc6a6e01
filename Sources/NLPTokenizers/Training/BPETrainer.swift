/// Options of a BPE training run, named and defaulted as Hugging Face's `BpeTrainer`.
public struct BPETrainerOptions: Sendable {
    public var vocabSize = 30000
    /// A pair seen fewer times than this is never merged (HF `min_frequency`).
    public var minFrequency = 0
    /// Tokens given the first ids, in order (duplicates are kept once).
    public var specialTokens: [String] = []
    /// Keep at most this many characters in the alphabet (the most frequent ones).
    public var limitAlphabet: Int?
    /// Characters always in the alphabet, seen in the corpus or not.
    public var initialAlphabet: [Unicode.Scalar] = []
    /// Marks every symbol that does not start a word, e.g. "##" (WordPiece style).
    public var continuingSubwordPrefix: String?
    /// Marks the symbol that ends a word, e.g. "</w>".
    public var endOfWordSuffix: String?
    /// No merge creates a token longer than this many characters (see `BPEMergeLoop`).
    public var maxTokenLength: Int?
    /// Byte-level BPE: words are raw bytes, each byte a GPT-2 alphabet character, and the 256
    /// byte characters are always in the alphabet (HF: ByteLevel pre-tokenizer +
    /// `initial_alphabet=ByteLevel.alphabet()`).
    public var byteLevel = false
    /// Tests only: ids for prefixed/suffixed characters in this order (HF assigns them in
    /// hash-map order; a test replays the order of one HF run to compare merges exactly).
    var decoratedOrder: [String]?
    /// Words longer than this many symbols are merged through recorded pair positions instead
    /// of rescans (same result; tests lower it to exercise that path on short words).
    var longWordSymbols = 64
    /// Stale long-word positions are compacted away once at least this many are stored.
    var positionCompactionFloor = 1 << 16

    public init(vocabSize: Int = 30000, minFrequency: Int = 0, specialTokens: [String] = [],
                limitAlphabet: Int? = nil, initialAlphabet: [Unicode.Scalar] = [],
                continuingSubwordPrefix: String? = nil, endOfWordSuffix: String? = nil,
                maxTokenLength: Int? = nil, byteLevel: Bool = false) {
        self.vocabSize = vocabSize
        self.minFrequency = minFrequency
        self.specialTokens = specialTokens
        self.limitAlphabet = limitAlphabet
        self.initialAlphabet = initialAlphabet
        self.continuingSubwordPrefix = continuingSubwordPrefix
        self.endOfWordSuffix = endOfWordSuffix
        self.maxTokenLength = maxTokenLength
        self.byteLevel = byteLevel
    }
}

/// What training produced, as plain data: the vocabulary (special tokens first, then the
/// alphabet in code-point order, then merged tokens in the order they were made) and the merges
/// in rank order, as Hugging Face writes them into `tokenizer.json`.
public struct BPETrainingResult: Sendable {
    /// Token -> id by bytes (canonically-equivalent tokens such as "K" and "K" stay distinct).
    public var vocab: Vocabulary
    public var merges: [(String, String)]
    public var specialTokens: [String]
    /// Token strings in id order (`tokens[id]`).
    public var tokens: [String]
    public var continuingSubwordPrefix: String?
    public var endOfWordSuffix: String?
    /// Tokens spell bytes with GPT-2's byte characters.
    public var byteLevel: Bool
}

/// Where a training run is, for progress display.
public enum TrainingPhase: Sendable {
    case countingWords(bytesRead: Int, totalBytes: Int)
    case countingPairs(words: Int)
    case merging(done: Int, total: Int)
}

/// Learns a BPE vocabulary with Hugging Face `BpeTrainer` semantics (see `BPEMergeLoop` for
/// the merge rules and why its tie-breaks equal HF's).
///
///     let words = try WordCounter(preTokenizer: WhitespacePreTokenizer()).count(files: ["a.txt"])
///     let result = try BPETrainer(BPETrainerOptions(vocabSize: 8000, minFrequency: 2,
///                                                   specialTokens: ["[UNK]"])).train(words)
///     result.merges.first   // ("t", "h")
public struct BPETrainer: Sendable {
    public var options: BPETrainerOptions

    public init(_ options: BPETrainerOptions = BPETrainerOptions()) { self.options = options }

    public func train(_ words: ByteStringCounter,
                      progress: (@Sendable (TrainingPhase) -> Void)? = nil) throws -> BPETrainingResult {
        var vocabulary = TrainingVocabulary()
        for token in options.specialTokens { _ = vocabulary.intern(Array(token.utf8), length: 1) }
        let specialCount = vocabulary.count

        // Words as sequences of alphabet characters (byte-level: one GPT-2 character per byte).
        var corpus = TrainingWords(words, byteLevel: options.byteLevel)

        // 1. The alphabet: every character weighted by the counts of the words it occurs in.
        var initial = options.initialAlphabet.map(\.value)
        if options.byteLevel { initial += TrainingByteAlphabet.scalars }
        let alphabet = corpus.alphabet(initial: initial, limit: options.limitAlphabet)
        if options.vocabSize < specialCount + alphabet.count {
            throw TokenizerError.invalidArgument(
                "vocabulary size \(options.vocabSize) is smaller than the alphabet (\(alphabet.count) characters) plus \(specialCount) special tokens; use at least \(specialCount + alphabet.count)")
        }
        for scalar in alphabet {
            var bytes: [UInt8] = []
            UTF8Decoding.encode(Unicode.Scalar(scalar)!, into: &bytes)
            _ = vocabulary.intern(bytes, length: 1)
        }

        // 2. Symbol ids for every word, with prefix/suffix variants as HF's `tokenize_words`.
        let symbols = corpus.symbolize(vocabulary: &vocabulary,
                                       prefix: options.continuingSubwordPrefix.map { Array($0.utf8) },
                                       suffix: options.endOfWordSuffix.map { Array($0.utf8) },
                                       order: options.decoratedOrder)
        progress?(.countingPairs(words: corpus.wordCount))
        corpus = TrainingWords()  // free the scalars before the merge loop's arrays exist

        // 3. Merges.
        var loop = BPEMergeLoop(symbols: consume symbols, vocabulary: vocabulary, options: options)
        loop.run(progress: progress)
        return loop.result(specialTokens: Array(vocabulary.strings[0..<specialCount]), options: options)
    }

    /// Trains from a word -> count table (tests, small inputs).
    public func train(wordCounts: [String: Int]) throws -> BPETrainingResult {
        var counter = ByteStringCounter()
        for (word, count) in wordCounts { counter.add(word.utf8, count: count) }
        return try train(counter)
    }
}

/// Token strings <-> ids during training, plus each token's length in initial symbols
/// (what `max_token_length` limits).
struct TrainingVocabulary {
    var tokens: [[UInt8]] = []
    var lengths: [Int] = []
    var ids: [[UInt8]: Int32] = [:]

    var count: Int { tokens.count }
    var strings: [String] { tokens.map { String(decoding: $0, as: UTF8.self) } }

    /// The id of `bytes`, adding it with `length` when new.
    mutating func intern(_ bytes: [UInt8], length: Int) -> Int32 {
        if let id = ids[bytes] { return id }
        let id = Int32(tokens.count)
        tokens.append(bytes)
        lengths.append(length)
        ids[bytes] = id
        return id
    }
}
