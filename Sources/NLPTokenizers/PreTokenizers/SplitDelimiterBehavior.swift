/// What a splitting pre-tokenizer does with the delimiters it finds (HF `SplitDelimiterBehavior`).
///
///     "a!!b" split on "!":
///       removed            a | b
///       isolated           a | ! | ! | b
///       mergedWithPrevious a! | ! | b
///       mergedWithNext     a | ! | !b
///       contiguous         a | !! | b
public enum SplitDelimiterBehavior: String, Sendable, CaseIterable {
    case removed = "Removed"
    case isolated = "Isolated"
    case mergedWithPrevious = "MergedWithPrevious"
    case mergedWithNext = "MergedWithNext"
    case contiguous = "Contiguous"

    init(json: JSONValue?, of type: String, default value: SplitDelimiterBehavior) throws {
        guard let json, !json.isNull else { self = value; return }
        guard let s = json.stringValue, let b = SplitDelimiterBehavior(rawValue: s) else {
            throw TokenizerError.invalidArgument("\(type): unknown behavior \(json.serialized())")
        }
        self = b
    }

    /// Turns alternating (range, isMatch) segments covering a piece into the pieces to keep,
    /// exactly as HF's `NormalizedString::split` does.
    func apply(_ segments: [(Range<Int>, Bool)], into pieces: inout [Range<Int>]) {
        switch self {
        case .isolated:
            for (range, _) in segments where !range.isEmpty { pieces.append(range) }
        case .removed:
            for (range, isMatch) in segments where !isMatch && !range.isEmpty { pieces.append(range) }
        case .mergedWithPrevious:
            var out: [Range<Int>] = []
            var previousMatch = false
            for (range, isMatch) in segments {
                if isMatch && !previousMatch, let last = out.last {
                    out[out.count - 1] = last.lowerBound..<range.upperBound
                } else {
                    out.append(range)
                }
                previousMatch = isMatch
            }
            pieces.append(contentsOf: out.filter { !$0.isEmpty })
        case .mergedWithNext:
            var out: [Range<Int>] = []
            var previousMatch = false
            for (range, isMatch) in segments.reversed() {
                if isMatch && !previousMatch, let last = out.last {
                    out[out.count - 1] = range.lowerBound..<last.upperBound
                } else {
                    out.append(range)
                }
                previousMatch = isMatch
            }
            pieces.append(contentsOf: out.reversed().filter { !$0.isEmpty })
        case .contiguous:
            var out: [Range<Int>] = []
            var previousMatch = false
            for (range, isMatch) in segments {
                if isMatch == previousMatch, let last = out.last {
                    out[out.count - 1] = last.lowerBound..<range.upperBound
                } else {
                    out.append(range)
                }
                previousMatch = isMatch
            }
            pieces.append(contentsOf: out.filter { !$0.isEmpty })
        }
    }

    /// Splits `range` where single scalars satisfy `isDelimiter` (each such scalar is one match,
    /// as HF's `Fn(char) -> bool` patterns give), then applies the behavior.
    func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>],
               isDelimiter: (Unicode.Scalar) -> Bool) {
        var segments: [(Range<Int>, Bool)] = []
        var runStart = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            let (scalar, length) = UTF8Decoding.decode(text, at: i)
            if isDelimiter(scalar) {
                if runStart < i { segments.append((runStart..<i, false)) }
                segments.append((i..<i + length, true))
                runStart = i + length
            }
            i += length
        }
        if runStart < range.upperBound { segments.append((runStart..<range.upperBound, false)) }
        if segments.count == 1 && !segments[0].1 { pieces.append(range); return }  // nothing to cut
        apply(segments, into: &pieces)
    }
}
