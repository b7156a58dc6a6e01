import Foundation

/// Reverse-mode autograd on a tape of coarse ops (llm.c style: each op is one forward kernel and
/// one backward kernel).
///
/// Every op whose inputs require gradients appends one closure to the tape; `backward()` runs the
/// tape from the end and then clears it, which releases the intermediate tensors so their buffers
/// return to the pool for the next step. Backward kernels *accumulate* into gradients (`+=`), so
/// calling `backward()` on several losses before an optimiser step sums their gradients
/// (gradient accumulation); `zeroGrad()` starts over.
///
/// The tape and the no-grad flag are per thread, so two threads can train or infer
/// independently; run inference inside `noGrad { }` so that nothing is recorded.
public enum Autograd {
    final class Context {
        var tape: [() -> Void] = []
        var enabled = true
    }

    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k) { if let p = $0 { Unmanaged<Context>.fromOpaque(p).release() } }
        return k
    }()

    static var context: Context {
        if let p = pthread_getspecific(key) { return Unmanaged<Context>.fromOpaque(p).takeUnretainedValue() }
        let c = Context()
        pthread_setspecific(key, Unmanaged.passRetained(c).toOpaque())
        return c
    }

    static var tape: [() -> Void] {
        get { context.tape }
        _modify { yield &context.tape }
    }

    static var enabled: Bool {
        get { context.enabled }
        set { context.enabled = newValue }
    }

    /// True when gradients are being recorded (false inside `noGrad`).
    public static var isEnabled: Bool { enabled }

    /// Number of ops currently recorded.
    public static var tapeLength: Int { tape.count }

    /// Drops the recorded ops without running them (e.g. after an evaluation forward pass that
    /// was not wrapped in `noGrad`).
    public static func discardTape() { tape.removeAll(keepingCapacity: true) }

    @inline(__always) static func shouldRecord(_ inputs: Tensor?...) -> Bool {
        guard enabled else { return false }
        for case let t? in inputs where t.requiresGrad { return true }
        return false
    }

    @inline(__always) static func shouldRecord(_ inputs: [Tensor]) -> Bool {
        enabled && inputs.contains { $0.requiresGrad }
    }

    /// Records a backward closure for `outputs`; the closure runs only if one of them got a gradient.
    static func record(_ outputs: Tensor..., backward: @escaping () -> Void) {
        for o in outputs { o.requiresGrad = true }
        tape.append(backward)
    }
}

/// Runs `body` without recording ops (inference mode): no tape entries, no saved activations.
public func noGrad<T>(_ body: () throws -> T) rethrows -> T {
    let previous = Autograd.enabled
    Autograd.enabled = false
    defer { Autograd.enabled = previous }
    return try body()
}

extension Tensor {
    /// The gradient, if one has been accumulated. For a view it is the matching view of the
    /// viewed tensor's gradient.
    public var grad: Tensor? {
        if let base = viewBase {
            guard let g = base.ownGrad else { return nil }
            return Tensor(storage: g.storage, offset: g.offset + offset - base.offset, shape: shape, transposed: isTransposed)
        }
        return ownGrad
    }

    /// The gradient buffer, created zero-filled on first use.
    func gradBuffer() -> Tensor {
        if let base = viewBase {
            let g = base.gradBuffer()
            return Tensor(storage: g.storage, offset: g.offset + offset - base.offset, shape: shape, transposed: isTransposed)
        }
        if let g = ownGrad { return g }
        let g = Tensor.zeros(shape)
        ownGrad = g
        return g
    }

    /// Sets the gradient to zero, keeping its buffer (parameters between optimiser steps).
    public func zeroGrad() {
        if let g = ownGrad { g.pointer.update(repeating: 0, count: g.count) }
    }

    /// Releases the gradient buffer.
    public func clearGrad() { ownGrad = nil }

    /// Back-propagates from this one-element tensor (seed gradient 1), then clears the tape.
    public func backward() throws {
        try require(count == 1, "backward", "needs a one-element loss, got shape \(shape); use backward(gradient:)")
        try backward(gradient: Tensor.ones(shape))
    }

    /// Back-propagates with an explicit seed gradient of this tensor's shape, then clears the tape.
    public func backward(gradient: Tensor) throws {
        try check(gradient.shape == shape, "backward", shape, gradient.shape)
        try require(requiresGrad, "backward", "tensor does not require grad (computed under noGrad, or from inputs without requiresGrad)")
        let g = gradBuffer()
        addInPlace(g.pointer, gradient.pointer, count)
        let tape = Autograd.tape
        Autograd.tape.removeAll(keepingCapacity: true)
        for step in tape.reversed() { step() }
    }
}

/// y += x over n floats.
@inline(__always) func addInPlace(_ y: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int) {
    for i in 0..<n { y[i] += x[i] }
}
