import NLPTensor

/// The pretraining data stream: corpus files read line by line in chunks (never whole),
/// one paragraph per line, tokenised, packed into `[CLS] ... [SEP]` sequences of
/// `sequenceLength`, shuffled through a buffer, and repeated epoch after epoch.
///
/// Held-out slice: counting non-empty lines from the start of the corpus (0, 1, 2, ...),
/// every `validationEvery`-th paragraph (index k-1, 2k-1, ...) belongs to validation and is
/// never trained on; `validationSequences()` packs those paragraphs in their own pass (up to
/// `maxValidationSequences`, the last one possibly shorter). Splitting by paragraph rather than
/// by packed sequence keeps the split identical in every epoch. With k = 20, 5% is held out.
///
///     let corpus = try PretrainingCorpus(paths: ["corpora/en"], vocabulary: vocab,
///                                        options: .init(sequenceLength: 128, seed: 1)) {
///         try tokenizer.encodeSequence($0).ids
///     }
///     let ids = try corpus.nextSequences(16)       // 16 * 128 ids
///     let saved = corpus.cursor                    // resume with PretrainingCorpus(..., cursor: saved)
public final class PretrainingCorpus {
    public struct Options: Sendable, Equatable {
        public var sequenceLength: Int
        public var shuffleBufferSize: Int
        public var validationEvery: Int
        public var maxValidationSequences: Int
        public var seed: UInt64

        public init(sequenceLength: Int = 128, shuffleBufferSize: Int = 1024, validationEvery: Int = 20,
                    maxValidationSequences: Int = 64, seed: UInt64 = 0) {
            self.sequenceLength = sequenceLength
            self.shuffleBufferSize = shuffleBufferSize
            self.validationEvery = validationEvery
            self.maxValidationSequences = maxValidationSequences
            self.seed = seed
        }
    }

    /// Paragraph text -> token ids, without special tokens (any tokenizer).
    public typealias Tokenize = (String) throws -> [Int32]

    public let files: [String]
    public let vocabulary: MLMVocabulary
    public let options: Options
    private let tokenize: Tokenize
    private var packer: SequencePacker
    private var shuffle: ShuffleBuffer
    private var position = DataCursor()
    private var reader: LineReader?

    public init(paths: [String], vocabulary: MLMVocabulary, options: Options, cursor: DataCursor? = nil,
                tokenize: @escaping Tokenize) throws {
        guard options.sequenceLength >= 3 else { throw CorpusError("sequence length \(options.sequenceLength) is too short (at least 3)") }
        guard options.shuffleBufferSize >= 1 else { throw CorpusError("shuffle buffer must hold at least one sequence") }
        guard options.validationEvery >= 0 && options.validationEvery != 1 else {
            throw CorpusError("validationEvery must be 0 (no validation) or at least 2, got \(options.validationEvery)")
        }
        files = try CorpusFiles.resolve(paths)
        self.vocabulary = vocabulary
        self.options = options
        self.tokenize = tokenize
        packer = SequencePacker(length: options.sequenceLength, cls: vocabulary.cls, sep: vocabulary.sep)
        shuffle = ShuffleBuffer(capacity: options.shuffleBufferSize, length: options.sequenceLength, seed: options.seed ^ 0x5348_5546)
        if let cursor {
            guard cursor.fileIndex >= 0 && cursor.fileIndex < files.count && cursor.byteOffset >= 0 else {
                throw CorpusError("data cursor: file \(cursor.fileIndex) of \(files.count) does not exist; is this the same corpus?")
            }
            position = cursor
            packer.pending = cursor.pending
            try shuffle.restore(storage: cursor.shuffled, random: Xoshiro256StarStar(state: cursor.shuffleRandom))
        }
    }

    /// The state to save in a checkpoint.
    public var cursor: DataCursor {
        var c = position
        c.pending = packer.pending
        c.shuffled = shuffle.storage
        c.shuffleRandom = shuffle.random.state
        return c
    }

    /// True when paragraph `index` (0-based, non-empty lines from the corpus start) is held out.
    public func isValidation(paragraph index: Int) -> Bool {
        let k = options.validationEvery
        return k > 0 && index % k == k - 1
    }

