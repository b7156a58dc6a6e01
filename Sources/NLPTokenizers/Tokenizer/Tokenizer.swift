#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// A complete tokenizer, shaped like Hugging Face's: added tokens are found first, the rest of the
/// text is normalised, cut into pieces, and each piece is tokenised by the model; then truncation,
/// special tokens (post-processor) and padding. Offsets are UTF-8 byte ranges of the input.
///
///     let tokenizer = try Tokenizer(contentsOf: "tokenizer.json")
///     let e = try tokenizer.encode("Hello world!", pair: "How are you?")
///     e.tokens   // ["[CLS]", "hello", "world", "!", "[SEP]", "how", "are", "you", "?", "[SEP]"]
///     tokenizer.decode(e.ids)   // "hello world! how are you?"
public struct Tokenizer: Sendable {
    public var normalizer: (any Normalizer)? {
        didSet { addedVocabulary.refresh(normalizer: normalizer); refreshFastPaths() }
    }
    public var preTokenizer: (any PreTokenizer)? { didSet { refreshFastPaths() } }
    public var model: any TokenModel { didSet { refreshFastPaths() } }
    public var postProcessor: (any PostProcessor)?
    public var decoder: (any Decoder)?
    public private(set) var addedVocabulary: AddedVocabulary
    public var truncation: Truncation?
    public var padding: Padding?

    public init(model: any TokenModel, normalizer: (any Normalizer)? = nil, preTokenizer: (any PreTokenizer)? = nil,
                postProcessor: (any PostProcessor)? = nil, decoder: (any Decoder)? = nil,
                addedTokens: [AddedToken] = [], truncation: Truncation? = nil, padding: Padding? = nil) {
        self.model = model
        self.normalizer = normalizer
        self.preTokenizer = preTokenizer
        self.postProcessor = postProcessor
        self.decoder = decoder
        self.addedVocabulary = AddedVocabulary(addedTokens, normalizer: normalizer)
        self.truncation = truncation
        self.padding = padding
        refreshFastPaths()
    }

    /// The standard BERT pipeline runs fused in one pass over the bytes (same ids and offsets).
    private(set) var fusedBert: BertWordPieceEncoder?
    /// HF's ByteLevel `add_prefix_space`: each split that does not start with " " gets one.
    private(set) var prefixSpace = false

    private mutating func refreshFastPaths() {
        fusedBert = nil
        if let bert = normalizer as? BertNormalizer, preTokenizer is BertPreTokenizer, let wordPiece = model as? WordPieceModel {
            fusedBert = BertWordPieceEncoder(normalizer: bert, model: wordPiece)
        }
        let first = (preTokenizer as? SequencePreTokenizer)?.preTokenizers.first ?? preTokenizer
        prefixSpace = (first as? ByteLevelPreTokenizer)?.addPrefixSpace ?? false
    }

    // MARK: Added tokens

    /// Adds tokens that are never split; returns how many were new.
    @discardableResult
    public mutating func addTokens(_ contents: [String]) -> Int {
        addedVocabulary.add(contents.map { ($0, false) }, model: model, normalizer: normalizer)
    }

    /// Adds special tokens (never split, skipped by `decode(skipSpecialTokens: true)`).
    @discardableResult
    public mutating func addSpecialTokens(_ contents: [String]) -> Int {
        addedVocabulary.add(contents.map { ($0, true) }, model: model, normalizer: normalizer)
    }

    /// Replaces the whole added vocabulary (as read from a file).
    public mutating func setAddedTokens(_ tokens: [AddedToken]) {
        addedVocabulary = AddedVocabulary(tokens, normalizer: normalizer)
    }

    // MARK: Vocabulary

    public func tokenToId(_ token: String) -> Int32? {
        addedVocabulary.token(forContent: token)?.id ?? model.id(forToken: token)
    }

    public func idToToken(_ id: Int32) -> String? {
        addedVocabulary.token(forID: id)?.content ?? model.token(forID: id)
    }

    public func vocabularySize(withAddedTokens: Bool = true) -> Int {
        guard withAddedTokens else { return model.vocabularySize }
        return model.vocabularySize + addedVocabulary.tokens.filter { model.id(forToken: $0.content) == nil }.count
    }

    // MARK: Encoding

    /// Encodes one text (or a pair) the way HF's `Tokenizer.encode` does.
    /// Throws only when truncation cannot be satisfied (a stride too large for max_length).
    public func encode(_ text: String, pair: String? = nil, addSpecialTokens: Bool = true) throws -> Encoding {
        let first = encodeSequence(text)
        let second = pair.map { encodeSequence($0, sequenceID: 1) }
        return try postProcess(first, pair: second, addSpecialTokens: addSpecialTokens)
    }

    /// Encodes many texts on `threads` threads, in order, then pads them together.
    public func encodeBatch(_ texts: [String], addSpecialTokens: Bool = true, threads: Int = 2) throws -> [Encoding] {
        try encodeBatch(texts.map { ($0, nil) }, addSpecialTokens: addSpecialTokens, threads: threads)
    }

