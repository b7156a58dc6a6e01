/// Ids only, as fast as the pipeline allows: what `nlp tokenize --format ids` runs per line.
/// The ids always equal `tokenizer.encode(text, addSpecialTokens:).ids` (a test checks the
/// reference lines, with added and special tokens in the text); no token string is ever built.
///
/// The facade picks the path once:
/// - BPE with no normaliser (tiktoken files, GPT-2 vocab.json, byte-level tokenizer.json):
///   `ByteLevelEncoder` (hand-written GPT-2 split, piece cache) on the text between added tokens;
/// - the standard BERT pipeline: the fused `BertWordPieceEncoder`, between added tokens;
/// - anything else: the general pipeline without token strings.
/// Special tokens: post-processors only wrap a single sequence (`[CLS] $A [SEP]`), so the wrap
/// is found once by probing the post-processor, then added as a prefix and suffix of ids.
/// Truncation or padding, or a post-processor that does not wrap, take the general route.
///
/// One encoder per thread (it owns a cache and scratch memory):
///
///     var encoder = tokenizer.makeIDEncoder()
///     try encoder.encode("Hello world!")   // [101, 7592, 2088, 999, 102]
public struct IDEncoder {
    public let tokenizer: Tokenizer
    public let addSpecialTokens: Bool
    private var byteLevel: ByteLevelEncoder?
    private let bert: BertWordPieceEncoder?
    /// nil: post-processing needs the general route (truncation, padding, unusual processor).
    private let wrap: (prefix: [Int32], suffix: [Int32])?
    private var buffer = TokenBuffer()
    /// Read once: copying the added vocabulary per line costs retains and releases.
    private let hasAddedTokens: Bool

    public init(tokenizer: Tokenizer, addSpecialTokens: Bool = true) {
        self.tokenizer = tokenizer
        self.addSpecialTokens = addSpecialTokens
        bert = tokenizer.addedVocabulary.hasNormalizedTokens ? nil : tokenizer.fusedBert
        byteLevel = IDEncoder.byteLevelEncoder(for: tokenizer)
        wrap = IDEncoder.probeWrap(tokenizer, addSpecialTokens: addSpecialTokens)
        hasAddedTokens = tokenizer.addedVocabulary.hasRawTokens || tokenizer.addedVocabulary.hasNormalizedTokens
    }

    /// Which path runs: "bytelevel", "bert" or "general" (for benchmarks and tests).
    public var path: String { byteLevel != nil ? "bytelevel" : bert != nil ? "bert" : "general" }

    public mutating func encode(_ text: String) throws -> [Int32] {
        var ids: [Int32] = []
        var text = text
        try text.withUTF8 { try encode($0, into: &ids) }
        return ids
    }

    /// Appends the ids of `text` (UTF-8) to `ids`.
    public mutating func encode(_ text: UnsafeBufferPointer<UInt8>, into ids: inout [Int32]) throws {
        guard let wrap else {
            let sequence: Encoding
            if byteLevel != nil || bert != nil {
                var fast: [Int32] = []
                appendSequence(text, into: &fast)
                sequence = Encoding(ids: fast, tokens: Array(repeating: "", count: fast.count),
                                    offsets: Array(repeating: 0..<0, count: fast.count))
            } else {
                sequence = tokenizer.encodeSequence(bytes: text, withTokens: false)
            }
            ids.append(contentsOf: try tokenizer.postProcess(sequence, pair: nil, addSpecialTokens: addSpecialTokens).ids)
            return
        }
        ids.append(contentsOf: wrap.prefix)
        appendSequence(text, into: &ids)
        ids.append(contentsOf: wrap.suffix)
    }

