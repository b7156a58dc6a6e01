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
/// Bookkeeping is linear in the number of symbols. Words are doubly linked symbol lists (a merge
/// keeps the left symbol's slot and unlinks the right one). A short word is rescanned when a
/// merge touches it, as HF does; a long word (over `longWordSymbols`, 64, e.g. a Chinese sentence
/// without spaces) instead keeps, per pair, the positions where the pair was formed, so a merge
/// visits only its occurrences and training stays linear however long the words are.
struct BPEMergeLoop {
    /// Symbol ids of all words back to back (-1: unlinked by a merge), with links.
    private var ids: [Int32]
    private var next: [Int32]
    private var prev: [Int32]
    private let starts: [Int]
    private let counts: [Int]
    private let isLong: [Bool]
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
    /// Per pair, a linked list of positions (left symbol) in long words where it was formed;
    /// entries go stale and are dropped when visited.
    private var positionHead: [Int32] = []
    private var positionNodes: [PositionNode] = []
    private var wordStamp: [Int32]
    private var stampRound: Int32 = 0
    private var found: [Int32] = []
    private var queue = MergeQueue()
    private(set) var merges: [(Int32, Int32)] = []

    private let compactionFloor: Int
    /// Compaction runs when `positionNodes` reaches this many nodes. Kept here rather than read
    /// off the array's capacity, which follows the allocator's rounding and would make when
    /// compaction runs, and so nothing else, differ from run to run.
    private var compactionThreshold: Int
    private let maxLength: Int
    private let minFrequency: Int
    private let vocabSize: Int
    private let prefix: [UInt8]?

