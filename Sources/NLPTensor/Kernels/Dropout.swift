/// Dropout with a counter-based mask: element i is kept when hash(seed, i) >= p * 2^32, so
/// backward regenerates the mask from the seed instead of storing it, and the two threads can
/// fill disjoint halves without sharing generator state.
///     out[i] = keep(i) ? x[i] / (1 - p) : 0          dx[i] += keep(i) ? dy[i] / (1 - p) : 0
@inline(__always) func dropoutKeeps(_ seed: UInt64, _ i: Int, threshold: UInt32) -> Bool {
    UInt32(truncatingIfNeeded: CounterHash.mix(seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15) >> 32) >= threshold
}

@inline(__always) func dropoutThreshold(_ p: Float) -> UInt32 {
    UInt32(min(Double(p) * 4_294_967_296.0, 4_294_967_295.0))
}

/// out[i] = mask(i) * x[i] * scale; also the backward with (dx, dy) in place of (out, x), accumulating.
func dropoutApply(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, count: Int, p: Float, seed: UInt64, accumulate: Bool) {
    let threshold = dropoutThreshold(p)
    let scale = 1 / (1 - p)
    Parallel.forEach(count, costPerItem: 2) { r in
        for i in r {
            let v = dropoutKeeps(seed, i, threshold: threshold) ? x[i] * scale : 0
            if accumulate { out[i] += v } else { out[i] = v }
        }
    }
}

/// Where dropout gets its per-call seeds: one draw of the training RNG (xoshiro256**) per
/// dropout call. Save `generator.state` in a checkpoint and restore it to resume bit-for-bit.
public enum DropoutSeeds {
    nonisolated(unsafe) public static var generator = Xoshiro256StarStar(seed: 0x5EED)
    /// Reseeds the stream of dropout seeds (part of a reproducible run).
    public static func reseed(_ seed: UInt64) { generator = Xoshiro256StarStar(seed: seed) }
    static func next() -> UInt64 { generator.next() }
}
