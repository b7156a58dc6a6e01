/// One classification example as read from a dataset file.
public struct LabeledText: Equatable, Sendable {
    public var text: String
    /// The label as written in the file (after `labelMap`); nil when reading text only.
    public var label: String?
    /// The line the row starts on, for messages about it.
    public var line: Int

    public init(text: String, label: String?, line: Int = 0) {
        self.text = text
        self.label = label
        self.line = line
    }
}

/// One document with its reference summary.
public struct DocumentSummary: Equatable, Sendable {
    public var document: String
    public var summary: String
    public var line: Int

    public init(document: String, summary: String, line: Int = 0) {
        self.document = document
        self.summary = summary
        self.line = line
    }
}

/// What a reader left out and why, so a caller can tell the user (documented behaviour: rows whose
/// text is empty or only white space are skipped and counted, never fatal).
public struct DatasetReadReport: Equatable, Sendable {
    public var path: String
    public var rows = 0
    public var kept = 0
    public var skippedEmptyText = 0
    public var skippedEmptyLabel = 0
    /// Up to 5 line numbers of skipped rows.
    public var firstSkippedLines: [Int] = []

    public init(path: String) { self.path = path }

    mutating func skip(line: Int, emptyText: Bool) {
        if emptyText { skippedEmptyText += 1 } else { skippedEmptyLabel += 1 }
        if firstSkippedLines.count < 5 { firstSkippedLines.append(line) }
    }

    /// "train.csv: 10003 rows, 2 skipped (empty text at lines 17, 402)", or nil when nothing was skipped.
    public var skippedSummary: String? {
        let skipped = skippedEmptyText + skippedEmptyLabel
        guard skipped > 0 else { return nil }
        var reasons: [String] = []
        if skippedEmptyText > 0 { reasons.append("\(skippedEmptyText) with empty text") }
        if skippedEmptyLabel > 0 { reasons.append("\(skippedEmptyLabel) with empty label") }
        let lines = firstSkippedLines.map(String.init).joined(separator: ", ")
        return "\(path): skipped \(skipped) of \(rows) rows (\(reasons.joined(separator: ", ")); first at line\(firstSkippedLines.count == 1 ? "" : "s") \(lines))"
    }
}
