/// The classes a classifier predicts, in a fixed order (the order of the output layer's rows).
///
/// Built from the training labels: if every label is an integer they sort numerically
/// ("0", "1", "2", ... "10"), otherwise by their UTF-8 bytes, so the same data always gives the
/// same ids whatever the row order.
///
///     let vocab = try LabelVocabulary(fitting: ["pos", "neg", "pos"], path: "train.csv")
///     vocab.labels        // ["neg", "pos"]
///     vocab.id(of: "pos") // 1
public struct LabelVocabulary: Equatable, Sendable, Codable {
    public let labels: [String]
    private let ids: [String: Int]

    public init(labels: [String]) {
        self.labels = labels
        var ids: [String: Int] = [:]
        for (i, l) in labels.enumerated() { ids[l] = i }
        self.ids = ids
    }

    /// Throws `singleClass` when fewer than two distinct labels occur.
    public init<S: Sequence>(fitting labels: S, path: String) throws where S.Element == String {
        let distinct = Set(labels)
        if distinct.count < 2 {
            throw distinct.isEmpty ? DatasetError.empty(path: path) : DatasetError.singleClass(path: path, label: distinct.first!)
        }
        self.init(labels: Self.sorted(distinct))
    }

    static func sorted(_ labels: Set<String>) -> [String] {
        let numbers = labels.compactMap { Int($0) }
        if numbers.count == labels.count {
            return labels.sorted { Int($0)! < Int($1)! }
        }
        return labels.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    public var count: Int { labels.count }

    public func id(of label: String) -> Int? { ids[label] }

    public init(from decoder: Decoder) throws {
        self.init(labels: try [String](from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try labels.encode(to: encoder)
    }
}
