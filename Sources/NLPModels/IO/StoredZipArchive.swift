import Foundation

/// The entries of a zip archive whose members are stored uncompressed, the way `torch.save`
/// writes `pytorch_model.bin` (`archive/data.pkl`, `archive/data/0`, ...: method 0, data aligned
/// to 64 bytes through padding in the local header's extra field). ZIP64 archives (files over
/// 4 GB) are read too. Compressed members, encryption and multi-disk archives are refused: a
/// torch checkpoint never has them, and refusing keeps this a page of code instead of a library.
///
///     let zip = try StoredZipArchive(path: "pytorch_model.bin")
///     let pickle = try zip.contents(of: "pytorch_model/data.pkl")
struct StoredZipArchive {
    struct Entry {
        var name: String
        var method: Int
        var size: Int
        var localHeaderOffset: Int
    }

    let path: String
    let data: Data
    /// Entries in central-directory order.
    let entries: [Entry]

    init(path: String) throws {
        self.path = path
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw ModelError.io("cannot read \(path): \(error.localizedDescription)")
        }
        entries = try Self.readCentralDirectory(data, path: path)
    }

    func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// The bytes of a stored member.
    func contents(of name: String) throws -> Data {
        guard let e = entry(named: name) else { throw fail("has no member \(name)") }
        return try contents(of: e)
    }

    func contents(of e: Entry) throws -> Data {
        guard e.method == 0 else { throw fail("member \(e.name) is compressed (method \(e.method)); torch.save stores members uncompressed") }
        let h = e.localHeaderOffset
        guard h >= 0, h + 30 <= data.count, u32(h) == 0x0403_4B50 else { throw fail("bad local header for \(e.name)") }
        let start = h + 30 + u16(h + 26) + u16(h + 28)
        guard start + e.size <= data.count else { throw fail("member \(e.name) runs past the end of the file (truncated?)") }
        return data.subdata(in: start..<start + e.size)
    }

    private func fail(_ why: String) -> ModelError { .checkpoint("\(path): \(why)") }
    private func u16(_ o: Int) -> Int { Self.read(data, o, 2) }
    private func u32(_ o: Int) -> Int { Self.read(data, o, 4) }

    static func read(_ data: Data, _ offset: Int, _ width: Int) -> Int {
        var v = 0
        for k in (0..<width).reversed() { v = v << 8 | Int(data[data.startIndex + offset + k]) }
        return v
    }

    static func readCentralDirectory(_ data: Data, path: String) throws -> [Entry] {
        func fail(_ why: String) -> ModelError { .checkpoint("\(path): \(why)") }
        func at(_ o: Int, _ w: Int) throws -> Int {
            guard o >= 0, o + w <= data.count else { throw fail("not a zip archive (truncated directory)") }
            return read(data, o, w)
        }
        // End of central directory: 22 bytes plus a comment of at most 65535, at the very end.
        var eocd = -1
        var o = data.count - 22
        while o >= max(0, data.count - 22 - 65535) {
            if read(data, o, 4) == 0x0605_4B50 { eocd = o; break }
            o -= 1
        }
        guard eocd >= 0 else {
            let head = data.prefix(2)
            let hint = head.first == 0x80 ? " (this is a legacy, pre-1.6 torch.save file: re-save it with a current PyTorch)" : ""
            throw fail("not a zip archive\(hint)")
        }
        var count = try at(eocd + 10, 2), offset = try at(eocd + 16, 4)
        if try at(eocd + 4, 2) != 0 { throw fail("multi-disk zip archives are not supported") }
        if count == 0xFFFF || offset == 0xFFFF_FFFF, eocd >= 20, try at(eocd - 20, 4) == 0x0706_4B50 {
            let z = try at(eocd - 20 + 8, 8)
            guard try at(z, 4) == 0x0606_4B50 else { throw fail("bad ZIP64 end of central directory") }
            count = try at(z + 32, 8)
            offset = try at(z + 48, 8)
        }
        var entries: [Entry] = []
        entries.reserveCapacity(min(count, 1 << 16))
        var p = offset
        for _ in 0..<count {
            guard try at(p, 4) == 0x0201_4B50 else { throw fail("bad central directory entry at byte \(p)") }
            let flags = try at(p + 8, 2), method = try at(p + 10, 2)
            var size = try at(p + 24, 4), local = try at(p + 42, 4)
            let nameLength = try at(p + 28, 2), extraLength = try at(p + 30, 2), commentLength = try at(p + 32, 2)
            guard p + 46 + nameLength + extraLength <= data.count else { throw fail("truncated central directory") }
            if flags & 1 != 0 { throw fail("encrypted zip members are not supported") }
            let name = String(decoding: data[data.startIndex + p + 46..<data.startIndex + p + 46 + nameLength], as: UTF8.self)
            // ZIP64 extra field: 8-byte sizes/offset replace the 0xFFFFFFFF placeholders, in order.
            var e = p + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = try at(e, 2), length = try at(e + 2, 2)
                if id == 0x0001 {
                    var q = e + 4
                    if size == 0xFFFF_FFFF { size = try at(q, 8); q += 8 }
                    if try at(p + 20, 4) == 0xFFFF_FFFF { q += 8 }  // compressed size
                    if local == 0xFFFF_FFFF { local = try at(q, 8) }
                }
                e += 4 + length
            }
            entries.append(Entry(name: name, method: method, size: size, localHeaderOffset: local))
            p = extraEnd + commentLength
        }
        return entries
    }
}
