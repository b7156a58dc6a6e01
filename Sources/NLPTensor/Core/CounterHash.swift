/// The splitmix64 finaliser as a counter hash: dropout keeps element i when
/// mix(seed + i * golden) is above a threshold, so backward regenerates the mask from the seed
/// instead of storing it, and threads fill disjoint ranges without shared generator state.
/// (Seeded streams come from Random/Xoshiro256StarStar.)
enum CounterHash {
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
