#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Hugging Face's "BPE" model: a vocabulary plus an ordered merge list.
///
/// A piece starts as one symbol per character (or, for byte-level BPE, per byte, spelled with
/// GPT-2's byte stand-ins: " the" is "Ġ t h e"), then the lowest-ranked adjacent pair merges
/// until none does. Characters missing from the vocabulary become `<0xXX>` byte tokens
/// (`byteFallback`), or the unknown token (consecutive ones fused into one with `fuseUnk`), or
/// vanish. Merging runs on ids through `BPEPairTable`; strings exist only at load time.
///
///     let model = try BPEModel(vocab: ["a": 0, "b": 1, "ab": 2], merges: [("a", "b")])
///     var out = TokenBuffer()
///     Array("abb".utf8).withUnsafeBufferPointer { model.tokenize($0, into: &out) }
///     out.ids   // [2, 1]: "ab" "b"
public final class BPEModel: TokenModel, @unchecked Sendable {
    public static let typeName = "BPE"

    public struct Options: Sendable, Equatable {
        /// Probability of skipping each merge (BPE-dropout); nil or 0 means none.
        public var dropout: Float?
        public var unkToken: String?
        public var continuingSubwordPrefix: String?
        public var endOfWordSuffix: String?
        public var fuseUnk: Bool
        public var byteFallback: Bool
        /// A piece that is itself a vocabulary token is emitted whole (tiktoken does this).
        public var ignoreMerges: Bool
        /// Pieces are raw bytes spelled with GPT-2's stand-ins. nil: decide from the vocabulary
        /// (byte-level when it holds all 256 stand-ins).
        public var byteLevel: Bool?
        /// Seed for dropout's generator (Hugging Face uses an unseeded one).
        public var dropoutSeed: UInt64

        public init(dropout: Float? = nil, unkToken: String? = nil, continuingSubwordPrefix: String? = nil,
                    endOfWordSuffix: String? = nil, fuseUnk: Bool = false, byteFallback: Bool = false,
                    ignoreMerges: Bool = false, byteLevel: Bool? = nil, dropoutSeed: UInt64 = 0x5EED) {
            self.dropout = dropout
            self.unkToken = unkToken
            self.continuingSubwordPrefix = continuingSubwordPrefix
            self.endOfWordSuffix = endOfWordSuffix
            self.fuseUnk = fuseUnk
            self.byteFallback = byteFallback
            self.ignoreMerges = ignoreMerges
            self.byteLevel = byteLevel
            self.dropoutSeed = dropoutSeed
        }
    }

    public let vocab: [String: Int32]
    public let merges: [(String, String)]
    public let options: Options
    public let isByteLevel: Bool
    let pairs: BPEPairTable
    let tokenByID: [String?]
    /// Initial symbol id per unit and position variant (0 first, 1 middle, 2 only, 3 last:
    /// bit 0 = carries the prefix, bit 1 = carries the suffix): bytes in byte-level mode,
    /// ASCII characters otherwise. -1 when not in the vocabulary.
    let unitIDs: [Int32]
    /// All 256 bytes (byte-level) have ids in every variant: no unknown handling needed.
    let unitsComplete: Bool
    let unkID: Int32?
    /// Byte-level: token bytes -> id, for `ignoreMerges` without building strings.
    let bytesIndex: TokenBytesIndex?
    private let dropoutState = NSLock()
    private var dropoutSeed: UInt64

    public convenience init(vocab: [String: Int32], merges: [(String, String)], options: Options = Options()) throws {
        let prefixLength = options.continuingSubwordPrefix?.utf8.count ?? 0
        let table = BPEPairTable(capacity: merges.count)
        for (rank, (a, b)) in merges.enumerated() {
            guard let idA = vocab[a] else { throw TokenizerError.invalidArgument("merge \(rank + 1): token '\(a)' is not in the vocabulary") }
            guard let idB = vocab[b] else { throw TokenizerError.invalidArgument("merge \(rank + 1): token '\(b)' is not in the vocabulary") }
            let bBytes = Array(b.utf8)
            let tail = String(decoding: bBytes[min(prefixLength, bBytes.count)...], as: UTF8.self)
            guard let newID = vocab[a + tail] else {
                throw TokenizerError.invalidArgument("merge \(rank + 1): token '\(a + tail)' is not in the vocabulary")
            }
            table.insert(a: idA, b: idB, rank: UInt32(rank), newID: newID)
        }
        try self.init(vocab: vocab, merges: merges, options: options, pairs: table)
    }

