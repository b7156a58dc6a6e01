import Dispatch
import Foundation

/// Splits element-wise and row-wise kernels across the cores (two on the target machines).
///
/// Why a threshold: handing work to another thread costs a few microseconds, so a kernel is split
/// only when each part has at least `minimumElementsPerThread` elements; below that it runs
/// on the calling thread. Kernels pass ranges, never single indices, so the inner loops stay
/// tight pointer loops.
public enum Parallel {
    /// Worker count for our own kernels (default: active processors, at most 2... or more if present).
    nonisolated(unsafe) public static var threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Elements below which a kernel is not worth splitting (measured on the 2-core target: ~32K floats).
    nonisolated(unsafe) public static var minimumElementsPerThread = 1 << 15

    /// Calls `body` on disjoint sub-ranges covering 0..<n; `costPerItem` is the element count per
    /// item (e.g. the row length for row-wise kernels).
    @inline(__always)
    public static func forEach(_ n: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
        let parts = min(threads, (n * costPerItem) / minimumElementsPerThread, n)
        if parts <= 1 { body(0..<n); return }
        let chunk = (n + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let lo = p * chunk, hi = min(n, lo + chunk)
            if lo < hi { body(lo..<hi) }
        }
    }

    /// Always splits 0..<n across `threads` parts (for work the caller already knows is large,
    /// such as a batch of independent small GEMMs).
    public static func forEachAlways(_ n: Int, _ body: (Range<Int>) -> Void) {
        let parts = min(threads, n)
        if parts <= 1 { body(0..<n); return }
        let chunk = (n + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let lo = p * chunk, hi = min(n, lo + chunk)
            if lo < hi { body(lo..<hi) }
        }
    }
}

extension Parallel {
    /// Splits 0..<n into `threads` contiguous parts and calls `body(part, range)`; the part index
    /// lets a kernel use per-thread scratch memory.
    public static func forParts(_ n: Int, _ body: (Int, Range<Int>) -> Void) {
        let parts = min(threads, n)
        if parts <= 1 { body(0, 0..<n); return }
        let chunk = (n + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let lo = p * chunk, hi = min(n, lo + chunk)
            if lo < hi { body(p, lo..<hi) }
        }
    }
}
