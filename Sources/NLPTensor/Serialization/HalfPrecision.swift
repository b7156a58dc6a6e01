/// IEEE half (F16) and bfloat16 (BF16) to Float, written out bit by bit because `Float16` is not
/// available on every platform Swift targets (macOS on Intel).
///
/// bfloat16 is the top 16 bits of a float32, so widening is a shift: 0x3F80 -> 0x3F800000 = 1.0.
/// Half has a 5-bit exponent (bias 15) and 10-bit mantissa: 0x3C00 -> 1.0, 0x0001 -> 2^-24.
@inline(__always)
func bfloat16ToFloat(_ bits: UInt16) -> Float { Float(bitPattern: UInt32(bits) << 16) }

@inline(__always)
func float16ToFloat(_ bits: UInt16) -> Float {
    let sign = UInt32(bits & 0x8000) << 16
    let exponent = UInt32(bits >> 10) & 0x1F
    let mantissa = UInt32(bits & 0x03FF)
    if exponent == 0x1F {  // inf / NaN: keep the payload
        return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
    }
    if exponent == 0 {  // zero or subnormal: mantissa * 2^-24, exact in float32
        let magnitude = Float(mantissa) * 0x1p-24
        return sign != 0 ? -magnitude : magnitude
    }
    return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
}
