import ArgumentParser
import NLPTraining

/// The dataset flags shared by finetune, eval and summarize (DESIGN.md's column contract).
struct DatasetArguments: ParsableArguments {
    @Option(help: "Text column: a header name or 1-based position; several joined with commas (title,description). Default: text, sentence, content, review, ... else the first free column.")
    var textColumn: String?

    @Option(help: "Label column (default: label, category, intent, class, ... else the next free column).")
    var labelColumn: String?

    @Option(help: "Document column for summarisation (default: document, article, text, ...).")
    var documentColumn: String?

    @Option(help: "Summary column for summarisation (default: summary, highlights, abstract).")
    var summaryColumn: String?

    @Flag(help: "The CSV/TSV file has no header row (columns are then named 1, 2, ...).")
    var noHeader = false

    @Option(help: "Dataset format: csv, tsv or jsonl (default: from the file name).")
    var dataFormat: String?

    @Option(help: "Rename labels as they are read, e.g. 1=0,2=1,3=2,4=3 (AG News test labels).")
    var labelMap: String?

    func options() throws -> DatasetOptions {
        var format: DatasetFormat?
        if let dataFormat {
            guard let f = DatasetFormat(rawValue: dataFormat.lowercased()) else {
                throw ValidationError("--data-format must be csv, tsv or jsonl")
            }
            format = f
        }
        return DatasetOptions(format: format, hasHeader: !noHeader,
                              textColumns: textColumn.map(DatasetOptions.columnList) ?? [],
                              labelColumn: labelColumn, documentColumn: documentColumn, summaryColumn: summaryColumn,
                              labelMap: try labelMap.map(DatasetOptions.parseLabelMap) ?? [:])
    }
}
