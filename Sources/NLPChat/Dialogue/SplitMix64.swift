import NLPTensor

/// The bot's replies and the classifier's initialisation are reproducible from `--seed`: they
/// draw from NLPRandom's SplitMix64, with the few helpers the chat code needs.
extension SplitMix64: RandomNumberGenerator {
    /// Fisher-Yates with this generator (the standard library's shuffle does not promise an algorithm).
    mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            a.swapAt(i, j)
        }
    }

    /// An index in 0..<count.
    mutating func index(_ count: Int) -> Int { Int(next() % UInt64(count)) }
}
