import Foundation

/// A caching allocator for tensor storage, keyed by size class.
///
/// Why: a training step creates the same intermediate tensors every step. When a tensor dies its
/// buffer goes back to a free list here, and the next step's tensor of the same size class takes
/// it, so the steady state of a step makes no system allocation. `systemAllocations` counts the
/// real `posix_memalign` calls, so a benchmark can report allocations per step (expect 0).
///
/// Every buffer is 64-byte aligned (one cache line, one AVX-512 vector).
public enum BufferPool {
    nonisolated(unsafe) private static var freeLists: [Int: [UnsafeMutableRawPointer]] = [:]
    private static let lock = NSLock()
    /// Number of `posix_memalign` calls since start.
    nonisolated(unsafe) public private(set) static var systemAllocations = 0
    /// Number of buffers handed out (from the cache or fresh).
    nonisolated(unsafe) public private(set) static var requests = 0
    /// Bytes currently sitting in the free lists.
    nonisolated(unsafe) public private(set) static var cachedBytes = 0

    /// Size classes: multiples of 64 bytes up to 4 KiB, then 2^k and 1.5*2^k, so that sequences of
    /// varying length share buffers with at most 33% waste.
    static func sizeClass(bytes: Int) -> Int {
        let b = max(64, bytes)
        if b <= 4096 { return (b + 63) & ~63 }
        var p = 4096
        while p < b {
            if p + p / 2 >= b { return p + p / 2 }
            p *= 2
        }
        return p
    }

    /// Returns a 64-byte aligned buffer of at least `bytes` bytes (contents undefined) and its class.
    static func take(bytes: Int) -> (UnsafeMutableRawPointer, Int) {
        let size = sizeClass(bytes: bytes)
        lock.lock()
        requests += 1
        // Pop in place through the dictionary's modify accessor: binding the list to a local
        // first would copy the whole free list on every request.
        if let p = freeLists[size]?.popLast() {
            cachedBytes -= size
            lock.unlock()
            return (p, size)
        }
        systemAllocations += 1
        lock.unlock()
        var raw: UnsafeMutableRawPointer? = nil
        let rc = posix_memalign(&raw, 64, size)
        guard rc == 0, let p = raw else { fatalError("out of memory allocating \(size) bytes for a tensor") }
        return (p, size)
    }

    static func give(_ p: UnsafeMutableRawPointer, sizeClass size: Int) {
        lock.lock()
        freeLists[size, default: []].append(p)
        cachedBytes += size
        lock.unlock()
    }

    /// Frees every cached buffer (e.g. after training, before inference with other shapes).
    public static func trim() {
        lock.lock()
        for (_, list) in freeLists { for p in list { free(p) } }
        freeLists.removeAll()
        cachedBytes = 0
        lock.unlock()
    }
}

/// Reference-counted float storage; returns its buffer to the pool when the last tensor or view
/// that uses it dies.
final class Storage {
    let raw: UnsafeMutableRawPointer
    let sizeClass: Int
    let count: Int
    let floats: UnsafeMutablePointer<Float>

    init(count: Int) {
        let (p, size) = BufferPool.take(bytes: count * MemoryLayout<Float>.stride)
        raw = p
        sizeClass = size
        self.count = count
        floats = p.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    deinit { BufferPool.give(raw, sizeClass: sizeClass) }
}
