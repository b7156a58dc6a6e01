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
                fields.append(try string(lineBuffer[start..<i], line: line))
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
                fields.append(try string(field[...], line: fieldLine))
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
                fields.append(try string(field[...], line: fieldLine))
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
                fields.append(try string(field[...], line: fieldLine))
                return TableRecord(fields: fields, line: startLine)
            default:
                field.append(b)
                fieldStarted = true
            }
        }
    }

    private func string(_ slice: ArraySlice<UInt8>, line: Int) throws -> String {
        try slice.withUnsafeBufferPointer { buffer in
            if let (offset, length) = UTF8Validator.firstInvalid(buffer) {
                var lineOfError = line
                for j in 0..<offset where buffer[j] == 0x0A { lineOfError += 1 }
                let hex = buffer[offset..<(offset + length)].map { "0x" + String($0, radix: 16, uppercase: true) }
                throw DatasetError.invalidUTF8(path: path, line: lineOfError, detail: hex.joined(separator: " "))
            }
            return String(decoding: buffer, as: UTF8.self)
        }
    }
}