    /// `pairs` already holds the merges (tiktoken files give every split of a token its rank).
    init(vocab: [String: Int32], merges: [(String, String)], options: Options, pairs: BPEPairTable) throws {
        if let p = options.dropout, !(0...1).contains(p) {
            throw TokenizerError.invalidArgument("BPE dropout must be between 0 and 1, got \(p)")
        }
        self.vocab = vocab
        self.merges = merges
        self.options = options
        self.pairs = pairs
        self.dropoutSeed = options.dropoutSeed
        let maxID = vocab.values.max() ?? -1
        guard (vocab.values.min() ?? 0) >= 0 else { throw TokenizerError.invalidArgument("BPE vocabulary has a negative id") }
        var byID = [String?](repeating: nil, count: Int(maxID) + 1)
        for (token, id) in vocab { byID[Int(id)] = token }
        tokenByID = byID
        let byteLevel = options.byteLevel ?? (0..<256).allSatisfy { vocab[GPT2ByteMapping.character(for: UInt8($0))] != nil }
        isByteLevel = byteLevel
        let units = byteLevel ? 256 : 128
        var table = [Int32](repeating: -1, count: 4 * units)
        for variant in 0..<4 {
            for u in 0..<units {
                let text = byteLevel ? GPT2ByteMapping.character(for: UInt8(u)) : String(Unicode.Scalar(UInt8(u)))
                table[variant * units + u] = vocab[BPEModel.decorate(text, variant: variant, options)] ?? -1
            }
        }
        unitIDs = table
        unitsComplete = byteLevel && !table.contains(-1)
        unkID = options.unkToken.flatMap { vocab[$0] }
        bytesIndex = byteLevel ? TokenBytesIndex(tokens: vocab.compactMap { token, id in
            GPT2ByteMapping.decode(token).map { (bytes: $0, id: id) }
        }) : nil
    }

    /// The unit's vocabulary spelling: prefix unless first, suffix when last.
    static func decorate(_ text: String, variant: Int, _ options: Options) -> String {
        var s = text
        if variant & 1 != 0, let p = options.continuingSubwordPrefix { s = p + s }
        if variant & 2 != 0, let x = options.endOfWordSuffix { s += x }
        return s
    }

    public var vocabularySize: Int { vocab.count }
    public func id(forToken token: String) -> Int32? { vocab[token] }
    public func token(forID id: Int32) -> String? {
        id >= 0 && Int(id) < tokenByID.count ? tokenByID[Int(id)] : nil
    }

    var usesDropout: Bool { (options.dropout ?? 0) > 0 }

    public func tokenize(_ piece: UnsafeBufferPointer<UInt8>, into output: inout TokenBuffer) {
        let n = piece.count
        if n == 0 { return }
        if options.ignoreMerges && !usesDropout, let id = wholePieceID(piece) {
            output.append(id: id, start: 0, end: n)
            return
        }
        var ids = [Int32]()
        var spans = [UInt64]()
        ids.reserveCapacity(n)
        spans.reserveCapacity(n)
        appendInitialSymbols(piece, ids: &ids, spans: &spans)
        if ids.count > BPEWindowedMerger.defaultWindow && !usesDropout {
            tokenizeWindowed(piece, ids: ids, spans: spans, into: &output)
            return
        }
        var rng = SplitMix64(seed: usesDropout ? nextDropoutSeed() : 0)
        var merger = BPEMerger()
        let count = ids.withUnsafeMutableBufferPointer { idBuffer in
            spans.withUnsafeMutableBufferPointer { spanBuffer in
                merger.merge(ids: idBuffer.baseAddress!, spans: spanBuffer.baseAddress!, count: idBuffer.count,
                             table: pairs, dropout: options.dropout ?? 0, rng: &rng)
            }
        }
        for k in 0..<count {
            var start = Int(spans[k] >> 32), end = Int(spans[k] & 0xFFFF_FFFF)
            if unitsComplete {  // a token holding part of a character covers all of it, as in HF
                while start > 0 && piece[start] & 0xC0 == 0x80 { start -= 1 }
                while end < n && piece[end] & 0xC0 == 0x80 { end += 1 }
            }
            output.append(id: ids[k], start: start, end: end)
        }
    }

