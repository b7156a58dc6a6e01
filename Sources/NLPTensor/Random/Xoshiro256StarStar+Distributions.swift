import Foundation

/// Derived draws. Each is a fixed, documented function of the raw 64-bit stream, so results are
/// identical across runs, machines with the same libm, and resumed checkpoints:
///
/// | draw | bits used | method |
/// | --- | --- | --- |
/// | `nextFloat()` | top 24 of one word | k * 2^-24, in [0, 1) |
/// | `nextDouble()` | top 53 of one word | k * 2^-53, in [0, 1) |
/// | `nextNormal()` | two words | Box-Muller, cosine branch (sine branch discarded, so no hidden cache) |
/// | `fillNormal` | two words per pair | Box-Muller, both branches: buffer[2i] = cos, buffer[2i+1] = sin |
/// | `nextInt(below:)` | >= 1 word | Lemire's multiply-and-reject: unbiased |
/// | `shuffle` | n-1 ints | Fisher-Yates from the back |
/// | `fillBernoulliMask` | 32 bits per element | low half then high half of each word |
extension Xoshiro256StarStar {
    /// Uniform in [0, 1) with 24 random bits (every representable multiple of 2^-24).
    @inlinable
    public mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [low, high).
    @inlinable
    public mutating func nextFloat(in low: Float, _ high: Float) -> Float { low + (high - low) * nextFloat() }

    /// Fills `buffer` with uniform values in [low, high), one word per element.
    public mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, low: Float = 0, high: Float = 1) {
        let width = high - low
        for i in buffer.indices { buffer[i] = low + width * nextFloat() }
    }

    /// A standard normal sample (mean 0, variance 1) by Box-Muller: with u1 in (0, 1] and u2 in
    /// [0, 1), z = sqrt(-2 ln u1) * cos(2 pi u2). Computed in Double, rounded to Float.
    public mutating func nextNormal() -> Float {
        let u1 = 1 - nextDouble()  // (0, 1]: log is finite
        let u2 = nextDouble()
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }

    /// Fills `buffer` with N(mean, std^2) samples, two per Box-Muller pair (an odd last element
    /// uses the cosine branch and discards the sine).
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Float = 0, std: Float = 1) {
        var i = 0
        let n = buffer.count
        while i < n {
            let u1 = 1 - nextDouble()
            let u2 = nextDouble()
            let r = (-2 * Foundation.log(u1)).squareRoot()
            let theta = 2 * Double.pi * u2
            buffer[i] = mean + std * Float(r * Foundation.cos(theta))
            if i + 1 < n { buffer[i + 1] = mean + std * Float(r * Foundation.sin(theta)) }
            i += 2
        }
    }

    /// Uniform integer in 0..<n, unbiased (Lemire 2019, "Fast random integer generation in an
    /// interval"): the high word of a 64x64 product, rejecting the few low words that would bias it.
    @inlinable
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0, "nextInt(below:) needs n > 0, got \(n)")
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// Uniform integer in `range` (half-open), unbiased.
    @inlinable
    public mutating func nextInt(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "nextInt(in:) needs a non-empty range")
        return range.lowerBound + nextInt(below: range.count)
    }

    /// Uniform integer in `range` (closed), unbiased.
    @inlinable
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + nextInt(below: range.count)
    }

    /// True with probability `p` (32-bit resolution).
    @inlinable
    public mutating func nextBool(probability p: Double) -> Bool {
        (next() >> 32) < Self.threshold32(p)
    }

    /// Shuffles in place by Fisher-Yates: for i from n-1 down to 1, swap i with nextInt(below: i+1).
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ elements: inout C) {
        var i = elements.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            elements.swapAt(elements.index(elements.startIndex, offsetBy: i),
                            elements.index(elements.startIndex, offsetBy: j))
            i -= 1
        }
    }

    /// A random permutation of 0..<n (the identity shuffled), e.g. an epoch's example order.
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        shuffle(&p)
        return p
    }

    /// Dropout-style mask: each element is `scale` with probability `keepProbability`, else 0.
    /// Inverted dropout passes scale = 1 / keepProbability. Each 64-bit word serves two elements
    /// (low 32 bits, then high 32 bits), so a mask of n elements consumes ceil(n / 2) words.
    public mutating func fillBernoulliMask(_ buffer: UnsafeMutableBufferPointer<Float>, keepProbability: Double, scale: Float = 1) {
        let threshold = Self.threshold32(keepProbability)
        let n = buffer.count
        guard let base = buffer.baseAddress else { return }
        var i = 0
        while i + 1 < n {
            let w = next()
            base[i] = (w & 0xFFFF_FFFF) < threshold ? scale : 0
            base[i + 1] = (w >> 32) < threshold ? scale : 0
            i += 2
        }
        if i < n { base[i] = (next() & 0xFFFF_FFFF) < threshold ? scale : 0 }
    }

    /// p scaled to [0, 2^32]: a 32-bit uniform k is accepted when k < threshold, so p = 1 always
    /// accepts and p = 0 never does.
    @inlinable
    static func threshold32(_ p: Double) -> UInt64 {
        let clamped = Swift.min(Swift.max(p, 0), 1)
        return UInt64((clamped * 4_294_967_296.0).rounded())
    }
}