    /// The ids of one sequence before post-processing.
    private mutating func appendSequence(_ text: UnsafeBufferPointer<UInt8>, into ids: inout [Int32]) {
        guard byteLevel != nil || bert != nil else {
            ids.append(contentsOf: tokenizer.encodeSequence(bytes: text, withTokens: false).ids)
            return
        }
        guard hasAddedTokens else {
            appendModelIDs(text, into: &ids)
            return
        }
        let added = tokenizer.addedVocabulary
        if !added.rawMayMatch(text) && !added.normalizedMayMatch(text) {
            appendModelIDs(text, into: &ids)  // most lines: no byte that starts an added token
            return
        }
        for split in added.hasRawTokens ? added.splitRaw(text) : [.init(range: 0..<text.count, token: nil)] {
            if let token = split.token { ids.append(token.id); continue }
            let segment = UnsafeBufferPointer(rebasing: text[split.range])
            guard added.hasNormalizedTokens else { appendModelIDs(segment, into: &ids); continue }
            // Only without a normaliser (byte-level): the "normalised" text is the text itself.
            for sub in added.splitNormalized(segment) {
                if let token = sub.token { ids.append(token.id) } else { appendModelIDs(UnsafeBufferPointer(rebasing: segment[sub.range]), into: &ids) }
            }
        }
    }

    @inline(__always)
    private mutating func appendModelIDs(_ text: UnsafeBufferPointer<UInt8>, into ids: inout [Int32]) {
        if byteLevel != nil {
            byteLevel!.encode(text, into: &ids)
        } else if let bert {
            buffer.removeAll()
            bert.encode(text, into: &buffer)
            ids.append(contentsOf: buffer.ids)
        }
    }

    /// ByteLevelEncoder computes what the general path computes when nothing rewrites the text
    /// before the pre-tokenizer and no prefix space is added.
    static func byteLevelEncoder(for tokenizer: Tokenizer) -> ByteLevelEncoder? {
        guard tokenizer.normalizer == nil, !tokenizer.prefixSpace, let model = tokenizer.model as? BPEModel, !model.usesDropout, let pre = tokenizer.preTokenizer else { return nil }
        if let byteLevel = pre as? ByteLevelPreTokenizer, byteLevel.useRegex {
            return ByteLevelEncoder(model: model)  // nil pre-tokenizer: the hand-written GPT-2 split
        }
        return ByteLevelEncoder(model: model, preTokenizer: pre)
    }

    /// Prefix and suffix ids that post-processing puts around any single sequence, or nil.
    static func probeWrap(_ tokenizer: Tokenizer, addSpecialTokens: Bool) -> (prefix: [Int32], suffix: [Int32])? {
        guard tokenizer.truncation == nil, tokenizer.padding == nil else { return nil }
        guard tokenizer.postProcessor != nil else { return ([], []) }
        func processed(_ ids: [Int32]) -> [Int32]? {
            let probe = Encoding(ids: ids, tokens: ids.map { _ in "" }, offsets: ids.map { _ in 0..<0 })
            return try? tokenizer.postProcess(probe, pair: nil, addSpecialTokens: addSpecialTokens).ids
        }
        let a: Int32 = -1_000_001, b: Int32 = -1_000_002
        guard let one = processed([a]), let at = one.firstIndex(of: a), one.lastIndex(of: a) == at else { return nil }
        let prefix = Array(one[..<at]), suffix = Array(one[(at + 1)...])
        guard processed([a, b]) == prefix + [a, b] + suffix, processed([]) == prefix + suffix else { return nil }
        return (prefix, suffix)
    }
}

extension IDEncoder {
    /// `nlp tokenize --format ids`: the ids of every line of `paths` (standard input when empty),
    /// one output line per input line, on `threads` threads with one encoder each. Not generic,
    /// so the hot loop is compiled for exactly this state.
    public static func streamLines(paths: [String], tokenizer: Tokenizer, addSpecialTokens: Bool, lossy: Bool = false,
                                   threads: Int = 2, output: OutputBuffer) throws {
        final class Worker {
            var encoder: IDEncoder
            var ids: [Int32] = []
            init(_ encoder: IDEncoder) { self.encoder = encoder }
        }
        try LineStream.run(paths: paths, lossy: lossy, threads: threads, output: output,
                           makeState: { Worker(tokenizer.makeIDEncoder(addSpecialTokens: addSpecialTokens)) }) { worker, line, out in
            worker.ids.removeAll(keepingCapacity: true)
            try worker.encoder.encode(line, into: &worker.ids)
            EncodingFormat.writeIDs(worker.ids, into: &out)
        }
    }
}

extension Tokenizer {
    /// An ids-only encoder for this tokenizer; make one per thread.
    public func makeIDEncoder(addSpecialTokens: Bool = true) -> IDEncoder {
        IDEncoder(tokenizer: self, addSpecialTokens: addSpecialTokens)
    }
}
