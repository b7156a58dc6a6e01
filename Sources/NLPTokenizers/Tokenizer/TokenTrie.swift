/// Byte trie over added-token contents, matching leftmost-longest and non-overlapping, like the
/// Aho-Corasick automaton HF builds (`MatchKind::LeftmostLongest`).
///
///     patterns ["<s>", "<s>x"]; text "a<s>xb" -> one match 1..<5 ("<s>x")
struct TokenTrie: Sendable {
    private var children: [[UInt8: Int32]] = [[:]]
    private var terminal: [Int32] = [-1]  // pattern index ending at this node, or -1
    private var firstByte = [Bool](repeating: false, count: 256)
    private(set) var isEmpty = true

    mutating func insert(_ pattern: [UInt8], value: Int32) {
        guard !pattern.isEmpty else { return }
        isEmpty = false
        firstByte[Int(pattern[0])] = true
        var node = 0
        for byte in pattern {
            if let next = children[node][byte] {
                node = Int(next)
            } else {
                children.append([:])
                terminal.append(-1)
                children[node][byte] = Int32(children.count - 1)
                node = children.count - 1
            }
        }
        if terminal[node] < 0 { terminal[node] = value }
    }

    /// The longest pattern starting at `start`: (end, value).
    func longestMatch(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (end: Int, value: Int32)? {
        var node = 0
        var best: (Int, Int32)?
        var i = start
        while i < bytes.count, let next = children[node][bytes[i]] {
            node = Int(next)
            i += 1
            if terminal[node] >= 0 { best = (i, terminal[node]) }
        }
        return best
    }

    /// Whether a match may start anywhere in `bytes` (some byte starts a pattern): a cheap scan
    /// that lets most lines skip `matches` and its allocations.
    func mayMatch(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !isEmpty else { return false }
        return firstByte.withUnsafeBufferPointer { table in
            for b in bytes where table[Int(b)] { return true }
            return false
        }
    }

    /// All leftmost-longest, non-overlapping matches.
    func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, value: Int32)] {
        guard !isEmpty else { return [] }
        var result: [(Range<Int>, Int32)] = []
        var i = 0
        while i < bytes.count {
            if firstByte[Int(bytes[i])], let m = longestMatch(in: bytes, at: i) {
                result.append((i..<m.end, m.value))
                i = m.end
            } else {
                i += 1
            }
        }
        return result
    }
}
