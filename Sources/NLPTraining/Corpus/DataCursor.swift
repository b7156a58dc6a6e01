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

    /// The scalar part (the arrays travel as int32 tensors in a checkpoint).
    public struct Position: Codable, Equatable, Sendable {
        public var fileIndex: Int
        public var byteOffset: Int
        public var lineNumber: Int
        public var paragraphIndex: Int
        public var epoch: Int
        public var sequencesServed: Int
        public var trainingTokensThisEpoch: Int
        public var shuffleRandom: [UInt64]
    }

    public var position: Position {
        get {
            Position(fileIndex: fileIndex, byteOffset: byteOffset, lineNumber: lineNumber, paragraphIndex: paragraphIndex,
                     epoch: epoch, sequencesServed: sequencesServed, trainingTokensThisEpoch: trainingTokensThisEpoch,
                     shuffleRandom: shuffleRandom)
        }
        set {
            fileIndex = newValue.fileIndex
            byteOffset = newValue.byteOffset
            lineNumber = newValue.lineNumber
            paragraphIndex = newValue.paragraphIndex
            epoch = newValue.epoch
            sequencesServed = newValue.sequencesServed
            trainingTokensThisEpoch = newValue.trainingTokensThisEpoch
            shuffleRandom = newValue.shuffleRandom
        }
    }
}
