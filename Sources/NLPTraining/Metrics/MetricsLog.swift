import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One line of `metrics.jsonl`: the fields DESIGN.md names (`step`, `loss`, `lr`,
/// `tokens_per_second`, `val_loss` when a validation pass ran) plus `val_perplexity`,
/// `mlm_accuracy` (masked-token accuracy of the logged training steps), the unigram baseline
/// and the gradient norm. Absent values are omitted, never written as null.
public struct MetricsRecord: Codable, Equatable, Sendable {
    public var step: Int
    public var loss: Double?
    public var lr: Double?
    public var tokensPerSecond: Double?
    public var mlmAccuracy: Double?
    public var gradNorm: Double?
    public var valLoss: Double?
    public var valPerplexity: Double?
    public var valAccuracy: Double?
    public var unigramBaseline: Double?
    public var elapsedSeconds: Double?

    public init(step: Int) { self.step = step }

    enum CodingKeys: String, CodingKey {
        case step, loss, lr
        case tokensPerSecond = "tokens_per_second"
        case mlmAccuracy = "mlm_accuracy"
        case gradNorm = "grad_norm"
        case valLoss = "val_loss"
        case valPerplexity = "val_perplexity"
        case valAccuracy = "val_accuracy"
        case unigramBaseline = "unigram_baseline"
        case elapsedSeconds = "elapsed_seconds"
    }
}

/// Appends records to `metrics.jsonl`, one JSON object per line, flushed line by line (a
/// killed run keeps every line it logged). On resume, `truncate(after:)` first drops the lines
/// of steps after the checkpoint, which the resumed run will log again.
public final class MetricsLog {
    public let path: String
    private let encoder: JSONEncoder

    public init(path: String) {
        self.path = path
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
    }

    public func append(_ record: MetricsRecord) throws {
        var line = try encoder.encode(record)
        line.append(0x0A)
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CorpusError("\(path): cannot open for appending (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        let written = line.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
        guard written == line.count else { throw CorpusError("\(path): write failed") }
    }

    /// Every record in the file (a torn last line from a kill is skipped).
    public func read() throws -> [MetricsRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(MetricsRecord.self, from: Data($0)) }
    }

    /// Keeps only records with step <= `step` (atomically rewritten).
    public func truncate(after step: Int) throws {
        let kept = try read().filter { $0.step <= step }
        var data = Data()
        for r in kept { data.append(try encoder.encode(r)); data.append(0x0A) }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
