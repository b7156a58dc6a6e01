import Foundation
import NLPTensor

/// How `Seq2SeqModel.generate` picks tokens, with Hugging Face `generate()` semantics.
///
/// - `beams` 1 is greedy decoding; more runs beam search.
/// - `lengthPenalty` alpha: a finished hypothesis scores sum(log p) / length^alpha, length =
///   generated tokens including the end token. Log-probabilities are negative, so alpha > 0
///   favours longer summaries and alpha < 0 shorter ones.
/// - `noRepeatNgram` n > 0: a token that would complete an n-gram already present in the
///   hypothesis (start token included) gets probability 0.
/// - `minLength`: the end token is forbidden before this many tokens; `maxLength`: at most this
///   many generated tokens (the end token included).
/// - `earlyStopping`: stop as soon as `beams` hypotheses have finished; otherwise (HF's
///   heuristic) stop when no running beam can still beat the worst finished one.
///
/// Codable with the names of Hugging Face's generation_config.json (`num_beams`,
/// `length_penalty`, `no_repeat_ngram_size`, `min_length`, `max_length`, `early_stopping`), so a
/// model directory can carry the settings it was meant to be decoded with.
public struct GenerationOptions: Sendable, Equatable, Codable {
    public var beams = 1
    public var lengthPenalty: Float = 1
    public var noRepeatNgram = 0
    public var minLength = 0
    public var maxLength = 120
    public var earlyStopping = true

    enum CodingKeys: String, CodingKey {
        case beams = "num_beams"
        case lengthPenalty = "length_penalty"
        case noRepeatNgram = "no_repeat_ngram_size"
        case minLength = "min_length"
        case maxLength = "max_length"
        case earlyStopping = "early_stopping"
    }

    public init(beams: Int = 1, lengthPenalty: Float = 1, noRepeatNgram: Int = 0, minLength: Int = 0, maxLength: Int = 120,
                earlyStopping: Bool = true) {
        self.beams = beams
        self.lengthPenalty = lengthPenalty
        self.noRepeatNgram = noRepeatNgram
        self.minLength = minLength
        self.maxLength = maxLength
        self.earlyStopping = earlyStopping
    }

    public func validate() throws {
        if beams < 1 { throw ModelError.invalidInput("--beam must be at least 1") }
        if maxLength < 1 { throw ModelError.invalidInput("--max-length must be at least 1") }
        if minLength < 0 || minLength > maxLength { throw ModelError.invalidInput("--min-length must be in 0...max-length") }
        if noRepeatNgram < 0 { throw ModelError.invalidInput("--no-repeat-ngram must be 0 (off) or positive") }
    }
}

/// Greedy and beam-search decoding over any step function, so the search is testable apart
/// from a model. `step(parents, tokens)` must first keep rows `parents` of its state (nil: keep
/// all), then feed `tokens` (one per row) and return log-probabilities [rows][V].
public enum Generation {
    public typealias Step = (_ parents: [Int]?, _ tokens: [Int32]) throws -> [[Float]]

    /// Tokens that would repeat an n-gram of `tokens` (HF NoRepeatNGramLogitsProcessor).
    public static func bannedTokens(_ tokens: [Int32], n: Int) -> Set<Int32> {
        guard n > 0, tokens.count >= n else { return n == 1 ? Set(tokens) : [] }
        if n == 1 { return Set(tokens) }
        let prefix = Array(tokens.suffix(n - 1))
        var banned = Set<Int32>()
        for i in 0...(tokens.count - n) where Array(tokens[i..<(i + n - 1)]) == prefix { banned.insert(tokens[i + n - 1]) }
        return banned
    }

    /// Applies min-length and no-repeat-n-gram to one row of log-probabilities.
    static func process(_ row: inout [Float], hypothesis: [Int32], generated: Int, eos: Int32, options: GenerationOptions) {
        if generated < options.minLength, Int(eos) < row.count { row[Int(eos)] = -.infinity }
        for t in bannedTokens(hypothesis, n: options.noRepeatNgram) where Int(t) < row.count { row[Int(t)] = -.infinity }
    }

    /// Greedy decoding from `start`; returns the generated tokens without start and end token.
    public static func greedy(start: Int32, eos: Int32, options: GenerationOptions, step: Step) throws -> [Int32] {
        var tokens = [start]
        for generated in 0..<options.maxLength {
            var row = try step(nil, [tokens.last!])[0]
            process(&row, hypothesis: tokens, generated: generated, eos: eos, options: options)
            var best = 0
            for v in row.indices where row[v] > row[best] { best = v }
            if Int32(best) == eos || row[best] == -.infinity { break }
            tokens.append(Int32(best))
        }
        return Array(tokens.dropFirst())
    }

    /// The finished hypotheses of a beam search: the `capacity` best by normalised score.
    public struct Hypotheses {
        public let capacity: Int
        public let lengthPenalty: Float
        public private(set) var items: [(tokens: [Int32], score: Float)] = []

        public init(capacity: Int, lengthPenalty: Float) {
            self.capacity = capacity
            self.lengthPenalty = lengthPenalty
        }

