/// Streams the columns a task needs out of a CSV, TSV or JSONL file, one row at a time.
///
///     let stream = try DatasetStream(path: "train.csv", options: options,
///                                    roles: [.text(options), .label(options)])
///     while let row = try stream.next() { print(row.values[0], row.values[1]) }
///
/// `columns` lists what the file has (header names, "1", "2", ... when headerless, or the
/// first JSON object's keys), so that an error about a missing column can name the alternatives.
public final class DatasetStream {
    public let path: String
    public let format: DatasetFormat
    public private(set) var columns: [String] = []
    private var delimited: DelimitedRecordReader?
    private var jsonl: JSONLRecordReader?
    private var indices: [[Int]] = []
    private var pending: TableRecord?
    private var pendingJSON: (values: [String: String], keys: [String], line: Int)?
    private var jsonKeys: [[String]] = []

    public struct Row {
        /// One value per role; several columns of one role are joined with a space.
        public var values: [String]
        /// The physical line the row starts on (1-based).
        public var line: Int
    }

    init(path: String, options: DatasetOptions, roles: [ColumnRole], bytes: ChunkedByteReader? = nil) throws {
        self.path = path
        guard let format = options.format ?? DatasetFormat.infer(path: path) else {
            throw DatasetError.unknownFormat(path: path)
        }
        self.format = format
        let source = try bytes ?? ChunkedByteReader(path: path)
        switch format {
        case .csv, .tsv:
            let reader = DelimitedRecordReader(path: path, bytes: source, delimiter: format == .csv ? 0x2C : 0x09,
                                               quoting: format == .csv)
            delimited = reader
            guard let first = try reader.next() else { throw DatasetError.empty(path: path) }
            if options.hasHeader {
                columns = first.fields
            } else {
                columns = (1...first.fields.count).map(String.init)
                pending = first
            }
            indices = try ColumnResolver.resolve(roles, columns: columns, path: path)
        case .jsonl:
            let reader = JSONLRecordReader(path: path, bytes: source)
            jsonl = reader
            guard let first = try reader.next() else { throw DatasetError.empty(path: path) }
            columns = first.keys
            pendingJSON = first
            indices = try ColumnResolver.resolve(roles, columns: columns, path: path)
            jsonKeys = indices.map { $0.map { columns[$0] } }
        }
    }

    public func next() throws -> Row? {
        if let reader = delimited {
            let record: TableRecord
            if let p = pending {
                record = p
                pending = nil
            } else {
                guard let r = try reader.next() else { return nil }
                record = r
            }
            let needed = (indices.joined().max() ?? 0) + 1
            if record.fields.count < needed {
                throw DatasetError.tooFewFields(path: path, line: record.line, found: record.fields.count, needed: needed)
            }
            return Row(values: indices.map { $0.map { record.fields[$0] }.joined(separator: " ") }, line: record.line)
        }
        guard let reader = jsonl else { return nil }
        let object: (values: [String: String], keys: [String], line: Int)
        if let p = pendingJSON {
            object = p
            pendingJSON = nil
        } else {
            guard let o = try reader.next() else { return nil }
            object = o
        }
        return Row(values: jsonKeys.map { $0.map { object.values[$0] ?? "" }.joined(separator: " ") }, line: object.line)
    }
}

extension ColumnRole {
    static func text(_ o: DatasetOptions) -> ColumnRole {
        ColumnRole(name: "text", flag: "--text-column", explicit: o.textColumns, usualNames: DatasetOptions.textNames)
    }
    static func label(_ o: DatasetOptions) -> ColumnRole {
        ColumnRole(name: "label", flag: "--label-column", explicit: o.labelColumn.map { [$0] } ?? [],
                   usualNames: DatasetOptions.labelNames)
    }
    static func document(_ o: DatasetOptions) -> ColumnRole {
        ColumnRole(name: "document", flag: "--document-column", explicit: o.documentColumn.map { [$0] } ?? [],
                   usualNames: DatasetOptions.documentNames)
    }
    static func summary(_ o: DatasetOptions) -> ColumnRole {
        ColumnRole(name: "summary", flag: "--summary-column", explicit: o.summaryColumn.map { [$0] } ?? [],
                   usualNames: DatasetOptions.summaryNames)
    }
}
