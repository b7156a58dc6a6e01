import Foundation

/// Shapes of one pointer-generator loss: N = B*T decoder positions, each reading the S source
/// tokens of its batch row b = n / T, over a vocabulary of V.
struct PointerGeneratorShape {
    let batch: Int, steps: Int, sources: Int, vocabulary: Int
    var rows: Int { batch * steps }
}

/// What the forward pass keeps for backward, per row: the vocabulary log-sum-exp, the gate g,
/// the copy mass on the target c, the mixed probability p, and the copy distribution a [N, S].
/// A class so the backward closure owns the buffers.
final class PointerGeneratorSaved {
    let lse: UnsafeMutablePointer<Double>, gate: UnsafeMutablePointer<Double>
    let copyMass: UnsafeMutablePointer<Double>, probability: UnsafeMutablePointer<Double>
    let copy: UnsafeMutablePointer<Float>

    init(rows: Int, sources: Int) {
        func doubles() -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: max(rows, 1))
            p.initialize(repeating: 0, count: max(rows, 1))
            return p
        }
        lse = doubles(); gate = doubles(); copyMass = doubles(); probability = doubles()
        copy = .allocate(capacity: max(rows * sources, 1))
        copy.initialize(repeating: 0, count: max(rows * sources, 1))
    }

    deinit {
        for p in [lse, gate, copyMass, probability] { p.deallocate() }
        copy.deallocate()
    }
}

/// Forward of the pointer-generator loss for rows `range` (see `Tensor.pointerGeneratorLoss`):
///
///     Pv = softmax(x_n)                       vocabulary distribution
///     a  = softmax(z_n over unmasked sources) copy distribution
///     g  = sigmoid(u_n)                       generate-vs-copy gate
///     p  = g Pv[y] + (1 - g) sum_{s: src_s = y} a_s
///     loss_n = -(1 - eps) log p + eps (lse(x_n) - mean(x_n))    (smoothing on Pv only)
///
/// Returns the per-row losses (0 for ignored rows) into `loss`.
func pointerGeneratorForward(_ x: UnsafePointer<Float>, _ z: UnsafePointer<Float>, _ u: UnsafePointer<Float>,
                             targets: UnsafePointer<Int32>, sourceIds: UnsafePointer<Int32>, keep: UnsafePointer<Int32>?,
                             shape s: PointerGeneratorShape, ignoreIndex: Int32, smoothing: Double,
                             saved: PointerGeneratorSaved, loss: UnsafeMutablePointer<Double>, range: Range<Int>) {
    let v = s.vocabulary, srcCount = s.sources
    for n in range {
        let y = targets[n]
        loss[n] = 0
        if y == ignoreIndex { continue }
        let b = n / s.steps
        let row = x + n * v
        var m = -Float.infinity
        for j in 0..<v { m = max(m, row[j]) }
        var sum = 0.0, total = 0.0
        for j in 0..<v { sum += Double(expf(row[j] - m)); total += Double(row[j]) }
        let lse = Double(m) + log(sum)
        let pv = exp(Double(row[Int(y)]) - lse)

        let scores = z + n * srcCount, a = saved.copy + n * srcCount
        let ids = sourceIds + b * srcCount, kept = keep.map { $0 + b * srcCount }
        var zm = -Float.infinity
        for j in 0..<srcCount where kept?[j] ?? 1 != 0 { zm = max(zm, scores[j]) }
        var zs = 0.0
        for j in 0..<srcCount {
            if kept?[j] ?? 1 == 0 || zm == -.infinity { a[j] = 0; continue }
            let e = expf(scores[j] - zm)
            a[j] = e
            zs += Double(e)
        }
        var c = 0.0
        if zs > 0 {
            let inv = Float(1 / zs)
            for j in 0..<srcCount {
                a[j] *= inv
                if ids[j] == y { c += Double(a[j]) }
            }
        }
        let g = 1 / (1 + exp(-Double(u[n])))
        let p = max(g * pv + (1 - g) * c, 1e-30)
        saved.lse[n] = lse
        saved.gate[n] = g
        saved.copyMass[n] = c
        saved.probability[n] = p
        loss[n] = -(1 - smoothing) * log(p) + smoothing * (lse - total / Double(v))
    }
}

/// Backward for rows `range`, adding into dx [N, V], dz [N, S], du [N]; `scale` is the
/// upstream gradient over the number of counted rows.
///
///     r = g Pv[y] / p                      (the share of p the vocabulary explains)
///     dx_j = scale ((1-eps) r + eps) Pv_j - scale (1-eps) r [j = y] - scale eps / V
///     dz_s = -scale (1-eps) (1-g) a_s ([src_s = y] - c) / p
///     du   = -scale (1-eps) (Pv[y] - c) g (1-g) / p
func pointerGeneratorBackward(dx: UnsafeMutablePointer<Float>?, dz: UnsafeMutablePointer<Float>?, du: UnsafeMutablePointer<Float>?,
                              _ x: UnsafePointer<Float>, targets: UnsafePointer<Int32>, sourceIds: UnsafePointer<Int32>,
                              shape s: PointerGeneratorShape, ignoreIndex: Int32, smoothing: Double, scale: Double,
                              saved: PointerGeneratorSaved, range: Range<Int>) {
    let v = s.vocabulary, srcCount = s.sources
    for n in range {
        let y = targets[n]
        if y == ignoreIndex { continue }
        let b = n / s.steps
        let lse = saved.lse[n], g = saved.gate[n], c = saved.copyMass[n], p = saved.probability[n]
        let pv = exp(Double(x[n * v + Int(y)]) - lse)
        let r = g * pv / p
        if let dx {
            let row = x + n * v, out = dx + n * v
            let k = Float(scale * ((1 - smoothing) * r + smoothing)), flat = Float(scale * smoothing / Double(v))
            let lseF = Float(lse)
            for j in 0..<v { out[j] += k * expf(row[j] - lseF) - flat }
            out[Int(y)] -= Float(scale * (1 - smoothing) * r)
        }
        if let dz {
            let ids = sourceIds + b * srcCount, out = dz + n * srcCount
            let k = -scale * (1 - smoothing) * (1 - g) / p
            let a = saved.copy + n * srcCount
            for j in 0..<srcCount where a[j] != 0 {
                out[j] += Float(k * Double(a[j]) * ((ids[j] == y ? 1 : 0) - c))
            }
        }
        if let du { du[n] += Float(-scale * (1 - smoothing) * (pv - c) * g * (1 - g) / p) }
    }
}
