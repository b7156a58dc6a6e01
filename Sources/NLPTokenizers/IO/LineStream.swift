import Dispatch

/// Runs a per-line transformation over files (or standard input) and writes one output line per
/// input line, in order: the engine behind `nlp normalize` and `nlp tokenize`.
///
/// Each batch of lines is cut into `threads` contiguous parts processed at once; the parts are
/// written in order, so output order is input order and memory is one batch at a time.
///
///     try LineStream.run(paths: ["a.txt"], output: OutputBuffer()) { line, out in
///         out.append(contentsOf: line.reversed())
///     }
public enum LineStream {
    /// `transform` appends the output for one line (without "\n") to `out`; it runs on several
    /// threads at once and must not share mutable state.
    public static func run(paths: [String], lossy: Bool = false, threads: Int = 2, batchBytes: Int = 1 << 20,
                           output: OutputBuffer,
                           transform: @escaping @Sendable (UnsafeBufferPointer<UInt8>, inout [UInt8]) throws -> Void) throws {
        try run(paths: paths, lossy: lossy, threads: threads, batchBytes: batchBytes, output: output,
                makeState: { () }, transform: { (_: inout Void, line, out) in try transform(line, &out) })
    }

    /// As `run`, with one `State` per worker thread, made once and kept across batches (an
    /// encoder with its caches): `transform` gets the state of the thread it runs on.
    public static func run<State>(paths: [String], lossy: Bool = false, threads: Int = 2, batchBytes: Int = 1 << 20,
                                  output: OutputBuffer, makeState: () -> State,
                                  transform: @escaping (inout State, UnsafeBufferPointer<UInt8>, inout [UInt8]) throws -> Void) throws {
        for path in paths where path != "-" { try LineReader.checkReadable(path) }
        let sources: [String?] = paths.isEmpty ? [nil] : paths
        var states = (0..<max(threads, 1)).map { _ in makeState() }
        for source in sources {
            let reader = try LineReader(path: source, lossy: lossy, batchBytes: batchBytes)
            while let batch = try reader.nextBatch() {
                for part in try process(batch, states: &states, transform: transform) { try output.write(part) }
            }
        }
        try output.flush()
    }

    static func process<State>(_ batch: LineReader.Batch, states: inout [State],
                               transform: @escaping (inout State, UnsafeBufferPointer<UInt8>, inout [UInt8]) throws -> Void) throws -> [[UInt8]] {
        let n = batch.lines.count
        let workers = max(1, min(states.count, n, batch.bytes.count / 4096 + 1))
        var parts = [[UInt8]](repeating: [], count: workers)
        var failure: Error?
        let lock = NSLockLite()
        batch.bytes.withUnsafeBufferPointer { bytes in
            parts.withUnsafeMutableBufferPointer { out in
                states.withUnsafeMutableBufferPointer { states in
                    let out = out, states = states
                    let work = { (w: Int) in
                        var buffer: [UInt8] = []
                        buffer.reserveCapacity(bytes.count / workers * 2)
                        for i in (n * w / workers)..<(n * (w + 1) / workers) {
                            do {
                                try transform(&states[w], UnsafeBufferPointer(rebasing: bytes[batch.lines[i]]), &buffer)
                            } catch {
                                lock.withLock { if failure == nil { failure = error } }
                                return
                            }
                            buffer.append(0x0A)
                        }
                        out[w] = buffer
                    }
                    if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
                }
            }
        }
        if let failure { throw failure }
        return parts
    }
}
