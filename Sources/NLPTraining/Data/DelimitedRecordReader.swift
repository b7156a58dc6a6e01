import NLPUnicode

/// One record of a table file: its fields and the physical line it started on.
public struct TableRecord: Equatable {
    public var fields: [String]
    public var line: Int
}

/// Streams records out of CSV (RFC 4180) or TSV bytes.
///
/// CSV: fields separated by commas; a field that starts with '"' is quoted, may hold commas, '\n'
/// and '""' for one quote; records end at '\n' or "\r\n" outside quotes. Lenient where RFC 4180
/// is silent: text after a closing quote is kept ("ab"c -> abc), blank lines are skipped.
///
///     text,label
///     "Hello, ""world""",greeting      ->  ["Hello, \"world\"", "greeting"]
///     "two
///     lines",other                     ->  ["two\nlines", "other"]   (line 3)
///
/// TSV: fields separated by tabs, no quoting (GLUE's convention: a '"' is an ordinary byte, as in
/// SST-2's `it 's a "charming" film`). Every field is checked to be UTF-8; an error names the line.
final class DelimitedRecordReader {
    let path: String
    private let bytes: ChunkedByteReader
    private let delimiter: UInt8
    private let quoting: Bool
    private var field: [UInt8] = []
    private var lineBuffer: [UInt8] = []

    init(path: String, bytes: ChunkedByteReader, delimiter: UInt8, quoting: Bool) {
        self.path = path
        self.bytes = bytes
        self.delimiter = delimiter
        self.quoting = quoting
    }

    func next() throws -> TableRecord? {
        quoting ? try nextQuoted() : try nextUnquoted()
    }

    private func nextUnquoted() throws -> TableRecord? {
        while true {
            let line = bytes.line
            lineBuffer.removeAll(keepingCapacity: true)
            guard bytes.readLine(into: &lineBuffer) else { return nil }
            if lineBuffer.isEmpty { continue }
            var fields: [String] = []
            var start = 0
            for i in 0...lineBuffer.count where i == lineBuffer.count || lineBuffer[i] == delimiter {
                fields.append(try string(lineBuffer[start..<i], line: line, field: fields.count + 1))
                start = i + 1
            }
            return TableRecord(fields: fields, line: line)
        }
    }

    private func nextQuoted() throws -> TableRecord? {
        var fields: [String] = []
        var startLine = bytes.line
        var fieldLine = startLine
        field.removeAll(keepingCapacity: true)
        var inQuotes = false
        var fieldStarted = false  // a byte or a quote has been seen in this field
        while true {
            guard let b = bytes.next() else {
                if inQuotes { throw DatasetError.unterminatedQuote(path: path, line: fieldLine) }
                if fields.isEmpty && !fieldStarted { return nil }
                fields.append(try string(field[...], line: fieldLine, field: fields.count + 1))
                return TableRecord(fields: fields, line: startLine)
            }
            if inQuotes {
                if b == 0x22 {
                    if bytes.peek() == 0x22 {
                        _ = bytes.next()
                        field.append(0x22)
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(b)
                }
                continue
            }
            switch b {
            case 0x22 where !fieldStarted:
                inQuotes = true
                fieldStarted = true
            case delimiter:
                fields.append(try string(field[...], line: fieldLine, field: fields.count + 1))
                field.removeAll(keepingCapacity: true)
                fieldStarted = false
                fieldLine = bytes.line
            case 0x0A, 0x0D:
                if b == 0x0D && bytes.peek() == 0x0A { _ = bytes.next() }
                if fields.isEmpty && !fieldStarted {
                    // A blank line between records.
                    startLine = bytes.line
                    fieldLine = startLine
                    continue
                }
                fields.append(try string(field[...], line: fieldLine, field: fields.count + 1))
                return TableRecord(fields: fields, line: startLine)
            default:
                field.append(b)
                fieldStarted = true
            }
        }
    }

    /// The field as a String; invalid UTF-8 is refused with its physical line and field number.
    private func string(_ slice: ArraySlice<UInt8>, line: Int, field: Int) throws -> String {
        try slice.withUnsafeBufferPointer { buffer in
            do {
                try UTF8Validator.validate(buffer, firstLine: line)
            } catch let e as InvalidUTF8Error {
                throw DatasetError.invalidUTF8(path: path, line: e.line, place: "field \(field)", detail: e.hexBytes)
            }
            return String(decoding: buffer, as: UTF8.self)
        }
    }
}

extension InvalidUTF8Error {
    /// "0xC3 0x28" (the invalid bytes and the one that broke the sequence), ", truncated" at the end of input.
    var hexBytes: String {
        let hex = bytes.map { ($0 < 0x10 ? "0x0" : "0x") + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
        return hex + (isTruncated ? ", truncated" : "")
    }
}
