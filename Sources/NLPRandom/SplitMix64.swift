/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator. NLPTensor uses it to turn one
/// user seed into the 256 bits of xoshiro state; the tokenizers draw BPE dropout from it and the
/// chat bot its replies, so every one of those is reproducible from a seed.
///
/// Why not seed xoshiro directly with `[seed, 0, 0, 0]`? Nearby seeds (0, 1, 2...) would give
/// nearly identical, mostly-zero states, and xoshiro needs many steps to "warm up" from such
/// states. SplitMix64's output function is a strong 64-bit mixer, so seeds 0 and 1 produce
/// unrelated states. This is the seeding its authors recommend (prng.di.unimi.it).
///
/// Example: `var s = SplitMix64(seed: 0); s.next()` is `0xE220A8397B1DCDAF`.
public struct SplitMix64: Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 24 bits.
    @inlinable
    public mutating func nextFloat() -> Float { Float(next() >> 40) / Float(1 << 24) }
}