    public func encodeBatch(_ inputs: [(String, String?)], addSpecialTokens: Bool = true, threads: Int = 2) throws -> [Encoding] {
        var unpadded = self
        unpadded.padding = nil
        let results = try ParallelMap.map(inputs, threads: threads) { input in
            try unpadded.encode(input.0, pair: input.1, addSpecialTokens: addSpecialTokens)
        }
        var encodings = results
        padding?.pad(&encodings)
        return encodings
    }

    /// Ids only: `encode(text).ids` without building token strings. For many texts, an
    /// `IDEncoder` per thread (`makeIDEncoder`) is faster still: it keeps its caches.
    public func encodeIDs(_ text: String, addSpecialTokens: Bool = true) throws -> [Int32] {
        var text = text
        let sequence = text.withUTF8 { encodeSequence(bytes: $0, withTokens: false) }
        return try postProcess(sequence, pair: nil, addSpecialTokens: addSpecialTokens).ids
    }

    /// One text through added tokens, normaliser, pre-tokenizer and model; no special tokens yet.
    public func encodeSequence(_ text: String, sequenceID: Int = 0) -> Encoding {
        var text = text
        return text.withUTF8 { encodeSequence(bytes: $0, sequenceID: sequenceID) }
    }

    /// `withTokens: false` leaves every token string empty (ids and offsets are the same).
    func encodeSequence(bytes input: UnsafeBufferPointer<UInt8>, sequenceID: Int = 0, withTokens: Bool = true) -> Encoding {
        var builder = EncodingBuilder(model: model, withTokens: withTokens)
        for split in addedVocabulary.hasRawTokens ? addedVocabulary.splitRaw(input) : [.init(range: 0..<input.count, token: nil)] {
            if let token = split.token {
                // HF's token string for an added token is the text it matched (stripped spaces included).
                builder.appendAdded(token, text: String(decoding: UnsafeBufferPointer(rebasing: input[split.range]), as: UTF8.self),
                                    offsets: split.range)
                continue
            }
            if let fusedBert, !addedVocabulary.hasNormalizedTokens {
                builder.appendFused(fusedBert, UnsafeBufferPointer(rebasing: input[split.range]), base: split.range.lowerBound)
                continue
            }
            if normalizer == nil && !addedVocabulary.hasNormalizedTokens {
                // Nothing changes the text: tokenise straight from the input bytes.
                let sub = UnsafeBufferPointer(rebasing: input[split.range])
                builder.tokenizePieces(sub, range: 0..<sub.count, preTokenizer: preTokenizer, prefixSpace: prefixSpace) { $0.lowerBound + split.range.lowerBound ..< $0.upperBound + split.range.lowerBound }
                continue
            }
            var normalized = NormalizedText(bytes: Array(input[split.range]))
            normalizer?.normalize(&normalized)
            let base = split.range.lowerBound
            normalized.bytes.withUnsafeBufferPointer { buffer in
                let toOriginal = { (r: Range<Int>) -> Range<Int> in
                    let o = normalized.originalRange(of: r)
                    return o.lowerBound + base ..< o.upperBound + base
                }
                let subSplits = addedVocabulary.hasNormalizedTokens ? addedVocabulary.splitNormalized(buffer)
                    : [AddedVocabulary.Split(range: 0..<buffer.count, token: nil)]
                for sub in subSplits {
                    if let token = sub.token {
                        builder.appendAdded(token, text: String(decoding: UnsafeBufferPointer(rebasing: buffer[sub.range]), as: UTF8.self),
                                            offsets: toOriginal(sub.range))
                    } else {
                        builder.tokenizePieces(buffer, range: sub.range, preTokenizer: preTokenizer, prefixSpace: prefixSpace, toOriginal: toOriginal)
                    }
                }
            }
        }
        var encoding = builder.encoding
        if sequenceID != 0 { encoding.sequenceIDs = Array(repeating: sequenceID, count: encoding.count) }
        return encoding
    }

    /// Truncation, post-processor, padding: HF's `post_process`.
    public func postProcess(_ first: Encoding, pair: Encoding?, addSpecialTokens: Bool = true) throws -> Encoding {
        var a = first
        var b = pair
        if let truncation {
            let added = addSpecialTokens ? (postProcessor?.addedTokenCount(isPair: b != nil) ?? 0) : 0
            try truncation.truncate(&a, &b, maxLength: truncation.maxLength - added)
        }
        let processed = postProcessor.map { PostProcessing.run($0, a, pair: b, addSpecialTokens: addSpecialTokens) }
            ?? Encoding.concatenate(a, pair: b)
        var result = [processed]
        padding?.pad(&result)
        return result[0]
    }

    // MARK: Decoding

