import Foundation
import NLPUnicode

/// MB/s of the Unicode layer on the first 10 MB of the peers' corpora, line by line as `nlp`
/// streams them: validation, NFC, NFKC, the `nlp normalize --lowercase --strip-accents`
/// pipeline, and ICU word segmentation. Corpora: /root/.cache/nlp-peers/data (override with
/// NLP_BENCH_DATA); a missing corpus is skipped.
func runUnicodeBench() throws {
    let directory = ProcessInfo.processInfo.environment["NLP_BENCH_DATA"] ?? "/root/.cache/nlp-peers/data"
    for (corpus, locale) in [("corpus-en.txt", "en"), ("corpus-zh.txt", "zh")] {
        guard let handle = FileHandle(forReadingAtPath: directory + "/" + corpus) else {
            print("\(corpus): not found in \(directory), skipped")
            continue
        }
        var data = [UInt8](handle.readData(ofLength: 10 << 20))
        if let lastNewline = data.lastIndex(of: 0x0A) { data.removeSubrange((lastNewline + 1)...) }
        let megabytes = Double(data.count) / 1e6
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        print("\(corpus): \(String(format: "%.1f", megabytes)) MB, \(lines.count) lines")

        func measure(_ label: String, _ body: () -> Int) {
            var best = Double.infinity, checksum = 0
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                checksum = body()
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            print("  \(label.padding(toLength: 40, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", megabytes / best)) MB/s   (check \(checksum))")
        }

        measure("UTF-8 validation (buffer)") { data.withUnsafeBufferPointer { UTF8Validator.isValid($0) ? 1 : 0 } }
        measure("NFC (already-normal: quick check)") { lines.reduce(0) { $0 + Normalization.normalize($1, .nfc).utf8.count } }
        measure("NFKC") { lines.reduce(0) { $0 + Normalization.normalize($1, .nfkc).utf8.count } }
        measure("NFD") { lines.reduce(0) { $0 + Normalization.normalize($1, .nfd).utf8.count } }
        let cli = TextNormalizer(form: .nfc, lowercase: true, stripAccents: true)
        measure("normalize --lowercase --strip-accents") { lines.reduce(0) { $0 + cli.normalize($1).utf8.count } }
        let words = try WordSegmenter(locale: locale)
        measure("ICU word segmentation (\(locale))") { lines.reduce(0) { $0 + words.segments(in: $1).count } }
        let sentences = try SentenceSegmenter(locale: locale)
        measure("ICU sentence segmentation (\(locale))") { lines.reduce(0) { $0 + sentences.segments(in: $1).count } }
        measure("grapheme clusters (utf8proc)") { lines.reduce(0) { $0 + GraphemeClusters.ranges(in: $1).count } }
    }
}
