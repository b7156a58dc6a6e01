/// Trains a vocabulary on text files and returns a complete tokenizer around it, ready to be
/// written as `tokenizer.json` (what `nlp vocab train` does):
///
///     bpe        BertNormalizer (no lowercasing) + BertPreTokenizer + BPE with "</w>" word ends
///                + BPEDecoder (HF's CharBPETokenizer)
///     bytelevel  GPT-2 style: ByteLevel pre-tokenizer, byte-level BPE, ByteLevel decoder and
///                post-processor (HF's ByteLevelBPETokenizer)
///     wordpiece  uncased BERT: BertNormalizer, BertPreTokenizer, WordPiece ("##"), [CLS]/[SEP]
///                template, WordPiece decoder (HF's BertWordPieceTokenizer)
///     wordlevel  Whitespace pre-tokenizer, whole words by frequency
///
///     let tokenizer = try TokenizerTraining(algorithm: .bpe, vocabSize: 8000).train(files: ["corpus.txt"])
///     try tokenizer.write(to: "tokenizer.json")
public struct TokenizerTraining: Sendable {
    public enum Algorithm: String, Sendable, CaseIterable { case bpe, bytelevel, wordpiece, wordlevel }

    public var algorithm: Algorithm
    public var vocabSize: Int
    public var minFrequency: Int
    /// nil: the algorithm's usual ones (`defaultSpecialTokens`).
    public var specialTokens: [String]?
    public var threads: Int

    public init(algorithm: Algorithm, vocabSize: Int, minFrequency: Int = 2, specialTokens: [String]? = nil, threads: Int = 2) {
        self.algorithm = algorithm
        self.vocabSize = vocabSize
        self.minFrequency = minFrequency
        self.specialTokens = specialTokens
        self.threads = threads
    }

    public static func defaultSpecialTokens(_ algorithm: Algorithm) -> [String] {
        switch algorithm {
        case .bpe: return ["<unk>"]
        case .bytelevel: return ["<|endoftext|>"]
        case .wordpiece: return ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        case .wordlevel: return ["[UNK]"]
        }
    }

    /// `progress` hears about each phase (for a terminal display).
    public func train(files: [String], progress: (@Sendable (TrainingPhase) -> Void)? = nil) throws -> Tokenizer {
        guard vocabSize > 0 else { throw TokenizerError.invalidArgument("vocabulary size must be positive") }
        let specials = specialTokens ?? Self.defaultSpecialTokens(algorithm)
        switch algorithm {
        case .bpe:
            let normalizer = BertNormalizer(lowercase: false)
            let preTokenizer = BertPreTokenizer()
            let words = try WordCounter(preTokenizer: preTokenizer, normalizer: normalizer, threads: threads).count(files: files)
            let result = try BPETrainer(BPETrainerOptions(vocabSize: vocabSize, minFrequency: minFrequency, specialTokens: specials,
                                                          endOfWordSuffix: "</w>")).train(words, progress: progress)
            let unk = specials.contains("<unk>") ? "<unk>" : nil
            let model = try BPEModel(vocab: result.vocab, merges: result.merges,
                                     options: BPEModel.Options(unkToken: unk, endOfWordSuffix: "</w>"))
            return Tokenizer(model: model, normalizer: normalizer, preTokenizer: preTokenizer, decoder: BPEDecoder(suffix: "</w>"),
                             addedTokens: Self.addedTokens(specials, vocab: result.vocab))
        case .bytelevel:
            let preTokenizer = ByteLevelPreTokenizer(addPrefixSpace: false)
            let words = try WordCounter(preTokenizer: preTokenizer, threads: threads).count(files: files)
            let result = try BPETrainer(BPETrainerOptions(vocabSize: vocabSize, minFrequency: minFrequency, specialTokens: specials,
                                                          byteLevel: true)).train(words, progress: progress)
            let model = try BPEModel(vocab: result.vocab, merges: result.merges, options: BPEModel.Options(byteLevel: true))
            return Tokenizer(model: model, preTokenizer: preTokenizer,
                             postProcessor: ByteLevelPostProcessor(addPrefixSpace: false, trimOffsets: true),
                             decoder: ByteLevelDecoder(addPrefixSpace: false), addedTokens: Self.addedTokens(specials, vocab: result.vocab))
        case .wordpiece:
            let normalizer = BertNormalizer(lowercase: true)
            let preTokenizer = BertPreTokenizer()
            let words = try WordCounter(preTokenizer: preTokenizer, normalizer: normalizer, threads: threads).count(files: files)
            let result = try WordPieceTrainer(BPETrainerOptions(vocabSize: vocabSize, minFrequency: minFrequency, specialTokens: specials,
                                                                )).train(words, progress: progress)
            let unk = specials.first { $0.contains("UNK") || $0.contains("unk") } ?? "[UNK]"
            var tokenizer = Tokenizer(model: result.makeModel(unkToken: unk), normalizer: normalizer, preTokenizer: preTokenizer,
                                      decoder: WordPieceDecoder(), addedTokens: Self.addedTokens(specials, vocab: result.vocab))
            if let cls = result.vocab["[CLS]"], let sep = result.vocab["[SEP]"] {
                tokenizer.postProcessor = try TemplateProcessing(single: "[CLS]:0 $A:0 [SEP]:0", pair: "[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1",
                                                                 specialTokens: [("[CLS]", cls), ("[SEP]", sep)])
            }
            return tokenizer
        case .wordlevel:
            let preTokenizer = WhitespacePreTokenizer()
            let words = try WordCounter(preTokenizer: preTokenizer, threads: threads).count(files: files)
            let unk = specials.first { $0.contains("UNK") || $0.contains("unk") } ?? "[UNK]"
            let trainer = WordLevelTrainer(vocabSize: vocabSize, minFrequency: minFrequency, specialTokens: specials)
            let model = trainer.train(words, unkToken: unk)
            return Tokenizer(model: model, preTokenizer: preTokenizer, addedTokens: Self.addedTokens(specials, vocab: model.vocab))
        }
    }

    static func addedTokens(_ specials: [String], vocab: [String: Int32]) -> [AddedToken] {
        specials.compactMap { token in vocab[token].map { AddedToken(id: $0, content: token, special: true) } }
    }
}