    /// Ids back to text; special added tokens are dropped unless `skipSpecialTokens` is false.
    public func decode(_ ids: [Int32], skipSpecialTokens: Bool = true) -> String {
        var tokens: [String] = []
        tokens.reserveCapacity(ids.count)
        for id in ids {
            if let added = addedVocabulary.token(forID: id) {
                if skipSpecialTokens && added.special { continue }
                tokens.append(addedVocabulary.decodedContent(forID: id) ?? added.content)
            } else if let token = model.token(forID: id) {
                tokens.append(token)
            }
        }
        return decoder.map { $0.decode(tokens) } ?? tokens.joined(separator: " ")
    }

    public func decodeBatch(_ batch: [[Int32]], skipSpecialTokens: Bool = true) -> [String] {
        batch.map { decode($0, skipSpecialTokens: skipSpecialTokens) }
    }
}

/// Collects the tokens of one sequence.
struct EncodingBuilder {
    let model: any TokenModel
    var encoding = Encoding()
    private var buffer = TokenBuffer()
    private var pieces: [Range<Int>] = []
    let withTokens: Bool

    init(model: any TokenModel, withTokens: Bool = true) {
        self.model = model
        self.withTokens = withTokens
    }

    @inline(__always)
    private func tokenString(_ id: Int32) -> String { withTokens ? model.token(forID: id) ?? "" : "" }

    mutating func appendAdded(_ token: AddedToken, text: String, offsets: Range<Int>) {
        encoding.ids.append(token.id)
        encoding.tokens.append(text)
        encoding.offsets.append(offsets)
        appendDefaults(1)
    }

    mutating func appendFused(_ encoder: BertWordPieceEncoder, _ bytes: UnsafeBufferPointer<UInt8>, base: Int) {
        buffer.removeAll()
        encoder.encode(bytes, into: &buffer)
        for k in 0..<buffer.count {
            let id = buffer.ids[k]
            encoding.ids.append(id)
            encoding.tokens.append(tokenString(id))
            encoding.offsets.append(base + Int(buffer.starts[k]) ..< base + Int(buffer.ends[k]))
        }
        appendDefaults(buffer.count)
    }

    /// Pre-tokenises `range` of `text` and runs the model on each piece. With `prefixSpace`
    /// (ByteLevel's add_prefix_space) a " " is put before text that lacks one; it maps to an
    /// empty range at the start, so "Ġhello" points at "hello" only, as in HF.
    mutating func tokenizePieces(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, preTokenizer: (any PreTokenizer)?,
                                 prefixSpace: Bool = false, toOriginal: (Range<Int>) -> Range<Int>) {
        guard !range.isEmpty else { return }
        if prefixSpace && text[range.lowerBound] != 0x20 {
            var spaced = [UInt8](repeating: 0x20, count: range.count + 1)
            spaced.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: 1).update(from: text.baseAddress! + range.lowerBound, count: range.count) }
            let start = range.lowerBound
            spaced.withUnsafeBufferPointer { shifted in
                tokenizePieces(shifted, range: 0..<shifted.count, preTokenizer: preTokenizer) { r in
                    toOriginal(start + max(r.lowerBound - 1, 0) ..< start + max(r.upperBound - 1, 0))
                }
            }
            return
        }
        pieces.removeAll(keepingCapacity: true)
        if let preTokenizer { preTokenizer.split(text, range: range, into: &pieces) } else { pieces.append(range) }
        for piece in pieces where !piece.isEmpty {
            buffer.removeAll()
            model.tokenize(UnsafeBufferPointer(rebasing: text[piece]), into: &buffer)
            for k in 0..<buffer.count {
                let id = buffer.ids[k]
                encoding.ids.append(id)
                encoding.tokens.append(tokenString(id))
                let start = piece.lowerBound + Int(buffer.starts[k])
                let end = piece.lowerBound + Int(buffer.ends[k])
                encoding.offsets.append(toOriginal(start..<end))
            }
            appendDefaults(buffer.count)
        }
    }

    private mutating func appendDefaults(_ n: Int) {
        encoding.typeIDs.append(contentsOf: repeatElement(0, count: n))
        encoding.attentionMask.append(contentsOf: repeatElement(1, count: n))
        encoding.specialTokensMask.append(contentsOf: repeatElement(0, count: n))
        encoding.sequenceIDs.append(contentsOf: repeatElement(0, count: n))
    }
}

/// Order-keeping parallel map over contiguous chunks (one per thread).
public enum ParallelMap {
    public static func map<T, R>(_ items: [T], threads: Int, _ transform: (T) throws -> R) throws -> [R] {
        let n = items.count
        let workers = max(1, min(threads, n))
        if workers == 1 { return try items.map(transform) }
        var results = [R?](repeating: nil, count: n)
        var failure: Error?
        let lock = NSLockLite()
        results.withUnsafeMutableBufferPointer { out in
            let out = out
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let lo = n * w / workers, hi = n * (w + 1) / workers
                for i in lo..<hi {
                    do { out[i] = try transform(items[i]) } catch {
                        lock.withLock { if failure == nil { failure = error } }
                        return
                    }
                }
            }
        }
        if let failure { throw failure }
        return results.map { $0! }
    }
}

/// A tiny mutex (pthread) so this module needs no Foundation for locking.
final class NSLockLite: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
