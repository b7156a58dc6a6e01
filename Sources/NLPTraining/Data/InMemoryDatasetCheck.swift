import Foundation

/// Fine-tuning holds its training set in memory (texts, then token ids, shuffled every epoch);
/// `nlp eval` and `nlp predict` stream instead. Before loading, this refuses a file that cannot
/// fit, in one line, instead of letting the kernel kill the process hours into reading it:
///
///     big.csv is 40.0 GB; fine-tuning holds the training set in memory (about 120.0 GB for this
///     file) but only 19.2 GB is available; train on a sample (e.g. head -n 1000000 big.csv > sample.csv)
///
/// The estimate is 3x the file size: the texts as Swift strings (about 1x plus per-row overhead),
/// their token ids (4 bytes per token, about 1x for English), and the shuffled copies the trainer
/// makes. It errs on the side of letting a run start: only a file clearly too large is refused.
public enum InMemoryDatasetCheck {
    public static let bytesPerFileByte = 3

    public static func check(path: String, availableBytes: Int? = availableMemory()) throws {
        guard let available = availableBytes,
              let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue else { return }
        let needed = size.multipliedReportingOverflow(by: bytesPerFileByte).partialValue
        guard needed > available else { return }
        throw DatasetError.tooLargeForMemory(path: path, fileBytes: size, neededBytes: needed, availableBytes: available)
    }

    /// MemAvailable from /proc/meminfo (Linux), nil where it cannot be read.
    public static func availableMemory() -> Int? {
        // /proc files report size 0: read to the end instead of trusting the size.
        guard let handle = FileHandle(forReadingAtPath: "/proc/meminfo") else { return nil }
        defer { try? handle.close() }
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kib = Int(fields[1]) { return kib * 1024 }
        }
        return nil
    }
}
