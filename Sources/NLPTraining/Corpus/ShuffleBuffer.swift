import NLPTensor

/// A fixed-capacity reservoir that turns an ordered stream into a locally shuffled one without
/// holding the corpus: each draw takes a uniformly random slot and refills it from the stream
/// (tf.data's `shuffle(buffer_size)`). With capacity 1 it is the identity. Draws use the
/// buffer's own xoshiro256** generator, so contents plus generator state are the whole state.
///
/// Sequences are stored flat (`capacity * length` ids) so the checkpoint writes them as one
/// int32 tensor.
public struct ShuffleBuffer: Sendable, Equatable {
    public let capacity: Int
    public let length: Int
    /// count * length ids of the sequences currently held.
    public private(set) var storage: [Int32] = []
    public var random: Xoshiro256StarStar

    public init(capacity: Int, length: Int, seed: UInt64) {
        precondition(capacity >= 1 && length >= 1)
        self.capacity = capacity
        self.length = length
        random = Xoshiro256StarStar(seed: seed)
    }

    public var count: Int { storage.count / length }
    public var isFull: Bool { count >= capacity }

    /// Adds a sequence while there is room (filling phase).
    public mutating func insert(_ sequence: [Int32]) {
        precondition(sequence.count == length && !isFull)
        storage.append(contentsOf: sequence)
    }

    /// Takes a random sequence and puts `replacement` in its slot (or shrinks when nil).
    public mutating func draw(replacingWith replacement: [Int32]?) -> [Int32] {
        precondition(count > 0, "draw from an empty shuffle buffer")
        let slot = random.nextInt(below: count)
        let range = slot * length..<(slot + 1) * length
        let out = Array(storage[range])
        if let replacement {
            storage.replaceSubrange(range, with: replacement)
        } else {
            let last = (count - 1) * length..<count * length
            storage.replaceSubrange(range, with: storage[last])
            storage.removeLast(length)
        }
        return out
    }

    /// Restores held sequences (from a checkpoint).
    public mutating func restore(storage: [Int32], random: Xoshiro256StarStar) throws {
        guard storage.count % length == 0, storage.count / length <= capacity else {
            throw CorpusError("data cursor: shuffle buffer of \(storage.count) ids does not fit \(capacity) x \(length)")
        }
        self.storage = storage
        self.random = random
    }
}
