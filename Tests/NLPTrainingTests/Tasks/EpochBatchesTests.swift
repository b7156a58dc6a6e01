import NLPTensor
import Testing
@testable import NLPTraining

@Suite struct EpochBatchesTests {
    /// Lengths from 1 to 60 tokens, like SST-2's phrases and sentences.
    let lengths: [Int] = {
        var random = Xoshiro256StarStar(seed: 7)
        return (0..<1000).map { _ in 1 + Int(random.next() % 60) }
    }()

    func padding(_ batches: [[Int]]) -> Int {
        batches.reduce(0) { sum, b in
            let longest = b.map { lengths[$0] }.max()!
            return sum + b.reduce(0) { $0 + longest - lengths[$1] }
        }
    }

    @Test(arguments: [false, true])
    func everyRowOnceAndSameBatchCount(grouped: Bool) {
        var random = Xoshiro256StarStar(seed: 1)
        let batches = EpochBatches.make(lengths: lengths, batchSize: 32, groupByLength: grouped, using: &random)
        #expect(batches.count == (lengths.count + 31) / 32)
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<lengths.count))
        #expect(batches.allSatisfy { $0.count <= 32 })
    }

    @Test func groupingCutsPaddingAndIsSeeded() {
        var a = Xoshiro256StarStar(seed: 3), b = Xoshiro256StarStar(seed: 3), c = Xoshiro256StarStar(seed: 3)
        let plain = EpochBatches.make(lengths: lengths, batchSize: 32, groupByLength: false, using: &a)
        let grouped = EpochBatches.make(lengths: lengths, batchSize: 32, groupByLength: true, using: &b)
        let again = EpochBatches.make(lengths: lengths, batchSize: 32, groupByLength: true, using: &c)
        #expect(grouped == again)
        #expect(padding(grouped) * 5 < padding(plain))
    }

    @Test func plainOrderIsTheSeededShuffle() {
        var a = Xoshiro256StarStar(seed: 5), b = Xoshiro256StarStar(seed: 5)
        var order = Array(0..<lengths.count)
        order.shuffle(using: &b)
        #expect(EpochBatches.make(lengths: lengths, batchSize: 100, groupByLength: false, using: &a).flatMap { $0 } == order)
    }
}
