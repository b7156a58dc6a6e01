/// `nlp eval` on a file of any size: rows are read, predicted and counted `chunkSize` at a time,
/// so memory stays one chunk (plus the reader's 1 MiB buffer) however large the file is. The
/// result equals `ClassifierEvaluation.evaluate(model:examples:)` on the whole file loaded.
///
///     let (evaluation, report) = try ClassifierEvaluation.evaluate(model: model, path: "test.csv")
///     print(evaluation.report.accuracy, report.kept)
extension ClassifierEvaluation {
    public static func evaluate(model: TaskModel, path: String, options: DatasetOptions = DatasetOptions(),
                                chunkSize: Int = 1024, batchSize: Int = 32) throws -> (evaluation: ClassifierEvaluation, report: DatasetReadReport) {
        precondition(chunkSize >= 1 && batchSize >= 1)
        var matrix = emptyMatrix(for: model)
        var texts: [String] = [], gold: [String] = []
        texts.reserveCapacity(chunkSize)
        gold.reserveCapacity(chunkSize)
        func flush() throws {
            for (p, g) in zip(try model.predict(texts, batchSize: batchSize), gold) { matrix.add(gold: g, predicted: p.label) }
            texts.removeAll(keepingCapacity: true)
            gold.removeAll(keepingCapacity: true)
        }
        let report = try ClassificationData.forEach(path: path, options: options) { row in
            texts.append(row.text)
            gold.append(row.label!)
            if texts.count == chunkSize { try flush() }
        }
        try flush()
        if report.kept == 0 { throw DatasetError.empty(path: path) }
        return (finish(matrix, model: model), report)
    }
}
