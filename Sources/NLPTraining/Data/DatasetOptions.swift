/// The file formats a dataset can come in.
public enum DatasetFormat: String, CaseIterable, Sendable {
    case csv, tsv, jsonl

    /// From the file name: .csv, .tsv/.tab, .jsonl/.ndjson/.json.
    public static func infer(path: String) -> DatasetFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { return .jsonl }
        return nil
    }
}

/// How to read a dataset file: format, header, which columns play which role, label renaming.
///
/// Column defaults (when a role's column is not given): the first header name that matches the
/// role's usual names (case-insensitive), else the first column no other role has taken. So
/// `text,category` (Banking77), `label<TAB>sentence` (SST-2) and `label,review` (ChnSentiCorp)
/// all work without flags, and a headerless two-column file reads as text, label. A column may be
/// named by its header or by its 1-based position; several text columns are joined with a space
/// (AG News: `--text-column 2,3` for title and description).
public struct DatasetOptions: Sendable {
    public var format: DatasetFormat?
    /// False for headerless files; columns are then named "1", "2", ...
    public var hasHeader: Bool
    public var textColumns: [String]
    public var labelColumn: String?
    public var documentColumn: String?
    public var summaryColumn: String?
    /// Renames labels as they are read (AG News test: "1" -> "0", ..., "4" -> "3").
    public var labelMap: [String: String]

    public init(format: DatasetFormat? = nil, hasHeader: Bool = true, textColumns: [String] = [],
                labelColumn: String? = nil, documentColumn: String? = nil, summaryColumn: String? = nil,
                labelMap: [String: String] = [:]) {
        self.format = format
        self.hasHeader = hasHeader
        self.textColumns = textColumns
        self.labelColumn = labelColumn
        self.documentColumn = documentColumn
        self.summaryColumn = summaryColumn
        self.labelMap = labelMap
    }

    static let textNames = ["text", "sentence", "content", "review", "utterance", "query", "question", "document"]
    static let labelNames = ["label", "labels", "category", "intent", "class", "sentiment", "target"]
    static let documentNames = ["document", "article", "text", "body", "story"]
    static let summaryNames = ["summary", "highlights", "abstract", "target"]

    /// Parses "1=0,2=1,3=2,4=3".
    public static func parseLabelMap(_ text: String) throws -> [String: String] {
        var map: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else { throw DatasetError.badLabelMap(text) }
            map[String(parts[0])] = String(parts[1])
        }
        if map.isEmpty { throw DatasetError.badLabelMap(text) }
        return map
    }

    /// Splits a `--text-column` value "title,description" into names.
    public static func columnList(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0) }
    }
}

/// One role a dataset column plays (text, label, ...), and how to find it.
struct ColumnRole {
    var name: String
    var flag: String
    var explicit: [String]
    var usualNames: [String]
}

enum ColumnResolver {
    /// Column indices for each role, in `roles` order. Named matches are taken first so that a
    /// positional fallback never steals a column another role names.
    static func resolve(_ roles: [ColumnRole], columns: [String], path: String) throws -> [[Int]] {
        var result = [[Int]](repeating: [], count: roles.count)
        var used = Set<Int>()
        for (r, role) in roles.enumerated() where !role.explicit.isEmpty {
            result[r] = try role.explicit.map { try index(of: $0, in: columns, path: path) }
            used.formUnion(result[r])
        }
        for (r, role) in roles.enumerated() where role.explicit.isEmpty {
            let lower = columns.map { $0.lowercased() }
            for candidate in role.usualNames {
                if let i = lower.firstIndex(of: candidate), !used.contains(i) {
                    result[r] = [i]
                    used.insert(i)
                    break
                }
            }
        }
        for (r, role) in roles.enumerated() where result[r].isEmpty {
            guard let i = columns.indices.first(where: { !used.contains($0) }) else {
                throw DatasetError.missingColumnDefault(path: path, role: role.name, flag: role.flag, available: columns)
            }
            result[r] = [i]
            used.insert(i)
        }
        return result
    }

    static func index(of name: String, in columns: [String], path: String) throws -> Int {
        if let i = columns.firstIndex(of: name) { return i }
        if let i = columns.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return i }
        if let n = Int(name), n >= 1, n <= columns.count { return n - 1 }
        throw DatasetError.missingColumn(path: path, column: name, available: columns)
    }
}
