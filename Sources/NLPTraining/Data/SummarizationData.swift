/// Reads document/summary pairs (JSONL with `document`/`article` and `summary`, or CSV/TSV).
///
/// `forEach` streams (one row in memory at a time), so scoring a file larger than memory works;
/// `load` collects the pairs for training, which needs them all.
public enum SummarizationData {
    public static func forEach(path: String, options: DatasetOptions = DatasetOptions(), withSummaries: Bool = true,
                               _ body: (DocumentSummary) throws -> Void) throws -> DatasetReadReport {
        let roles: [ColumnRole] = withSummaries ? [.document(options), .summary(options)] : [.document(options)]
        let stream = try DatasetStream(path: path, options: options, roles: roles)
        var report = DatasetReadReport(path: path)
        while let row = try stream.next() {
            report.rows += 1
            if ClassificationData.isBlank(row.values[0]) {
                report.skip(line: row.line, emptyText: true)
                continue
            }
            report.kept += 1
            try body(DocumentSummary(document: row.values[0], summary: withSummaries ? row.values[1] : "", line: row.line))
        }
        if report.kept == 0 { throw DatasetError.empty(path: path) }
        return report
    }

    public static func load(path: String, options: DatasetOptions = DatasetOptions(),
                            withSummaries: Bool = true) throws -> (pairs: [DocumentSummary], report: DatasetReadReport) {
        var pairs: [DocumentSummary] = []
        let report = try forEach(path: path, options: options, withSummaries: withSummaries) { pairs.append($0) }
        return (pairs, report)
    }
}
