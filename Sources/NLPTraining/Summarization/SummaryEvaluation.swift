/// Scores summaries against references: mean ROUGE-1/2/L F1 over the documents.
///
/// A summary's sentences are joined with a space before scoring (ROUGE-1/2/L ignore sentence
/// boundaries, so the join only matters for the text printed).
public enum SummaryEvaluation {
    public static func evaluate(_ pairs: [DocumentSummary], summarize: (DocumentSummary) throws -> [String]) rethrows -> RougeAccumulator {
        var acc = RougeAccumulator()
        for pair in pairs {
            let summary = try summarize(pair).joined(separator: " ")
            acc.add(Rouge.score(candidate: summary, reference: pair.summary))
        }
        return acc
    }

    /// Streams the pairs of `path` through `summarize` (one document in memory at a time).
    public static func evaluate(path: String, options: DatasetOptions = DatasetOptions(),
                                summarize: (DocumentSummary) throws -> [String]) throws -> (scores: RougeAccumulator, report: DatasetReadReport) {
        var acc = RougeAccumulator()
        let report = try SummarizationData.forEach(path: path, options: options) { pair in
            acc.add(Rouge.score(candidate: try summarize(pair).joined(separator: " "), reference: pair.summary))
        }
        return (acc, report)
    }
}
