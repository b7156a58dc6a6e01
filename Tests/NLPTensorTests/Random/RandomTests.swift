import Foundation
import Testing
@testable import NLPTensor

@Suite struct RandomTests {
    @Test func splitMix64MatchesReferenceVector() {
        // Reference outputs of splitmix64.c (Vigna) with seed 0.
        var s = SplitMix64(seed: 0)
        #expect(s.next() == 0xE220_A839_7B1D_CDAF)
        #expect(s.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(s.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func xoshiroMatchesReferenceVector() throws {
        // xoshiro256** from state {1, 2, 3, 4}: the vector used by rand_xoshiro's tests.
        // First value by hand: rotl(2 * 5, 7) * 9 = 1280 * 9 = 11520.
        var g = try Xoshiro256StarStar(state: [1, 2, 3, 4])
        let expected: [UInt64] = [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240]
        #expect((0..<4).map { _ in g.next() } == expected)
    }

    @Test func jumpsMatchPHPReference() {
        // php-src ext/random/tests/02_engine/xoshiro256starstar_value.phpt: seed 1234 via
        // SplitMix64, 10000 draws, jump(), jumpLong(), then one draw; PHP prints its
        // little-endian bytes "1f197e9ca7969123", i.e. the value 0x239196A79C7E191F.
        var g = Xoshiro256StarStar(seed: 1234)
        for _ in 0..<10000 { _ = g.next() }
        g.jump()
        g.longJump()
        #expect(g.next() == 0x2391_96A7_9C7E_191F)
    }

    @Test func stateRoundTripResumesBitForBit() throws {
        var a = Xoshiro256StarStar(seed: 99)
        for _ in 0..<37 { _ = a.nextNormal() }
        let json = try JSONEncoder().encode(a)
        var b = try JSONDecoder().decode(Xoshiro256StarStar.self, from: json)
        var c = try Xoshiro256StarStar(state: a.state)
        for _ in 0..<100 {
            let x = a.next()
            #expect(b.next() == x)
            #expect(c.next() == x)
        }
    }

    @Test func invalidStatesAreRefused() {
        #expect(throws: RandomStateError.self) { try Xoshiro256StarStar(state: [0, 0, 0, 0]) }
        #expect(throws: RandomStateError.self) { try Xoshiro256StarStar(state: [1, 2, 3]) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Xoshiro256StarStar.self, from: Data("[0,0,0,0]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Xoshiro256StarStar.self, from: Data("[1,2]".utf8)) }
    }

    @Test func encodesAsItsFourStateWords() throws {
        let g = try Xoshiro256StarStar(state: [1, 2, 3, 18_446_744_073_709_551_615])
        #expect(String(decoding: try JSONEncoder().encode(g), as: UTF8.self) == "[1,2,3,18446744073709551615]")
    }

    @Test func splitGivesDistinctReproducibleStreams() {
        var root1 = Xoshiro256StarStar(seed: 7), root2 = Xoshiro256StarStar(seed: 7)
        var a = root1.split(), b = root1.split()
        var a2 = root2.split(), b2 = root2.split()
        let sa = (0..<8).map { _ in a.next() }, sb = (0..<8).map { _ in b.next() }
        #expect(sa != sb)
        #expect(sa == (0..<8).map { _ in a2.next() })
        #expect(sb == (0..<8).map { _ in b2.next() })
        // The first child continues the parent's stream from where it was.
        var fresh = Xoshiro256StarStar(seed: 7)
        #expect((0..<8).map { _ in fresh.next() } == sa)
    }

    @Test func uniformFloatsAreInRangeWithRightMoments() {
        var g = Xoshiro256StarStar(seed: 1)
        var buf = [Float](repeating: 0, count: 100_000)
        buf.withUnsafeMutableBufferPointer { g.fillUniform($0, low: -2, high: 3) }
        #expect(buf.allSatisfy { $0 >= -2 && $0 < 3 })
        let mean = buf.reduce(0, +) / Float(buf.count)
        #expect(abs(mean - 0.5) < 0.03)  // std of mean = 5/sqrt(12)/sqrt(1e5) ~ 0.0046
    }

    @Test func normalsHaveUnitMomentsAndAreDeterministic() {
        var g = Xoshiro256StarStar(seed: 2)
        var buf = [Float](repeating: 0, count: 100_001)
        buf.withUnsafeMutableBufferPointer { g.fillNormal($0, mean: 1, std: 2) }
        let n = Double(buf.count)
        let mean = buf.reduce(0.0) { $0 + Double($1) } / n
        let variance = buf.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        #expect(abs(mean - 1) < 0.03)
        #expect(abs(variance - 4) < 0.08)
        // Box-Muller by hand from the first two words of the same seed.
        var h = Xoshiro256StarStar(seed: 2)
        let u1 = 1 - Double(h.next() >> 11) * 0x1p-53, u2 = Double(h.next() >> 11) * 0x1p-53
        let z0 = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        #expect(buf[0] == 1 + 2 * Float(z0))
    }

    @Test func integersAreUnbiasedAndInRange() {
        var g = Xoshiro256StarStar(seed: 3)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[g.nextInt(in: 10..<16) - 10] += 1 }
        // Each count ~ Binomial(60000, 1/6): mean 10000, std ~91.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
        for _ in 0..<1000 {
            let v = g.nextInt(in: -3...3)
            #expect(v >= -3 && v <= 3)
        }
        #expect(g.nextInt(below: 1) == 0)
    }

    @Test func shuffleIsAPermutationAndSeedDetermined() {
        var g1 = Xoshiro256StarStar(seed: 4), g2 = Xoshiro256StarStar(seed: 4)
        let p = g1.permutation(1000)
        #expect(p.sorted() == Array(0..<1000))
        #expect(p != Array(0..<1000))
        #expect(g2.permutation(1000) == p)
    }

    @Test func bernoulliMaskKeepsTheRequestedFraction() {
        var g = Xoshiro256StarStar(seed: 5)
        var mask = [Float](repeating: -1, count: 100_001)
        mask.withUnsafeMutableBufferPointer { g.fillBernoulliMask($0, keepProbability: 0.9, scale: 1 / 0.9) }
        #expect(mask.allSatisfy { $0 == 0 || $0 == Float(1 / 0.9) })
        let kept = Double(mask.filter { $0 != 0 }.count) / Double(mask.count)
        #expect(abs(kept - 0.9) < 0.005)  // std ~ 0.00095
        var all = [Float](repeating: 0, count: 9)
        all.withUnsafeMutableBufferPointer { g.fillBernoulliMask($0, keepProbability: 1) }
        #expect(all.allSatisfy { $0 == 1 })
        all.withUnsafeMutableBufferPointer { g.fillBernoulliMask($0, keepProbability: 0) }
        #expect(all.allSatisfy { $0 == 0 })
    }
}
