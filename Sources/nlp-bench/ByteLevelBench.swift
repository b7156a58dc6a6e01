#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NLPTokenizers

/// `nlp-bench bytelevel [--ranks PATH] [--limit-mb N] [--long-mb N] [CORPUS...]`
/// Byte-level BPE (GPT-2 ranks) encode speed, one line at a time as tiktoken's per-line mode,
/// on 1 and 2 threads; then one line of N MB with no spaces (letters only: a single piece).
///
/// `nlp-bench bytelevel-ids [--ranks PATH] FILE` prints the ids of each line (for parity).
enum ByteLevelBench {
    static let defaultRanks = "/work/shared/peers/assets/gpt2.tiktoken"
    static let defaultCorpora = ["/root/.cache/nlp-peers/data/corpus-en.txt", "/root/.cache/nlp-peers/data/corpus-zh.txt"]

    static func option(_ args: inout [String], _ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        let value = args[i + 1]
        args.removeSubrange(i...(i + 1))
        return value
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    static func peakRSSMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func load(_ ranks: String) -> BPEModel {
        do { return try BPEModel.loadTiktoken(path: ranks) } catch {
            FileHandle.standardError.write("nlp-bench: \(error)\n".data(using: .utf8)!)
            exit(1)
        }
    }

    static func run(_ arguments: [String]) {
        var args = arguments
        let ranks = option(&args, "--ranks") ?? defaultRanks
        let limitMB = option(&args, "--limit-mb").flatMap(Double.init)
        let longMB = option(&args, "--long-mb").flatMap(Int.init) ?? 100
        let corpora = args.isEmpty ? defaultCorpora : args
        let t0 = now()
        let model = load(ranks)
        print(String(format: "load %@: %.3f s", ranks, now() - t0))
        for path in corpora {
            guard var bytes = FileManager.default.contents(atPath: path).map([UInt8].init) else {
                print("skip \(path): cannot read"); continue
            }
            if let mb = limitMB, bytes.count > Int(mb * 1e6) {
                var cut = Int(mb * 1e6)
                while cut < bytes.count && bytes[cut] != 0x0A { cut += 1 }
                bytes = Array(bytes[..<cut])
            }
            for threads in [1, 2] {
                var best = Double.infinity
                var tokens = 0
                for _ in 0..<2 {
                    let start = now()
                    let result = bytes.withUnsafeBufferPointer {
                        ByteLevelEncoder.encodeLines($0, model: model, threads: threads)
                    }
                    best = min(best, now() - start)
                    tokens = result.ids.count
                }
                print(String(format: "%@  threads=%d  %.1f MB  %d tokens  %.3f s  %.1f MB/s  %.2f Mtok/s",
                             (path as NSString).lastPathComponent, threads, Double(bytes.count) / 1e6, tokens,
                             best, Double(bytes.count) / 1e6 / best, Double(tokens) / 1e6 / best))
            }
        }
        // One line of `longMB` MB of letters and no spaces: a single pre-tokenizer piece.
        let alphabet = Array("thequickbrownfoxjumpsoverthelazydogpackmyboxwithfivedozenliquorjugs".utf8)
        var line = [UInt8](repeating: 0, count: longMB * 1_000_000)
        var state: UInt64 = 42
        for i in line.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            line[i] = alphabet[Int((state >> 33) % UInt64(alphabet.count))]
        }
        for mb in [longMB / 10, longMB] where mb > 0 {
            let start = now()
            let n = line.withUnsafeBufferPointer { buffer -> Int in
                var encoder = ByteLevelEncoder(model: model)
                var ids: [Int32] = []
                encoder.encode(UnsafeBufferPointer(rebasing: buffer[0..<(mb * 1_000_000)]), into: &ids)
                return ids.count
            }
            print(String(format: "no-space line %d MB: %d tokens  %.2f s  %.1f MB/s", mb, n, now() - start,
                         Double(mb) / (now() - start)))
        }
        print(String(format: "peak RSS %.0f MB", peakRSSMB()))
    }

    static func writeIDs(_ arguments: [String]) {
        var args = arguments
        let ranks = option(&args, "--ranks") ?? defaultRanks
        let threads = option(&args, "--threads").flatMap(Int.init) ?? 2
        guard let path = args.first, let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write("usage: nlp-bench bytelevel-ids [--ranks PATH] FILE\n".data(using: .utf8)!)
            exit(2)
        }
        let bytes = [UInt8](data)
        let model = load(ranks)
        let (ids, ends) = bytes.withUnsafeBufferPointer { ByteLevelEncoder.encodeLines($0, model: model, threads: threads) }
        var out: [UInt8] = []
        out.reserveCapacity(ids.count * 6)
        var k = 0
        for end in ends {
            var first = true
            while k < end {
                if !first { out.append(0x20) }
                first = false
                out.append(contentsOf: String(ids[k]).utf8)
                k += 1
            }
            out.append(0x0A)
            if out.count > 1 << 20 { FileHandle.standardOutput.write(Data(out)); out.removeAll(keepingCapacity: true) }
        }
        FileHandle.standardOutput.write(Data(out))
    }
}
