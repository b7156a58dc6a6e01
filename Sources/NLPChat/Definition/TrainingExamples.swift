import Foundation

/// A labelled utterance for the intent classifier.
public struct LabeledUtterance: Equatable, Sendable {
    public var text: String
    public var label: String
    public init(text: String, label: String) { self.text = text; self.label = label }
}

extension BotDefinition {
    /// The bot's training utterances: every `training_data` CSV, then each intent's inline
    /// `examples`. A label that is not an intent fails with the CSV's file and line; an intent with
    /// no utterance at all fails too (the classifier could never predict it).
    public func trainingUtterances() throws -> [LabeledUtterance] {
        var out: [LabeledUtterance] = []
        for (_, path) in trainingData { out += try Self.readCSV(path, knownLabels: Set(intentOrder)) }
        for name in intentOrder { out += intents[name]!.examples.map { LabeledUtterance(text: $0, label: name) } }
        let present = Set(out.map(\.label))
        if let missing = intentOrder.first(where: { !present.contains($0) }) {
            throw BotDefinitionError(file: sourcePath, line: 0, keyPath: "intents.\(missing)",
                                     message: "no training utterances (add `examples:` or rows to a training_data CSV)")
        }
        return out
    }

    /// An RFC 4180 CSV with a header naming `text` and `label` columns (else the first two).
    static func readCSV(_ path: String, knownLabels: Set<String>?) throws -> [LabeledUtterance] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BotDefinitionError(file: path, line: 0, keyPath: "", message: "cannot read the file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw BotDefinitionError(file: path, line: 0, keyPath: "", message: "not UTF-8")
        }
        let rows = try CSVRows.parse(text, file: path)
        guard let header = rows.first else { return [] }
        let textColumn = header.fields.firstIndex(of: "text") ?? 0
        let labelColumn = header.fields.firstIndex(of: "label") ?? 1
        var out: [LabeledUtterance] = []
        for row in rows.dropFirst() {
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }
            guard row.fields.count > max(textColumn, labelColumn) else {
                throw BotDefinitionError(file: path, line: row.line, keyPath: "", message: "expected \(header.fields.count) columns, found \(row.fields.count)")
            }
            let label = row.fields[labelColumn]
            if let knownLabels, !knownLabels.contains(label) {
                throw BotDefinitionError(file: path, line: row.line, keyPath: "", message: "label \(label.debugDescription) is not an intent of the bot")
            }
            out.append(LabeledUtterance(text: row.fields[textColumn], label: label))
        }
        return out
    }
}

/// RFC 4180: fields separated by commas, quoted with `"` when they hold commas, quotes or newlines.
enum CSVRows {
    struct Row { var fields: [String]; var line: Int }

    static func parse(_ text: String, file: String) throws -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, rowLine = 1
        var inQuotes = false, wasQuoted = false
        let bytes = Array(text.utf8)
        var i = 0
        func endField() { fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true); wasQuoted = false }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { inQuotes = false }
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") && field.isEmpty && !wasQuoted {
                inQuotes = true; wasQuoted = true
            } else if b == UInt8(ascii: ",") {
                endField()
            } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                if b == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                endField(); rows.append(Row(fields: fields, line: rowLine)); fields = []
                line += 1; rowLine = line
            } else {
                field.append(b)
            }
            i += 1
        }
        if inQuotes { throw BotDefinitionError(file: file, line: rowLine, keyPath: "", message: "unterminated quoted field") }
        if !field.isEmpty || !fields.isEmpty { endField(); rows.append(Row(fields: fields, line: rowLine)) }
        return rows
    }
}