        /// sum(log p) / length^alpha.
        public func normalized(_ sum: Float, length: Int) -> Float { sum / pow(Float(max(length, 1)), lengthPenalty) }

        public mutating func add(_ tokens: [Int32], sum: Float, length: Int) {
            let score = normalized(sum, length: length)
            if items.count == capacity, let worst = items.last, score <= worst.score { return }
            items.append((tokens, score))
            items.sort { $0.score > $1.score }
            if items.count > capacity { items.removeLast() }
        }

        func isDone(bestRunningSum: Float, length: Int, earlyStopping: Bool) -> Bool {
            guard items.count >= capacity else { return false }
            if earlyStopping { return true }
            return items.last!.score >= normalized(bestRunningSum, length: length)
        }
    }

    /// Beam search from `start` (the step function starts with `options.beams` identical rows).
    /// Returns the best hypothesis's generated tokens without start and end token.
    public static func beamSearch(start: Int32, eos: Int32, options: GenerationOptions, step: Step) throws -> [Int32] {
        let k = options.beams
        var beams: [(tokens: [Int32], sum: Float)] = (0..<k).map { i -> (tokens: [Int32], sum: Float) in ([start], i == 0 ? 0 : -1e9) }
        var finished = Hypotheses(capacity: k, lengthPenalty: options.lengthPenalty)
        var parents: [Int]? = nil
        var done = false
        for generated in 0..<options.maxLength {
            let rows = try step(parents, beams.map { $0.tokens.last! })
            // Top 2k candidates over (beam, token): enough that k survive even if k end here.
            var candidates: [(beam: Int, token: Int32, sum: Float)] = []
            for (b, beam) in beams.enumerated() where beam.sum > -1e8 {  // skip the placeholder beams
                var row = rows[b]
                process(&row, hypothesis: beam.tokens, generated: generated, eos: eos, options: options)
                for v in topIndices(row, 2 * k) where row[v] > -.infinity {
                    candidates.append((b, Int32(v), beam.sum + row[v]))
                }
            }
            candidates.sort { $0.sum > $1.sum }
            var next: [(tokens: [Int32], sum: Float)] = [], nextParents: [Int] = []
            for (rank, c) in candidates.prefix(2 * k).enumerated() {
                if c.token == eos {
                    if rank < k { finished.add(beams[c.beam].tokens + [eos], sum: c.sum, length: generated + 1) }
                } else {
                    next.append((beams[c.beam].tokens + [c.token], c.sum))
                    nextParents.append(c.beam)
                }
                if next.count == k { break }
            }
            if next.isEmpty || finished.isDone(bestRunningSum: next[0].sum, length: generated + 1, earlyStopping: options.earlyStopping) {
                done = true
                break
            }
            while next.count < k { next.append((next[0].tokens, -1e9)); nextParents.append(nextParents[0]) }
            beams = next
            parents = nextParents
        }
        if !done { for beam in beams where beam.sum > -1e8 { finished.add(beam.tokens, sum: beam.sum, length: beam.tokens.count - 1) } }
        guard let best = finished.items.first else { return [] }
        var tokens = Array(best.tokens.dropFirst())
        if tokens.last == eos { tokens.removeLast() }
        return tokens
    }

    /// Indices of the `count` largest values, largest first.
    static func topIndices(_ row: [Float], _ count: Int) -> [Int] {
        var top: [Int] = []
        for v in row.indices {
            if top.count < count { top.append(v); top.sort { row[$0] > row[$1] }; continue }
            if row[v] > row[top[count - 1]] {
                top[count - 1] = v
                var i = count - 1
                while i > 0 && row[top[i]] > row[top[i - 1]] { top.swapAt(i, i - 1); i -= 1 }
            }
        }
        return top
    }
}

extension Seq2SeqModel {
    /// Summarises one source sequence (token ids with [CLS]/[SEP] as the encoder was trained):
    /// greedy or beam search with an incremental key/value cache. Returns generated ids without
    /// the start and end tokens.
    ///
    ///     let ids = try model.generate(source: [101, 7592, 2088, 102], options: GenerationOptions(beams: 4, noRepeatNgram: 3))
    public func generate(source: [Int32], options: GenerationOptions) throws -> [Int32] {
        try options.validate()
        guard !source.isEmpty else { return [] }
        let positions = config.encoder.maxPositionEmbeddings
        var options = options
        options.maxLength = min(options.maxLength, positions)
        options.minLength = min(options.minLength, options.maxLength)
        let batch = try TokenBatch(ids: IntTensor(source, shape: [1, source.count]))
        let state = try startDecoding(batch, repeat: options.beams)
        let step: Generation.Step = { parents, tokens in
            if let parents, parents != Array(0..<parents.count) { try state.reorder(parents) }
            return try state.nextLogProbabilities(tokens)
        }
        let start = Int32(config.decoderStartTokenId), eos = Int32(config.eosTokenId)
        if options.beams == 1 { return try Generation.greedy(start: start, eos: eos, options: options, step: step) }
        return try Generation.beamSearch(start: start, eos: eos, options: options, step: step)
    }
}