    init(symbols: __owned TrainingSymbols, vocabulary: TrainingVocabulary, options: BPETrainerOptions) {
        ids = symbols.ids
        starts = symbols.starts
        counts = symbols.counts
        let n = symbols.ids.count
        next = [Int32](repeating: -1, count: n)
        prev = [Int32](repeating: -1, count: n)
        var long = [Bool](repeating: false, count: symbols.counts.count)
        for w in 0..<symbols.counts.count {
            let range = symbols.starts[w]..<symbols.starts[w + 1]
            long[w] = range.count > options.longWordSymbols
            for i in range {
                if i > range.lowerBound { prev[i] = Int32(i - 1) }
                if i + 1 < range.upperBound { next[i] = Int32(i + 1) }
            }
        }
        isLong = long
        wordStamp = [Int32](repeating: -1, count: symbols.counts.count)
        self.vocabulary = vocabulary
        maxLength = options.maxTokenLength ?? Int.max
        compactionFloor = options.positionCompactionFloor
        compactionThreshold = options.positionCompactionFloor
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
            positionHead.append(-1)
        }
        return index
    }

    /// Adds `amount` occurrences of the pair at symbol `position` of `word`.
    @inline(__always)
    private mutating func add(_ key: UInt64, _ amount: Int, word: Int32, position: Int32) {
        let p = index(of: key)
        pairCounts[p] += amount
        if isLong[Int(word)] {
            if positionNodes.count >= compactionThreshold { compactPositions() }
            positionNodes.append(PositionNode(position: position, word: word, next: positionHead[p]))
            positionHead[p] = Int32(positionNodes.count - 1)
        }
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

    /// Drops stale position nodes (where the pair no longer stands) before the array would grow,
    /// so position memory follows the live pairs, not the history of merges.
    private mutating func compactPositions() {
        var kept: [PositionNode] = []
        kept.reserveCapacity(positionNodes.count)
        for p in 0..<positionHead.count where positionHead[p] >= 0 {
            let key = pairs.keys[p]
            let a = Int32(truncatingIfNeeded: key >> 32), b = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            var node = positionHead[p]
            var head: Int32 = -1, tail: Int32 = -1
            while node >= 0 {
                let current = positionNodes[Int(node)]
                let q = next[Int(current.position)]
                if ids[Int(current.position)] == a && q >= 0 && ids[Int(q)] == b {
                    kept.append(PositionNode(position: current.position, word: current.word, next: -1))
                    let index = Int32(kept.count - 1)
                    if tail >= 0 { kept[Int(tail)].next = index } else { head = index }
                    tail = index
                }
                node = current.next
            }
            positionHead[p] = head
        }
        // Room to grow: compaction runs again only when the live nodes have doubled.
        compactionThreshold = max(kept.count * 2, compactionFloor)
        kept.reserveCapacity(compactionThreshold)
        positionNodes = kept
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
            let c = counts[w]
            for i in starts[w]..<max(starts[w], starts[w + 1] - 1) {
                add(pairKey(ids[i], ids[i + 1]), c, word: Int32(w), position: Int32(i))
            }
        }
        queue.reserve(roundPairs.count)
        flushRound()
        nodeWord = []  // round 0 had a node per pair occurrence; later rounds need far fewer
        nodeNext = []
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

            stampRound += 1
            var anyLong = false
            for k in top.wordsStart..<(top.wordsStart + top.wordsCount) {
                let w = Int(entryWords[k])
                if isLong[w] {
                    wordStamp[w] = stampRound
                    anyLong = true
                } else {
                    mergeWord(w, a, b, newID, newLength)
                }
            }
            if anyLong { mergeLongWords(p, a, b, newID, newLength) }
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
        var p = Int32(starts[w])
        if starts[w] == starts[w + 1] { return }
        while p >= 0 {
            if ids[Int(p)] == a {
                let q = next[Int(p)]
                if q >= 0 && ids[Int(q)] == b { mergeAt(p, q, w, a, b, newID, newLength) }
            }
            p = next[Int(p)]
        }
    }

    /// `mergeWord` for the long words of this merge (stamped): visits the recorded positions of
    /// the pair instead of scanning, dropping stale ones, and merges left to right.
    private mutating func mergeLongWords(_ pair: Int, _ a: Int32, _ b: Int32, _ newID: Int32, _ newLength: Int) {
        found.removeAll(keepingCapacity: true)
        var node = positionHead[pair]
        var previousNode: Int32 = -1
        while node >= 0 {
            let current = positionNodes[Int(node)]
            let position = current.position, word = current.word, following = current.next
            let q = next[Int(position)]
            let valid = ids[Int(position)] == a && q >= 0 && ids[Int(q)] == b
            if !valid {
                // Stale: unlink (a pair formed here again gets a fresh node).
                if previousNode >= 0 { positionNodes[Int(previousNode)].next = following } else { positionHead[pair] = following }
            } else {
                if wordStamp[Int(word)] == stampRound { found.append(position) }
                previousNode = node
            }
            node = following
        }
        if found.isEmpty { return }
        found.sort()
        var last: Int32 = -1
        for position in found where position != last {
            last = position
            let q = next[Int(position)]
            // Re-check: an earlier merge in this pass may have used these symbols ("x x x").
            guard ids[Int(position)] == a && q >= 0 && ids[Int(q)] == b else { continue }
            var w = 0
            // Binary search for the word of `position`.
            var lo = 0, hi = counts.count - 1
            while lo < hi { let mid = (lo + hi + 1) / 2; if starts[mid] <= Int(position) { lo = mid } else { hi = mid - 1 } }
            w = lo
            mergeAt(position, q, w, a, b, newID, newLength)
        }
    }

    /// Merges symbols `p` (= a) and `q` (= b) of word `w` into `newID`, with HF's count changes.
    @inline(__always)
    private mutating func mergeAt(_ p: Int32, _ q: Int32, _ w: Int, _ a: Int32, _ b: Int32, _ newID: Int32, _ newLength: Int) {
        let c = counts[w]
        let word = Int32(w)
        let before = prev[Int(p)]
        let after = next[Int(q)]
        // Relink first: an `add` may compact the position lists, which keeps only the pairs
        // that stand in the words, so the words must already show this merge.
        ids[Int(p)] = newID
        ids[Int(q)] = -1
        next[Int(p)] = after
        if after >= 0 { prev[Int(after)] = p }
        if before >= 0 {
            let x = ids[Int(before)]
            remove(pairKey(x, a), c)
            if vocabulary.lengths[Int(x)] + newLength < maxLength { add(pairKey(x, newID), c, word: word, position: before) }
        }
        if after >= 0 {
            let y = ids[Int(after)]
            remove(pairKey(b, y), c)
            if newLength + vocabulary.lengths[Int(y)] < maxLength { add(pairKey(newID, y), c, word: word, position: p) }
        }
    }

    // MARK: output

    func result(specialTokens: [String], options: BPETrainerOptions) -> BPETrainingResult {
        let strings = vocabulary.strings
        let vocab = Vocabulary(tokens: strings)
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

/// Where a pair was formed in a long word, linked into its pair's list.
struct PositionNode {
    var position: Int32
    var word: Int32
    var next: Int32
}
