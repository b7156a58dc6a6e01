import Foundation

/// Readers for the two other files byte-level BPE ships as: GPT-2's `vocab.json` + `merges.txt`
/// and tiktoken's rank files. Bad files are refused with one line naming the path, the line
/// and the reason.
extension BPEModel {
    /// GPT-2 / RoBERTa `vocab.json` (token -> id) and `merges.txt` ("#version" line, then "a b"
    /// per line, in priority order). The result is byte-level.
    public static func loadGPT2(vocabPath: String, mergesPath: String,
                                options: Options = Options(byteLevel: true)) throws -> BPEModel {
        let vocabJSON: JSONValue
        do { vocabJSON = try JSONValue.parse(try readFile(vocabPath)) } catch let e as JSONError {
            throw TokenizerError.invalidFile(path: vocabPath, reason: e.description)
        }
        guard let entries = vocabJSON.objectValue else {
            throw TokenizerError.invalidFile(path: vocabPath, reason: "expected a JSON object of token -> id")
        }
        var vocab = Vocabulary()
        for (token, id) in entries {
            guard let i = id.intValue, i >= 0, i <= Int(Int32.max) else {
                throw TokenizerError.invalidFile(path: vocabPath, reason: "id of '\(token)' is not a non-negative integer")
            }
            vocab.insert(token, id: Int32(i))
        }
        var merges: [(String, String)] = []
        var lineNumber = 0
        for lineBytes in String(decoding: try readFile(mergesPath), as: UTF8.self).utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Substring(lineBytes)
            let text = line.utf8.last == 0x0D ? Substring(line.utf8.dropLast()) : line
            if text.isEmpty || text.hasPrefix("#version") { continue }
            // Split on the space byte: as Characters, " " + U+0301 is one grapheme.
            let parts = text.utf8.split(separator: 0x20, omittingEmptySubsequences: false).map { String(Substring($0)) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw TokenizerError.invalidFile(path: mergesPath, reason: "line \(lineNumber): expected two tokens separated by one space")
            }
            merges.append((String(parts[0]), String(parts[1])))
        }
        do {
            return try BPEModel(vocab: vocab, merges: merges, options: options)
        } catch let e as TokenizerError {
            throw TokenizerError.invalidFile(path: mergesPath, reason: e.description)
        }
    }

    /// A tiktoken rank file: "base64(token bytes) rank" per line. Merging follows tiktoken: any
    /// two adjacent parts whose concatenation is a token merge, lowest rank first, and a piece
    /// that is a token is emitted whole (`ignoreMerges`). `merges` holds the merge list
    /// recovered from the ranks (what Hugging Face's converters write), for `json`.
    public static func loadTiktoken(path: String) throws -> BPEModel {
        try parseTiktoken(try readFile(path), path: path)
    }

    public static func parseTiktoken(_ bytes: [UInt8], path: String) throws -> BPEModel {
        var tokens: [[UInt8]] = []
        var ranks: [Int32] = []
        var rankOf: [[UInt8]: Int32] = [:]
        var seenRanks = Set<Int32>()
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            defer { start = end + 1 }
            if lineEnd == start { continue }
            func fail(_ why: String) -> TokenizerError { .invalidFile(path: path, reason: "line \(lineNumber): \(why)") }
            guard let space = bytes[start..<lineEnd].firstIndex(of: 0x20) else { throw fail("expected 'base64-token rank'") }
            guard let token = Base64.decode(bytes[start..<space]), !token.isEmpty else { throw fail("invalid base64 token") }
            let digits = bytes[(space + 1)..<lineEnd]
            guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let rank = Int32(String(decoding: digits, as: UTF8.self)) else { throw fail("rank is not a non-negative integer") }
            guard rankOf[token] == nil else { throw fail("token listed twice") }
            guard seenRanks.insert(rank).inserted else { throw fail("rank \(rank) listed twice") }
            rankOf[token] = rank
            tokens.append(token)
            ranks.append(rank)
        }
        guard !tokens.isEmpty else { throw TokenizerError.invalidFile(path: path, reason: "no tokens (not a tiktoken rank file)") }

        var vocab = Vocabulary()
        let table = BPEPairTable(capacity: tokens.count * 8)
        for (token, rank) in zip(tokens, ranks) {
            vocab.insert(GPT2ByteMapping.encode(token), id: rank)
            guard token.count > 1 else { continue }
            for k in 1..<token.count {
                if let a = rankOf[Array(token[..<k])], let b = rankOf[Array(token[k...])] {
                    table.insert(a: a, b: b, rank: UInt32(rank), newID: rank)
                }
            }
        }
        let merges = recoverMerges(tokens: tokens, ranks: ranks, rankOf: rankOf, table: table)
        return try BPEModel(vocab: vocab, merges: merges,
                            options: Options(ignoreMerges: true, byteLevel: true), pairs: table)
    }

    /// For each multi-byte token, in rank order, BPE over its bytes with only lower ranks
    /// allowed; when that leaves two parts, they are the merge that makes the token.
    static func recoverMerges(tokens: [[UInt8]], ranks: [Int32], rankOf: [[UInt8]: Int32],
                              table: BPEPairTable) -> [(String, String)] {
        var byteRank = [Int32](repeating: -1, count: 256)
        for b in 0..<256 { byteRank[b] = rankOf[[UInt8(b)]] ?? -1 }
        var merger = BPEMerger()
        var rng = SplitMix64(seed: 0)
        var merges: [(String, String)] = []
        var ids = [Int32](), spans = [UInt64]()
        for index in ranks.indices.sorted(by: { ranks[$0] < ranks[$1] }) where tokens[index].count > 1 {
            let token = tokens[index]
            ids.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
            for (i, b) in token.enumerated() { ids.append(byteRank[Int(b)]); spans.append(UInt64(i) << 32 | UInt64(i + 1)) }
            if ids.contains(-1) { continue }
            let n = ids.withUnsafeMutableBufferPointer { idb in
                spans.withUnsafeMutableBufferPointer { sb in
                    merger.merge(ids: idb.baseAddress!, spans: sb.baseAddress!, count: idb.count, table: table,
                                 maxRank: UInt32(ranks[index]), rng: &rng)
                }
            }
            guard n == 2 else { continue }
            let cut = Int(spans[1] >> 32)
            merges.append((GPT2ByteMapping.encode(token[..<cut]), GPT2ByteMapping.encode(token[cut...])))
        }
        return merges
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TokenizerError.invalidFile(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw TokenizerError.invalidFile(path: path, reason: "is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TokenizerError.invalidFile(path: path, reason: "cannot be read")
        }
        return [UInt8](data)
    }
}

/// Strict standard base64 (RFC 4648 alphabet, optional '=' padding).
enum Base64 {
    static let values: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = Int8(i) }
        return t
    }()

    static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var chars = text
        while chars.last == UInt8(ascii: "=") { chars.removeLast() }
        guard text.count % 4 == 0 || text.count == chars.count, text.count - chars.count <= 2 else { return nil }
        guard chars.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count * 3 / 4)
        var acc: UInt32 = 0, bits = 0
        for c in chars {
            let v = values[Int(c)]
            if v < 0 { return nil }
            acc = acc << 6 | UInt32(v)
            bits += 6
            if bits >= 8 { bits -= 8; out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits))) }
        }
        return out
    }
}
