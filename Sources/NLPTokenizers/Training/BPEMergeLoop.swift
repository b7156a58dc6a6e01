/// The merge loop of BPE training, following Hugging Face's `BpeTrainer::do_train` step by step
/// so that the merges (order and tie-breaks included) come out the same:
///
/// - Pair counts are kept exactly by applying, for every merged occurrence `x [a b] y`, the
///   changes `(x,a) -1, (x,ab) +1, (b,y) -1, (ab,y) +1` (the `+1`s only when the new token
///   would be shorter than `max_token_length` characters, as HF's `Word::merge`).
/// - The queue holds `(count, pair, words)` entries; the top is the highest count, then the
///   smallest `(left id, right id)`. A popped entry whose count is stale is pushed back with
///   the current count. A merge rewrites only the words of the popped entry, and after each
///   merge every pair that gained occurrences is pushed with the words that gained them.
///   (So a pair whose occurrences were pushed in several entries may be merged in several
///   steps; HF writes such a pair once, at its last position, and so do we.)
///
/// Bookkeeping is linear in the number of symbols: per merge, each touched word is rewritten in
/// place, and the per-round word lists are singly linked nodes flushed into one arena.
struct BPEMergeLoop {
    private var ids: [Int32]
    private let starts: [Int]
    private var lengths: [Int32]
    private let counts: [Int]
    private(set) var vocabulary: TrainingVocabulary

    private var pairs = PairTable()
    private var pairCounts: [Int] = []
    private var pairRound: [Int32] = []
    private var pairHead: [Int32] = []
    private var nodeWord: [Int32] = []
    private var nodeNext: [Int32] = []
    private var roundPairs: [Int32] = []
    private var round: Int32 = 0
    private var entryWords: [Int32] = []
    private var queue = MergeQueue()
    private(set) var merges: [(Int32, Int32)] = []

    private let maxLength: Int
    private let minFrequency: Int
    private let vocabSize: Int
    private let prefix: [UInt8]?

    init(symbols: TrainingSymbols, vocabulary: TrainingVocabulary, options: BPETrainerOptions) {
        ids = symbols.ids
        starts = symbols.starts
        counts = symbols.counts
        lengths = (0..<symbols.counts.count).map { Int32(symbols.starts[$0 + 1] - symbols.starts[$0]) }
        self.vocabulary = vocabulary
        maxLength = options.maxTokenLength ?? Int.max
        minFrequency = options.minFrequency
        vocabSize = options.vocabSize
        prefix = options.continuingSubwordPrefix.map { Array($0.utf8) }
    }

    // MARK: pair bookkeeping

    @inline(__always)
    private mutating func index(of key: UInt64) -> Int {
        let (index, inserted) = pairs.findOrInsert(key)
        if inserted {
            pairCounts.append(0)
            pairRound.append(-1)
            pairHead.append(-1)
        }
        return index
    }

    @inline(__always)
    private mutating func add(_ key: UInt64, _ amount: Int, word: Int32) {
        let p = index(of: key)
        pairCounts[p] += amount
        if pairRound[p] != round {
            pairRound[p] = round
            pairHead[p] = -1
            roundPairs.append(Int32(p))
        }
        let head = Int(pairHead[p])
        if head >= 0 && nodeWord[head] == word { return }
        pairHead[p] = Int32(nodeWord.count)
        nodeWord.append(word)
        nodeNext.append(Int32(head))
    }

    @inline(__always)
    private mutating func remove(_ key: UInt64, _ amount: Int) {
        pairCounts[index(of: key)] -= amount
    }

    /// Pushes every pair that gained occurrences this round, with the words that gained them.
    private mutating func flushRound() {
        for p32 in roundPairs {
            let p = Int(p32)
            let count = pairCounts[p]
            guard count > 0 else { continue }
            let start = entryWords.count
            var node = Int(pairHead[p])
            while node >= 0 {
                entryWords.append(nodeWord[node])
                node = Int(nodeNext[node])
            }
            queue.push(MergeEntry(count: count, key: pairs.keys[p], wordsStart: start, wordsCount: entryWords.count - start))
        }
        roundPairs.removeAll(keepingCapacity: true)
        nodeWord.removeAll(keepingCapacity: true)
        nodeNext.removeAll(keepingCapacity: true)
        round += 1
    }

    // MARK: the loop

