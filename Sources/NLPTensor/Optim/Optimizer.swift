import Foundation

/// The optimiser interface the trainer uses. One `step()` applies one update to every group,
/// using `learningRate` (set it from an `LearningRateSchedule` before each step).
///
/// Checkpointing: `stateBuffers` are the optimiser's internal float arrays, named
/// "<parameter name>.<buffer>" (e.g. "bert.pooler.dense.weight.exp_avg"); reading them is
/// zero-copy, and `restore(step:buffers:)` copies saved values back. Together with `stepCount`
/// they are the whole state: a restored optimiser continues bit for bit.
public protocol Optimizer: AnyObject {
    var groups: [ParameterGroup] { get }
    /// The base learning rate; each group uses it times its `learningRateScale`.
    var learningRate: Float { get set }
    /// Updates applied so far (PyTorch's `state["step"]`).
    var stepCount: Int { get }
    func step()
    var stateBuffers: [(name: String, buffer: UnsafeMutableBufferPointer<Float>)] { get }
    func restore(stepCount: Int, buffers: [String: [Float]]) throws
}

extension Optimizer {
    /// Sets every gradient to zero (PyTorch's `zero_grad(set_to_none=False)`).
    public func zeroGradients() {
        for group in groups {
            for p in group.parameters { p.gradient?.update(repeating: 0, count: p.count) }
        }
    }
}

/// Wrong configuration or a checkpoint that does not fit: one line naming the culprit.
public struct OptimizerError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Per-parameter float buffers (moments, momentum), zero-initialised, 64-byte aligned, owned by
/// the optimiser and freed with it.
final class StateBuffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }

    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }
}

/// Shared bookkeeping for optimisers: the flattened (parameter, group settings) list, unique-name
/// check, and restore of named buffers.
struct ParameterSlot {
    let parameter: any OptimizableParameter
    let learningRateScale: Float
    let weightDecay: Float
}

func makeSlots(_ groups: [ParameterGroup], defaultWeightDecay: Float) throws -> [ParameterSlot] {
    var seen = Set<String>()
    var slots: [ParameterSlot] = []
    for group in groups {
        for p in group.parameters {
            guard seen.insert(p.name).inserted else { throw OptimizerError("optimizer: parameter name '\(p.name)' appears twice; names key the checkpoint state") }
            slots.append(ParameterSlot(parameter: p, learningRateScale: group.learningRateScale,
                                       weightDecay: group.weightDecay ?? defaultWeightDecay))
        }
    }
    return slots
}

func restoreBuffers(_ named: [(name: String, buffer: UnsafeMutableBufferPointer<Float>)], from saved: [String: [Float]]) throws {
    // Check everything before copying anything: a mismatched checkpoint leaves the state untouched.
    for (name, buffer) in named {
        guard let values = saved[name] else { throw OptimizerError("optimizer state: buffer '\(name)' missing from checkpoint") }
        guard values.count == buffer.count else { throw OptimizerError("optimizer state: buffer '\(name)' has \(values.count) values, expected \(buffer.count)") }
    }
    for (name, buffer) in named where !buffer.isEmpty {
        _ = saved[name]!.withUnsafeBufferPointer { memcpy(buffer.baseAddress!, $0.baseAddress!, buffer.count * 4) }
    }
}

/// Runs `body` over [0, count) in one chunk, or in two halves on two threads when the parameter
/// is large enough that the thread hand-off (~1-2 us) is small against the update itself.
@inline(__always)
func forEachChunk(count: Int, _ body: (Range<Int>) -> Void) {
    if count < OptimizerThreading.minimumElementsForTwoThreads {
        body(0..<count)
        return
    }
    let half = (count / 2) & ~15  // keep the split 64-byte aligned
    withoutActuallyEscaping(body) { body in
        DispatchQueue.concurrentPerform(iterations: 2) { i in body(i == 0 ? 0..<half : half..<count) }
    }
}

/// When a parameter's update is split over two threads. Measured with `nlp-bench optim` on the
/// reference machine (quiet, 2 cores): AdamW 0.8 ns/element on one thread; two threads give
/// 0.9x at 4096 elements, 1.5x at 8192, 1.7x at 16384, 1.9x from 2^18; SGD with momentum
/// (0.28 ns/element) 0.9x at 4096, 1.3x at 16384, 1.8x from 2^18. So the split starts at 2^14.
/// Set it to `Int.max` to keep updates on the calling thread (e.g. when another process owns
/// the second core).
public enum OptimizerThreading {
    nonisolated(unsafe) public static var minimumElementsForTwoThreads = 1 << 14
}
