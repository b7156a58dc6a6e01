/// Hugging Face's `WordPieceTrainer`: BPE training with the continuing-subword prefix "##"
/// (so merges learn word-internal pieces as "##ing"), whose vocabulary becomes the WordPiece
/// vocabulary (merges are dropped: WordPiece encodes by greedy longest match).
///
///     let model = try WordPieceTrainer(BPETrainerOptions(vocabSize: 8000, specialTokens: ["[UNK]"]))
///         .train(words).makeModel(unkToken: "[UNK]")
public struct WordPieceTrainer: Sendable {
    public var options: BPETrainerOptions

    /// `options.continuingSubwordPrefix` defaults to "##" when nil, as in HF.
    public init(_ options: BPETrainerOptions = BPETrainerOptions()) {
        var options = options
        if options.continuingSubwordPrefix == nil { options.continuingSubwordPrefix = "##" }
        self.options = options
    }

    public func train(_ words: ByteStringCounter,
                      progress: (@Sendable (TrainingPhase) -> Void)? = nil) throws -> WordPieceTrainingResult {
        let bpe = try BPETrainer(options).train(words, progress: progress)
        return WordPieceTrainingResult(vocab: bpe.vocab, tokens: bpe.tokens, specialTokens: bpe.specialTokens,
                                       continuingSubwordPrefix: options.continuingSubwordPrefix ?? "##")
    }
}

/// A trained WordPiece vocabulary as plain data.
public struct WordPieceTrainingResult: Sendable {
    public var vocab: Vocabulary
    /// Token strings in id order.
    public var tokens: [String]
    public var specialTokens: [String]
    public var continuingSubwordPrefix: String

    public func makeModel(unkToken: String = "[UNK]", maxInputCharsPerWord: Int = 100) -> WordPieceModel {
        WordPieceModel(vocab: vocab, unkToken: unkToken, continuingSubwordPrefix: continuingSubwordPrefix,
                       maxInputCharsPerWord: maxInputCharsPerWord)
    }
}
