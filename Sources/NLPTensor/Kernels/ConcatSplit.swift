/// Concatenation along an axis, with the tensor viewed as [outer, axisLength, inner]: each part
/// contributes a block of partLength * inner contiguous floats per outer index.
///     out[o, offset_p + k, i] = part_p[o, k, i]
/// Split is the same copy in the other direction; the backward of one is the forward of the other.
func concatForward(_ out: UnsafeMutablePointer<Float>, parts: [UnsafePointer<Float>], lengths: [Int], outer: Int, inner: Int) {
    let total = lengths.reduce(0, +)
    var offset = 0
    for (p, len) in zip(parts, lengths) {
        let block = len * inner
        for o in 0..<outer { (out + (o * total + offset) * inner).update(from: p + o * block, count: block) }
        offset += len
    }
}

/// parts_p[o, k, i] += src[o, offset_p + k, i] (split forward into zeroed parts, and concat backward).
func splitAccumulate(_ src: UnsafePointer<Float>, parts: [UnsafeMutablePointer<Float>?], lengths: [Int], outer: Int, inner: Int) {
    let total = lengths.reduce(0, +)
    var offset = 0
    for (p, len) in zip(parts, lengths) {
        defer { offset += len }
        guard let p else { continue }
        let block = len * inner
        for o in 0..<outer {
            let s = src + (o * total + offset) * inner, d = p + o * block
            for j in 0..<block { d[j] += s[j] }
        }
    }
}