    /// A huge piece, merged in windows (`BPEWindowedMerger`): same tokens, memory bounded by the
    /// initial symbols instead of the merge state of all of them.
    private func tokenizeWindowed(_ piece: UnsafeBufferPointer<UInt8>, ids initial: [Int32], spans symbolSpans: [UInt64],
                                  into output: inout TokenBuffer) {
        var windowed = BPEWindowedMerger()
        var ids: [Int32] = []
        var ranges: [UInt64] = []
        initial.withUnsafeBufferPointer { source in
            windowed.merge(count: source.count, table: pairs, initial: { start, count, symbols in
                symbols.update(from: source.baseAddress! + start, count: count)
            }, ids: &ids, spans: &ranges, wantSpans: true)
        }
        let n = piece.count
        for k in 0..<ids.count {
            let first = Int(ranges[k] >> 32), last = Int(ranges[k] & 0xFFFF_FFFF) - 1
            var start = Int(symbolSpans[first] >> 32), end = Int(symbolSpans[last] & 0xFFFF_FFFF)
            if unitsComplete {
                while start > 0 && piece[start] & 0xC0 == 0x80 { start -= 1 }
                while end < n && piece[end] & 0xC0 == 0x80 { end += 1 }
            }
            output.append(id: ids[k], start: start, end: end)
        }
    }

    private func nextDropoutSeed() -> UInt64 {
        dropoutState.lock()
        defer { dropoutState.unlock() }
        var g = SplitMix64(seed: dropoutSeed)
        dropoutSeed = g.next()
        return dropoutSeed
    }

    func wholePieceID(_ piece: UnsafeBufferPointer<UInt8>) -> Int32? {
        if let index = bytesIndex { return index.id(of: piece) }
        return vocab[String(decoding: piece, as: UTF8.self)]
    }

    /// One symbol per unit (byte or character), with byte fallback and unknown-token handling
    /// exactly as Hugging Face's `BPE::merge_word`.
    func appendInitialSymbols(_ piece: UnsafeBufferPointer<UInt8>, ids: inout [Int32], spans: inout [UInt64]) {
        let n = piece.count
        if unitsComplete {
            for i in 0..<n {
                let variant = (i > 0 ? 1 : 0) | (i == n - 1 ? 2 : 0)
                ids.append(unitIDs[variant * 256 + Int(piece[i])])
                spans.append(UInt64(i) << 32 | UInt64(i + 1))
            }
            return
        }

        // Offsets are running sums of the symbols' lengths, as HF's `Word::add` computes them
        // (so a dropped unknown character does not advance them).
        var position = 0
        func add(_ id: Int32, _ length: Int) {
            ids.append(id)
            spans.append(UInt64(position) << 32 | UInt64(position + length))
            position += length
        }
        var pendingUnk: (id: Int32, length: Int)? = nil
        var i = 0
        while i < n {
            let length = isByteLevel ? 1 : BPEModel.scalarLength(piece, at: i)
            let end = i + length
            let variant = (i > 0 ? 1 : 0) | (end == n ? 2 : 0)
            var id: Int32 = -1
            var text: String? = nil
            if isByteLevel {
                id = unitIDs[variant * 256 + Int(piece[i])]
            } else if length == 1 && piece[i] < 0x80 {
                id = unitIDs[variant * 128 + Int(piece[i])]
            } else {
                text = BPEModel.decorate(String(decoding: UnsafeBufferPointer(rebasing: piece[i..<end]), as: UTF8.self),
                                         variant: variant, options)
                id = vocab[text!] ?? -1
            }
            defer { i = end }
            if id >= 0 {
                if let u = pendingUnk { add(u.id, u.length); pendingUnk = nil }
                add(id, length)
                continue
            }
            let spelled = text ?? BPEModel.decorate(
                isByteLevel ? GPT2ByteMapping.character(for: piece[i]) : String(decoding: UnsafeBufferPointer(rebasing: piece[i..<end]), as: UTF8.self),
                variant: variant, options)
            if options.byteFallback {
                let byteIDs = spelled.utf8.map { vocab[BPEModel.byteFallbackToken($0)] }
                if byteIDs.allSatisfy({ $0 != nil }) {
                    // HF does not flush a pending unknown token here; neither do we.
                    for b in byteIDs { add(b!, 1) }
                    continue
                }
            }
            guard let unk = unkID, options.unkToken != nil else { continue }
            if let u = pendingUnk {
                if options.fuseUnk { pendingUnk = (u.id, u.length + length); continue }
                add(u.id, u.length)
            }
            pendingUnk = (unk, length)
        }
        if let u = pendingUnk { add(u.id, u.length) }
    }

    /// "<0x0A>" for byte 10, as Hugging Face spells byte-fallback tokens.
    public static func byteFallbackToken(_ byte: UInt8) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        return String(decoding: [0x3C, 0x30, 0x78, hex[Int(byte >> 4)], hex[Int(byte & 15)], 0x3E], as: UTF8.self)
    }

    @inline(__always)
    static func scalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = bytes[i]
        let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        return min(length, bytes.count - i)
    }
}
