import NLPTensor

/// The order in which one epoch visits the training rows, as batches of row indices.
///
/// Plain: a seeded shuffle cut into batches. Grouped by length (Hugging Face Trainer's
/// `group_by_length`): the shuffled rows are cut into mega-batches of 50 batches, each sorted by
/// length and cut again, and the batches are shuffled, so a batch pads to a length close to that of
/// its rows instead of to the longest of 32 random ones. On SST-2, whose training rows run from
/// one word to whole sentences, that removes most of the padding; batches stay random in
/// content and order, and the number of batches per epoch is the same.
///
///     var random = Xoshiro256StarStar(seed: 1)
///     EpochBatches.make(lengths: [5, 1, 9, 2], batchSize: 2, groupByLength: true, using: &random)
///     // e.g. [[3, 1], [0, 2]]: the two short rows together, the two long ones together
public enum EpochBatches {
    public static let megaBatchFactor = 50

    public static func make(lengths: [Int], batchSize: Int, groupByLength: Bool,
                            using random: inout Xoshiro256StarStar) -> [[Int]] {
        var order = Array(0..<lengths.count)
        order.shuffle(using: &random)
        guard groupByLength else {
            return stride(from: 0, to: order.count, by: batchSize).map { Array(order[$0..<min(order.count, $0 + batchSize)]) }
        }
        var batches: [[Int]] = []
        let mega = batchSize * megaBatchFactor
        for start in stride(from: 0, to: order.count, by: mega) {
            // Longest first within a mega-batch, ties in shuffled order (a stable sort).
            let chunk = order[start..<min(order.count, start + mega)].enumerated()
                .sorted { (lengths[$0.element], $1.offset) > (lengths[$1.element], $0.offset) }.map(\.element)
            for b in stride(from: 0, to: chunk.count, by: batchSize) { batches.append(Array(chunk[b..<min(chunk.count, b + batchSize)])) }
        }
        batches.shuffle(using: &random)
        return batches
    }
}
