#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `textsToMatrix` scores a word in a text (Keras's `mode`).
public enum KerasMatrixMode: String, Sendable {
    /// 1 when the word occurs.
    case binary
    /// Occurrences.
    case count
    /// Occurrences / length of the sequence (all its indices, also those cut by `numWords`).
    case freq
    /// (1 + ln count) * ln(1 + documents / (1 + documents containing the word)).
    case tfidf
}

extension KerasTokenizer {
    /// `texts_to_matrix`: one row per text, `numWords` columns (or vocabulary size + 1).
    public func textsToMatrix(_ texts: [String], mode: KerasMatrixMode = .binary) throws -> [[Double]] {
        try sequencesToMatrix(textsToSequences(texts), mode: mode)
    }

    /// `sequences_to_matrix`.
    public func sequencesToMatrix(_ sequences: [[Int]], mode: KerasMatrixMode = .binary) throws -> [[Double]] {
        let columns: Int
        if let n = numWords, n != 0 {
            columns = n
        } else if !indexKeys.isEmpty {
            columns = indexKeys.count + 1
        } else {
            throw TokenizerError.invalidArgument("Keras tokenizer: specify numWords, or fit on some text data first")
        }
        if mode == .tfidf && documentCount == 0 {
            throw TokenizerError.invalidArgument("Keras tokenizer: fit on some data before using tfidf mode")
        }
        let documents = indexDocs
        return sequences.map { sequence in
            var row = [Double](repeating: 0, count: columns)
            if sequence.isEmpty { return row }
            var occurrences: [Int: Int] = [:]
            for j in sequence where j >= 0 && j < columns { occurrences[j, default: 0] += 1 }
            for (j, c) in occurrences {
                switch mode {
                case .count: row[j] = Double(c)
                case .freq: row[j] = Double(c) / Double(sequence.count)
                case .binary: row[j] = 1
                case .tfidf:
                    let tf = 1 + log(Double(c))
                    let idf = log(1 + Double(documentCount) / Double(1 + (documents[j] ?? 0)))
                    row[j] = tf * idf
                }
            }
            return row
        }
    }
}
