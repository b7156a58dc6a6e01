/// Counts of (gold, predicted) label pairs: row = gold class, column = predicted class.
///
/// Labels the model never saw in training can still appear as gold labels at evaluation time;
/// `add(gold:predicted:)` appends them as extra classes, so those rows are counted as wrong (the
/// model cannot predict them) and show up in the per-class table with recall 0, exactly as
/// scikit-learn treats a label that occurs in `y_true` only.
public struct ConfusionMatrix: Equatable, Sendable {
    public private(set) var labels: [String]
    /// Row-major `labels.count x labels.count`.
    public private(set) var counts: [Int]
    /// How many classes the model itself knows (the first `modelClassCount` labels).
    public let modelClassCount: Int
    private var index: [String: Int]

    public init(labels: [String]) {
        self.labels = labels
        modelClassCount = labels.count
        counts = [Int](repeating: 0, count: labels.count * labels.count)
        index = [:]
        for (i, l) in labels.enumerated() { index[l] = i }
    }

    public var classCount: Int { labels.count }

    public subscript(gold: Int, predicted: Int) -> Int { counts[gold * labels.count + predicted] }

    public mutating func add(gold: Int, predicted: Int, count: Int = 1) {
        counts[gold * labels.count + predicted] += count
    }

    /// Adds one example by label text, growing the matrix for a gold label it has not seen.
    public mutating func add(gold: String, predicted: String) {
        let g = classIndex(gold)
        let p = classIndex(predicted)
        add(gold: g, predicted: p)
    }

    /// Gold labels that are not model classes, with how many rows carry them.
    public var unknownGoldLabels: [(label: String, count: Int)] {
        (modelClassCount..<labels.count).map { g in (labels[g], (0..<labels.count).reduce(0) { $0 + self[g, $1] }) }
    }

    private mutating func classIndex(_ label: String) -> Int {
        if let i = index[label] { return i }
        let old = labels.count
        var grown = [Int](repeating: 0, count: (old + 1) * (old + 1))
        for r in 0..<old {
            for c in 0..<old { grown[r * (old + 1) + c] = counts[r * old + c] }
        }
        counts = grown
        labels.append(label)
        index[label] = old
        return old
    }

    public var total: Int { counts.reduce(0, +) }

    public var correct: Int { (0..<labels.count).reduce(0) { $0 + self[$1, $1] } }

    public func goldCount(_ c: Int) -> Int { (0..<labels.count).reduce(0) { $0 + self[c, $1] } }

    public func predictedCount(_ c: Int) -> Int { (0..<labels.count).reduce(0) { $0 + self[$1, c] } }

    /// The matrix as an aligned text table (gold in rows, predicted in columns). Long label sets
    /// get their column headers numbered, with a key under the table.
    ///
    ///     gold \ pred   neg   pos
    ///     neg            40     3
    ///     pos             5    52
    public func textTable() -> String {
        let n = labels.count
        let numbered = labels.contains { $0.count > 8 } || n > 12
        let header = numbered ? (0..<n).map { String($0) } : labels
        let width = max(header.map(\.count).max() ?? 1, String(counts.max() ?? 0).count) + 1
        let rowNames = numbered ? (0..<n).map { "\($0) \(labels[$0])" } : labels
        let first = max(rowNames.map(\.count).max() ?? 0, "gold \\ pred".count)
        func pad(_ s: String, _ w: Int, left: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, w - s.count))
            return left ? fill + s : s + fill
        }
        var lines = [pad("gold \\ pred", first, left: false) + header.map { pad($0, width, left: true) }.joined()]
        for r in 0..<n {
            lines.append(pad(rowNames[r], first, left: false) + (0..<n).map { pad(String(self[r, $0]), width, left: true) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
