/// Reads labelled (or unlabelled) text for classification from CSV, TSV or JSONL.
///
///     let (examples, report) = try ClassificationData.load(path: "train.csv")
///     if let note = report.skippedSummary { print(note) }   // to stderr in the CLI
///
/// Rows with empty text (or, when labels are read, an empty label) are skipped and counted in the
/// report. Labels pass through `options.labelMap`. `forEach` streams without keeping the rows.
public enum ClassificationData {
    public static func forEach(path: String, options: DatasetOptions = DatasetOptions(), withLabels: Bool = true,
                               _ body: (LabeledText) throws -> Void) throws -> DatasetReadReport {
        try forEach(stream: DatasetStream(path: path, options: options,
                                          roles: withLabels ? [.text(options), .label(options)] : [.text(options)]),
                    options: options, withLabels: withLabels, body)
    }

    /// Same over bytes already in memory (tests, standard input).
    public static func forEach(bytes: [UInt8], name: String, options: DatasetOptions = DatasetOptions(),
                               withLabels: Bool = true, _ body: (LabeledText) throws -> Void) throws -> DatasetReadReport {
        let roles: [ColumnRole] = withLabels ? [.text(options), .label(options)] : [.text(options)]
        return try forEach(stream: DatasetStream(path: name, options: options, roles: roles, bytes: ChunkedByteReader(bytes: bytes)),
                           options: options, withLabels: withLabels, body)
    }

    public static func load(path: String, options: DatasetOptions = DatasetOptions(),
                            withLabels: Bool = true) throws -> (examples: [LabeledText], report: DatasetReadReport) {
        var examples: [LabeledText] = []
        let report = try forEach(path: path, options: options, withLabels: withLabels) { examples.append($0) }
        if examples.isEmpty { throw DatasetError.empty(path: path) }
        return (examples, report)
    }

    public static func load(bytes: [UInt8], name: String, options: DatasetOptions = DatasetOptions(),
                            withLabels: Bool = true) throws -> (examples: [LabeledText], report: DatasetReadReport) {
        var examples: [LabeledText] = []
        let report = try forEach(bytes: bytes, name: name, options: options, withLabels: withLabels) { examples.append($0) }
        if examples.isEmpty { throw DatasetError.empty(path: name) }
        return (examples, report)
    }

    private static func forEach(stream: DatasetStream, options: DatasetOptions, withLabels: Bool,
                                _ body: (LabeledText) throws -> Void) throws -> DatasetReadReport {
        var report = DatasetReadReport(path: stream.path)
        while let row = try stream.next() {
            report.rows += 1
            let text = row.values[0]
            if isBlank(text) {
                report.skip(line: row.line, emptyText: true)
                continue
            }
            var label: String?
            if withLabels {
                let raw = row.values[1].trimmingWhiteSpace()
                if raw.isEmpty {
                    report.skip(line: row.line, emptyText: false)
                    continue
                }
                label = options.labelMap[raw] ?? raw
            }
            report.kept += 1
            try body(LabeledText(text: text, label: label, line: row.line))
        }
        return report
    }

    static func isBlank(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}

extension String {
    func trimmingWhiteSpace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
