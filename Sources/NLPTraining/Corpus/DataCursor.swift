import Foundation

/// Where the training stream stands, completely enough that a resumed run draws exactly the
/// sequences the uninterrupted run would have drawn:
///
/// - `fileIndex`, `byteOffset`, `lineNumber`: the next unread line (the file reader's
///   read-ahead is not state: it is re-read from `byteOffset`);
/// - `paragraphIndex`: the epoch-wide count of non-empty lines, which decides the validation
///   split (every k-th paragraph is held out);
/// - `pending`: packed-stream tokens not yet in a sequence;
/// - `shuffled` and `shuffleRandom`: the shuffle buffer's sequences and generator;
/// - `epoch`, `sequencesServed`, `trainingTokensThisEpoch` (which detects a corpus with no
///   training text instead of looping forever).
///
/// It is a value: `PretrainingCorpus.cursor` hands out a copy, `init(cursor:)` resumes from one.
/// In JSON the two id arrays are base64 of little-endian int32 (a full 1024 x 128 shuffle
/// buffer is 700 KB that way, against ~1 MB as a JSON array).
public struct DataCursor: Codable, Equatable, Sendable {
    public var fileIndex = 0
    public var byteOffset = 0
    public var lineNumber = 1
    public var paragraphIndex = 0
    public var epoch = 0
    public var sequencesServed = 0
    public var trainingTokensThisEpoch = 0
    public var pending: [Int32] = []
    public var shuffled: [Int32] = []
    public var shuffleRandom: [UInt64] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case fileIndex, byteOffset, lineNumber, paragraphIndex, epoch, sequencesServed, trainingTokensThisEpoch
        case pending, shuffled, shuffleRandom
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fileIndex = try c.decode(Int.self, forKey: .fileIndex)
        byteOffset = try c.decode(Int.self, forKey: .byteOffset)
        lineNumber = try c.decode(Int.self, forKey: .lineNumber)
        paragraphIndex = try c.decode(Int.self, forKey: .paragraphIndex)
        epoch = try c.decode(Int.self, forKey: .epoch)
        sequencesServed = try c.decode(Int.self, forKey: .sequencesServed)
        trainingTokensThisEpoch = try c.decode(Int.self, forKey: .trainingTokensThisEpoch)
        pending = try Self.ids(c.decode(String.self, forKey: .pending), key: .pending, in: c)
        shuffled = try Self.ids(c.decode(String.self, forKey: .shuffled), key: .shuffled, in: c)
        shuffleRandom = try c.decode([UInt64].self, forKey: .shuffleRandom)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fileIndex, forKey: .fileIndex)
        try c.encode(byteOffset, forKey: .byteOffset)
        try c.encode(lineNumber, forKey: .lineNumber)
        try c.encode(paragraphIndex, forKey: .paragraphIndex)
        try c.encode(epoch, forKey: .epoch)
        try c.encode(sequencesServed, forKey: .sequencesServed)
        try c.encode(trainingTokensThisEpoch, forKey: .trainingTokensThisEpoch)
        try c.encode(Self.base64(pending), forKey: .pending)
        try c.encode(Self.base64(shuffled), forKey: .shuffled)
        try c.encode(shuffleRandom, forKey: .shuffleRandom)
    }

    static func base64(_ ids: [Int32]) -> String {
        ids.map(\.littleEndian).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    static func ids(_ text: String, key: CodingKeys, in c: KeyedDecodingContainer<CodingKeys>) throws -> [Int32] {
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not base64 int32 data")
        }
        return data.withUnsafeBytes { raw in (0..<data.count / 4).map { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: Int32.self)) } }
    }
}
