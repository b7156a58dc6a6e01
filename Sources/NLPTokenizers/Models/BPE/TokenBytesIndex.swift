/// Byte string -> token id, for byte-level vocabularies: answers "is this whole piece a
/// token?" (`ignoreMerges`, tiktoken's shortcut) without building a mapped String.
final class TokenBytesIndex: @unchecked Sendable {
    private var bytes: [UInt8] = []
    private var offsets: [Int32] = [0]
    private var slots: [Int32]
    private let mask: Int

    init(tokens: [(bytes: [UInt8], id: Int32)]) {
        var size = 16
        while size < tokens.count * 2 { size <<= 1 }
        mask = size - 1
        slots = [Int32](repeating: -1, count: size)
        var ids: [Int32] = []
        for (token, id) in tokens {
            let h = TokenBytesIndex.hash(token.withUnsafeBufferPointer { $0 })
            var i = h & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(ids.count)
            ids.append(id)
            bytes.append(contentsOf: token)
            offsets.append(Int32(bytes.count))
        }
        self.ids = ids
    }

    private let ids: [Int32]

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in p { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    func id(of piece: UnsafeBufferPointer<UInt8>) -> Int32? {
        var i = TokenBytesIndex.hash(piece) & mask
        return bytes.withUnsafeBufferPointer { all -> Int32? in
            while true {
                let entry = Int(slots[i])
                if entry < 0 { return nil }
                let start = Int(offsets[entry]), end = Int(offsets[entry + 1])
                if end - start == piece.count && memcmp(all.baseAddress! + start, piece.baseAddress!, piece.count) == 0 {
                    return ids[entry]
                }
                i = (i + 1) & mask
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
