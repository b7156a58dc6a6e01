/// exp(x) for float32 without a libm call, so loops around it vectorise (Cephes `expf`:
/// x = k ln2 + r, |r| <= ln2/2, degree-6 polynomial, scaled by 2^k through the exponent bits).
/// Relative error about 2 ulp; inputs are clamped to the finite range.
@inline(__always) func fastExp(_ v: Float) -> Float {
    let x = min(max(v, -87.3), 88.3)
    // Round to nearest by the 1.5 * 2^23 trick (|x log2 e| < 2^22): no libm call, vectorises.
    let k = (x * 1.44269504088896341 + 12_582_912) - 12_582_912
    let r = x - k * 0.693359375 + k * 2.12194440e-4
    var p: Float = 1.9875691500e-4
    p = p * r + 1.3981999507e-3
    p = p * r + 8.3334519073e-3
    p = p * r + 4.1665795894e-2
    p = p * r + 1.6666665459e-1
    p = p * r + 5.0000001201e-1
    let y = p * r * r + r + 1
    return y * Float(bitPattern: UInt32(bitPattern: Int32(k) + 127) << 23)
}
