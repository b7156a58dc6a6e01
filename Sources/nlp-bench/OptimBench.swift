import Foundation
import NLPTensor

// nlp-bench optim: time of one fused optimiser update (AdamW, SGD with nesterov momentum) per
// parameter size, on the calling thread vs split over two threads, to place
// OptimizerThreading.minimumElementsForTwoThreads. Also global-norm clipping.

private final class BenchParameter: OptimizableParameter {
    let name: String
    let count: Int
    let value: UnsafeMutablePointer<Float>
    let gradient: UnsafeMutablePointer<Float>?

    init(_ name: String, count: Int) {
        self.name = name
        self.count = count
        value = .allocate(capacity: count)
        let g = UnsafeMutablePointer<Float>.allocate(capacity: count)
        var rng = Xoshiro256StarStar(seed: UInt64(count))
        rng.fillNormal(UnsafeMutableBufferPointer(start: value, count: count))
        rng.fillNormal(UnsafeMutableBufferPointer(start: g, count: count), std: 1e-3)
        gradient = g
    }

    deinit { value.deallocate(); gradient?.deallocate() }
}

private func bestSeconds(_ body: () -> Void) -> Double {
    body()
    var best = Double.infinity, runs = 0
    let end = DispatchTime.now().uptimeNanoseconds + 200_000_000
    while runs < 5 || DispatchTime.now().uptimeNanoseconds < end {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
        runs += 1
    }
    return best
}

func runOptimBench() throws {
    let saved = OptimizerThreading.minimumElementsForTwoThreads
    defer { OptimizerThreading.minimumElementsForTwoThreads = saved }
    print("elements   AdamW 1t us  AdamW 2t us  2t/1t speedup   SGD-nesterov 1t us  2t us  speedup   clip us  (ns/element AdamW 1t)")
    for shift in [10, 12, 13, 14, 15, 16, 17, 18, 20, 22] {
        let n = 1 << shift
        let p = BenchParameter("p", count: n)
        let adam = try Adam.adamW([ParameterGroup([p])], learningRate: 1e-4)
        let sgd = try SGD([ParameterGroup([p])], learningRate: 1e-4, momentum: 0.9, nesterov: true)
        var times: [Double] = []
        for (optimizer, threshold) in [(adam as any Optimizer, Int.max), (adam, 0), (sgd, Int.max), (sgd, 0)] {
            OptimizerThreading.minimumElementsForTwoThreads = threshold
            times.append(bestSeconds { optimizer.step() })
        }
        let clip = bestSeconds { _ = clipGradientNorm([p], maxNorm: 1e9) }
        func us(_ s: Double) -> String { String(format: "%10.1f", s * 1e6) }
        print(String(format: "%8d", n) + "  \(us(times[0]))   \(us(times[1]))   " + String(format: "%6.2f", times[0] / times[1])
            + "          \(us(times[2])) \(us(times[3]))  " + String(format: "%6.2f", times[2] / times[3])
            + "  \(us(clip))   " + String(format: "%.2f", times[0] / Double(n) * 1e9))
    }
}
