/// Everything that can be wrong with a dataset file, each as one line a user can act on.
///
///     nlp finetune --train reviews.csv --label-column stars ...
///     error: reviews.csv: no column "stars"; available: text, rating, date
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unknownFormat(path: String)
    case missingColumn(path: String, column: String, available: [String])
    case missingColumnDefault(path: String, role: String, flag: String, available: [String])
    case tooFewFields(path: String, line: Int, found: Int, needed: Int)
    case unterminatedQuote(path: String, line: Int)
    /// `place`: "field 2" (CSV/TSV) or "byte 17" (JSONL); `detail`: the offending bytes, "0xC3 0x28".
    case invalidUTF8(path: String, line: Int, place: String, detail: String)
    case invalidJSON(path: String, line: Int, detail: String)
    case empty(path: String)
    case singleClass(path: String, label: String)
    case badLabelMap(String)
    case tooLargeForMemory(path: String, fileBytes: Int, neededBytes: Int, availableBytes: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read (\(reason))"
        case .unknownFormat(let path):
            return "\(path): unknown dataset format (expected .csv, .tsv or .jsonl; set the format explicitly)"
        case .missingColumn(let path, let column, let available):
            return "\(path): no column \"\(column)\"; available: \(available.joined(separator: ", "))"
        case .missingColumnDefault(let path, let role, let flag, let available):
            return "\(path): cannot tell which column holds the \(role); pass \(flag) (available: \(available.joined(separator: ", ")))"
        case .tooFewFields(let path, let line, let found, let needed):
            return "\(path): line \(line): \(found) field\(found == 1 ? "" : "s"), need at least \(needed)"
        case .unterminatedQuote(let path, let line):
            return "\(path): line \(line): quoted field never closed"
        case .invalidUTF8(let path, let line, let place, let detail):
            return "\(path): line \(line), \(place): invalid UTF-8 (\(detail))"
        case .invalidJSON(let path, let line, let detail):
            return "\(path): line \(line): not a JSON object (\(detail))"
        case .empty(let path):
            return "\(path): no examples"
        case .singleClass(let path, let label):
            return "\(path): every example has the label \"\(label)\"; a classifier needs at least two classes"
        case .badLabelMap(let text):
            return "bad label map \"\(text)\" (expected FROM=TO[,FROM=TO...])"
        case .tooLargeForMemory(let path, let file, let needed, let available):
            func gb(_ n: Int) -> String { formatFixed(Double(n) / 1e9, 1) + " GB" }
            return "\(path) is \(gb(file)); fine-tuning holds the training set in memory (about \(gb(needed)) for this file) "
                + "but only \(gb(available)) is available; train on a sample (e.g. head -n 1000000 \(path) > sample.csv)"
        }
    }
}
