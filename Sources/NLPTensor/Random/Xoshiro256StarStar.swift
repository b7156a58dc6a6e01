// SplitMix64 lives in NLPRandom, shared with NLPTokenizers; re-exported for seeding.
@_exported import NLPRandom

/// The project's one random generator: xoshiro256** (Blackman & Vigna 2018), seeded by SplitMix64.
///
/// Why xoshiro256** rather than a counter-based generator such as Philox:
/// - its whole state is four `UInt64`s, so a checkpoint stores it verbatim and a resumed run
///   continues bit for bit (`state` / `init(state:)`);
/// - one step is a handful of shifts, xors and one multiply (~1 ns), cheaper than Philox's
///   10 rounds of 32x32 multiplies, and training draws a number per dropout element;
/// - independent streams come from `jump()` (advance 2^128 steps), which is what Philox's
///   counters would buy us: `split()` hands out 2^64 non-overlapping streams of 2^128 numbers,
///   e.g. one per worker thread, and the result depends only on the seed and the split order.
/// It passes BigCrush and PractRand; it is not cryptographic (nothing here needs that).
///
/// Every derived draw (floats, normals, integer ranges, shuffles, masks; see
/// `Xoshiro256StarStar+Distributions.swift`) is implemented here rather than taken from the
/// Swift standard library, whose algorithms for `Int.random(in:using:)` or `shuffle(using:)`
/// are not promised to stay the same across toolchains.
///
///     var rng = Xoshiro256StarStar(seed: 42)
///     let saved = rng.state           // [UInt64] x 4, store in the checkpoint
///     let a = rng.next()
///     var resumed = Xoshiro256StarStar(state: saved)
///     assert(resumed.next() == a)
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable, Codable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Seeds the four state words with four consecutive SplitMix64 outputs of `seed`.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// Restores a generator from `state` (as returned by `state`). The all-zero state is the one
    /// state xoshiro can never leave, so it is refused.
    public init(state: [UInt64]) throws {
        guard state.count == 4 else { throw RandomStateError(message: "random state: expected 4 UInt64 words, got \(state.count)") }
        guard state.contains(where: { $0 != 0 }) else { throw RandomStateError(message: "random state: the all-zero state is invalid for xoshiro256**") }
        s0 = state[0]; s1 = state[1]; s2 = state[2]; s3 = state[3]
    }

    /// The full generator state: four words, enough to resume the exact same sequence.
    public var state: [UInt64] { [s0, s1, s2, s3] }

    /// Encoded as its four state words, `[s0, s1, s2, s3]`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(state)
    }

    /// Decodes `[s0, s1, s2, s3]`, refusing wrong lengths and the all-zero state.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        do {
            try self.init(state: try c.decode([UInt64].self))
        } catch let error as RandomStateError {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.message)
        }
    }

    @inline(__always) @usableFromInline
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// Advances the state by 2^128 steps (as if `next()` had been called 2^128 times).
    public mutating func jump() {
        applyJump([0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C])
    }

    /// Advances the state by 2^192 steps: 2^64 starting points, each of which can be `jump()`ed
    /// 2^64 times (e.g. one long jump per process, one jump per thread within it).
    public mutating func longJump() {
        applyJump([0x76E1_5D3E_FEFD_CBBF, 0xC500_4E44_1C52_2FB3, 0x7771_0069_854E_E241, 0x3910_9BB0_2ACB_E635])
    }

    /// Returns a generator for an independent stream and moves `self` past it: the returned
    /// generator starts at the current position, `self` jumps 2^128 ahead. Splitting N times
    /// gives N non-overlapping streams (until 2^128 draws each), reproducible from the seed.
    ///
    ///     var root = Xoshiro256StarStar(seed: 7)
    ///     var worker0 = root.split(), worker1 = root.split()
    public mutating func split() -> Xoshiro256StarStar {
        let child = self
        jump()
        return child
    }

    private mutating func applyJump(_ table: [UInt64]) {
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in table {
            for b in 0..<64 {
                // The jump polynomial: xor together the states at the set bits; every bit advances.
                if word & (1 << UInt64(b)) != 0 {
                    t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3
                }
                _ = next()
            }
        }
        s0 = t0; s1 = t1; s2 = t2; s3 = t3
    }
}

/// A generator state that cannot be restored (wrong word count or all zero).
public struct RandomStateError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