    /// The next `count` training sequences, flat (`count * sequenceLength` ids).
    public func nextSequences(_ count: Int) throws -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(count * options.sequenceLength)
        for _ in 0..<count { out += try nextSequence() }
        return out
    }

    /// The next training sequence (shuffled).
    public func nextSequence() throws -> [Int32] {
        while !shuffle.isFull { shuffle.insert(try nextPacked()) }
        position.sequencesServed += 1
        return shuffle.draw(replacingWith: try nextPacked())
    }

    /// The next packed sequence in corpus order, reading (and wrapping around) as needed.
    private func nextPacked() throws -> [Int32] {
        while true {
            if let s = packer.pop() { return s }
            try readParagraph()
        }
    }

    /// Reads lines until one training paragraph has been pushed to the packer (or the epoch ends).
    private func readParagraph() throws {
        while true {
            if reader == nil {
                reader = try LineReader(path: files[position.fileIndex], offset: position.byteOffset, lineNumber: position.lineNumber)
            }
            guard let line = try reader!.next() else {
                reader = nil
                position.fileIndex += 1
                position.byteOffset = 0
                position.lineNumber = 1
                if position.fileIndex == files.count {
                    if position.trainingTokensThisEpoch == 0 {
                        throw CorpusError("corpus: no training text in \(files.count == 1 ? files[0] : "\(files.count) files")"
                                          + (position.paragraphIndex > 0 ? " (no paragraph gave any token)" : " (empty)"))
                    }
                    position.fileIndex = 0
                    position.paragraphIndex = 0
                    position.epoch += 1
                    position.trainingTokensThisEpoch = 0
                }
                continue
            }
            position.byteOffset = line.nextOffset
            position.lineNumber = line.number + 1
            if Self.isBlank(line.bytes) { continue }
            let index = position.paragraphIndex
            position.paragraphIndex += 1
            if isValidation(paragraph: index) { continue }
            let ids = try tokenizeChecked(line.bytes, line: line.number, file: files[position.fileIndex])
            if ids.isEmpty { continue }
            position.trainingTokensThisEpoch += ids.count
            packer.push(ids)
            return
        }
    }

    /// The held-out sequences: validation paragraphs packed in corpus order, at most
    /// `maxValidationSequences`; the last may be shorter than `sequenceLength`. Empty when
    /// `validationEvery` is 0 or the corpus has fewer than k paragraphs.
    public func validationSequences() throws -> [[Int32]] {
        guard options.validationEvery > 0, options.maxValidationSequences > 0 else { return [] }
        var packer = SequencePacker(length: options.sequenceLength, cls: vocabulary.cls, sep: vocabulary.sep)
        var out: [[Int32]] = []
        var paragraph = 0
        scan: for file in files {
            let reader = try LineReader(path: file, offset: 0, lineNumber: 1)
            while let line = try reader.next() {
                if Self.isBlank(line.bytes) { continue }
                defer { paragraph += 1 }
                guard isValidation(paragraph: paragraph) else { continue }
                packer.push(try tokenizeChecked(line.bytes, line: line.number, file: file))
                while let s = packer.pop() {
                    out.append(s)
                    if out.count == options.maxValidationSequences { break scan }
                }
            }
        }
        if out.count < options.maxValidationSequences, let rest = packer.popRemainder() { out.append(rest) }
        return out
    }

    /// Token counts of the training paragraphs (validation paragraphs skipped), reading at most
    /// `maxTokens` tokens: the data for the unigram baseline. Specials are not counted.
    public func trainingTokenCounts(maxTokens: Int = 20_000_000) throws -> [Int] {
        var counts = [Int](repeating: 0, count: vocabulary.size)
        var paragraph = 0, total = 0
        scan: for file in files {
            let reader = try LineReader(path: file, offset: 0, lineNumber: 1)
            while let line = try reader.next() {
                if Self.isBlank(line.bytes) { continue }
                defer { paragraph += 1 }
                if isValidation(paragraph: paragraph) { continue }
                for id in try tokenizeChecked(line.bytes, line: line.number, file: file) where !vocabulary.isSpecial[Int(id)] {
                    counts[Int(id)] += 1
                    total += 1
                }
                if total >= maxTokens { break scan }
            }
        }
        return counts
    }

    private func tokenizeChecked(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, file: String) throws -> [Int32] {
        let ids = try tokenize(String(decoding: bytes, as: UTF8.self))
        for id in ids where id < 0 || Int(id) >= vocabulary.size {
            throw CorpusError("\(file): line \(line): tokenizer produced id \(id) outside the vocabulary of \(vocabulary.size)")
        }
        return ids
    }

    /// A line of only spaces/tabs is not a paragraph.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