    private mutating func countInitialPairs() {
        for w in 0..<counts.count {
            let start = starts[w]
            let n = Int(lengths[w])
            if n < 2 { continue }
            let c = counts[w]
            for i in start..<(start + n - 1) { add(pairKey(ids[i], ids[i + 1]), c, word: Int32(w)) }
        }
        queue.reserve(roundPairs.count)
        flushRound()
    }

    mutating func run(progress: (@Sendable (TrainingPhase) -> Void)?) {
        countInitialPairs()
        let firstSize = vocabulary.count
        let total = max(vocabSize - firstSize, 0)
        while vocabulary.count < vocabSize {
            guard var top = queue.pop() else { break }
            let p = pairs.find(top.key)!
            // HF compares against the i32 count cast to unsigned.
            let current = pairCounts[p] >= 0 ? pairCounts[p] : Int(UInt32(truncatingIfNeeded: pairCounts[p]))
            if top.count != current {
                top.count = current
                queue.push(top)
                continue
            }
            if top.count < 1 || minFrequency > top.count { break }

            let a = Int32(truncatingIfNeeded: top.key >> 32)
            let b = Int32(truncatingIfNeeded: top.key & 0xFFFF_FFFF)
            var newToken = vocabulary.tokens[Int(a)]
            let right = vocabulary.tokens[Int(b)]
            if let prefix, right.starts(with: prefix) {
                newToken += right[prefix.count...]
            } else {
                newToken += right
            }
            let newLength = vocabulary.lengths[Int(a)] + vocabulary.lengths[Int(b)]
            let newID = vocabulary.intern(newToken, length: newLength)
            vocabulary.lengths[Int(newID)] = newLength
            merges.append((a, b))

            for k in top.wordsStart..<(top.wordsStart + top.wordsCount) {
                mergeWord(Int(entryWords[k]), a, b, newID, newLength)
            }
            flushRound()
            if let progress, merges.count & 255 == 0 {
                progress(.merging(done: vocabulary.count - firstSize, total: total))
            }
        }
        progress?(.merging(done: vocabulary.count - firstSize, total: total))
    }

    /// HF's `Word::merge`: replaces every non-overlapping `a b` (left to right) by `newID`.
    @inline(__always)
    private mutating func mergeWord(_ w: Int, _ a: Int32, _ b: Int32, _ newID: Int32, _ newLength: Int) {
        let s = starts[w]
        let n = Int(lengths[w])
        let c = counts[w]
        let word = Int32(w)
        var r = 0
        var o = 0
        while r < n {
            let x = ids[s + r]
            if x == a && r + 1 < n && ids[s + r + 1] == b {
                if o > 0 {
                    let before = ids[s + o - 1]
                    remove(pairKey(before, a), c)
                    if vocabulary.lengths[Int(before)] + newLength < maxLength { add(pairKey(before, newID), c, word: word) }
                }
                if r + 2 < n {
                    let after = ids[s + r + 2]
                    remove(pairKey(b, after), c)
                    if newLength + vocabulary.lengths[Int(after)] < maxLength { add(pairKey(newID, after), c, word: word) }
                }
                ids[s + o] = newID
                o += 1
                r += 2
            } else {
                ids[s + o] = x
                o += 1
                r += 1
            }
        }
        lengths[w] = Int32(o)
    }

    // MARK: output

    func result(specialTokens: [String], options: BPETrainerOptions) -> BPETrainingResult {
        let strings = vocabulary.strings
        var vocab: [String: Int32] = [:]
        vocab.reserveCapacity(strings.count)
        for (id, token) in strings.enumerated() { vocab[token] = Int32(id) }
        // A pair merged in several steps keeps its last rank (HF stores merges in a map).
        var last: [UInt64: Int] = [:]
        for (rank, merge) in merges.enumerated() { last[pairKey(merge.0, merge.1)] = rank }
        var ordered: [(String, String)] = []
        ordered.reserveCapacity(last.count)
        for (rank, merge) in merges.enumerated() where last[pairKey(merge.0, merge.1)] == rank {
            ordered.append((strings[Int(merge.0)], strings[Int(merge.1)]))
        }
        return BPETrainingResult(vocab: vocab, merges: ordered, specialTokens: specialTokens, tokens: strings,
                                 continuingSubwordPrefix: options.continuingSubwordPrefix,
                                 endOfWordSuffix: options.endOfWordSuffix, byteLevel: options.byteLevel)
    }
}
