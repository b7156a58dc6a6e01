import Foundation

/// Progress of a training run on standard error, for people watching a terminal: bytes of
/// corpus counted, then merges done with an estimate of the time left. Silent (nil) when
/// standard error is not a terminal, so logs and pipes stay clean.
///
///     let printer = TrainingProgressPrinter.forTerminal()
///     let words = try counter.count(files: files, progress: printer?.report)
///     let result = try trainer.train(words, progress: printer?.report)
///     printer?.finish()
public final class TrainingProgressPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private let output: (String) -> Void
    private var lastPrint = 0.0
    private var mergeStart: Double?
    private var printedSomething = false

    /// A printer on standard error when it is a terminal, else nil.
    public static func forTerminal() -> TrainingProgressPrinter? {
        isatty(2) != 0 ? TrainingProgressPrinter { FileHandle.standardError.write(Data($0.utf8)) } : nil
    }

    public init(output: @escaping (String) -> Void) { self.output = output }

    private static func now() -> Double { Date().timeIntervalSinceReferenceDate }

    /// Renders one phase as a line (also used by tests).
    static func line(_ phase: TrainingPhase, elapsedMerging: Double?) -> String {
        switch phase {
        case .countingWords(let read, let total):
            return String(format: "counting words  %.1f / %.1f MB", Double(read) / 1e6, Double(total) / 1e6)
        case .countingPairs(let words):
            return "counting pairs in \(words) distinct words"
        case .merging(let done, let total):
            var text = "merging  \(done) / \(total) tokens"
            if let elapsed = elapsedMerging, done > 0, done < total {
                text += String(format: "  ETA %.1f s", elapsed / Double(done) * Double(total - done))
            }
            return text
        }
    }

    public func report(_ phase: TrainingPhase) {
        lock.lock(); defer { lock.unlock() }
        let now = Self.now()
        if case .merging = phase, mergeStart == nil { mergeStart = now }
        var isFinal = false
        if case .merging(let done, let total) = phase, done >= total { isFinal = true }
        guard isFinal || now - lastPrint >= 0.1 else { return }
        lastPrint = now
        output("\r\u{1B}[K" + Self.line(phase, elapsedMerging: mergeStart.map { now - $0 }))
        printedSomething = true
    }

    /// Ends the progress line.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        if printedSomething { output("\n") }
        printedSomething = false
    }
}
