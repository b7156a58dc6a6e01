/// Hugging Face's "Split" pre-tokenizer: cut at the matches of a pattern (plain text or regex),
/// keeping, dropping or attaching the matched parts per `behavior`; `invert` swaps what counts
/// as a match. Regexes run on ICU. The GPT-2 pattern with `isolated` takes the hand-written
/// scanner (same pieces, no regex engine).
///
///     Split(pattern: .string("-"), behavior: .isolated)          "a-b" -> "a" "-" "b"
///     Split(pattern: .string("-"), behavior: .removed)           "a-b" -> "a" "b"
///     Split(pattern: .string("-"), behavior: .mergedWithPrevious) "a-b" -> "a-" "b"
///     Split(pattern: .string("-"), behavior: .mergedWithNext)     "a-b" -> "a" "-b"
///     Split(pattern: .string("-"), behavior: .contiguous)        "a--b" -> "a" "--" "b"
public struct SplitPreTokenizer: PreTokenizer {
    public static let typeName = "Split"

    public enum Pattern: Equatable, Sendable {
        case string(String)
        case regex(String)
    }

    public enum Behavior: String, CaseIterable, Sendable {
        case removed = "Removed", isolated = "Isolated", mergedWithPrevious = "MergedWithPrevious"
        case mergedWithNext = "MergedWithNext", contiguous = "Contiguous"
    }

    public let pattern: Pattern
    public let behavior: Behavior
    public let invert: Bool
    private let regex: ICURegex?
    private let usesGPT2Scanner: Bool

    public init(pattern: Pattern, behavior: Behavior, invert: Bool = false) throws {
        self.pattern = pattern
        self.behavior = behavior
        self.invert = invert
        switch pattern {
        case .string(let s): regex = s.isEmpty ? nil : try ICURegex(s, literal: true)
        case .regex(let r): regex = try ICURegex(r)
        }
        if case .regex(let r) = pattern, SplitPatterns.gpt2Spellings.contains(r), behavior == .isolated, !invert {
            usesGPT2Scanner = true
        } else {
            usesGPT2Scanner = false
        }
    }

    public func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>]) {
        if range.isEmpty { return }
        if usesGPT2Scanner { GPT2Splitter.split(text, range: range, into: &pieces); return }
        // HF's find_matches: alternate non-match / match spans covering the whole range.
        var spans: [(Range<Int>, Bool)] = []
        var previous = range.lowerBound
        regex?.forEachMatch(in: text, range: range) { start, end in
            if previous != start { spans.append((previous..<start, invert)) }
            spans.append((start..<end, !invert))
            previous = end
        }
        if previous != range.upperBound { spans.append((previous..<range.upperBound, invert)) }
        let kept = SplitPreTokenizer.apply(behavior, to: spans)
        for span in kept where !span.isEmpty { pieces.append(span) }
    }

    /// HF's `NormalizedString::split` on (span, isMatch) pairs.
    static func apply(_ behavior: Behavior, to spans: [(Range<Int>, Bool)]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        switch behavior {
        case .isolated:
            out = spans.map(\.0)
        case .removed:
            out = spans.filter { !$0.1 }.map(\.0)
        case .contiguous, .mergedWithPrevious:
            var previousMatch = false
            for (span, isMatch) in spans {
                let merge = behavior == .contiguous ? isMatch == previousMatch : (isMatch && !previousMatch)
                if merge, let last = out.last { out[out.count - 1] = last.lowerBound..<span.upperBound } else { out.append(span) }
                previousMatch = isMatch
            }
        case .mergedWithNext:
            var previousMatch = false
            for (span, isMatch) in spans.reversed() {
                if isMatch && !previousMatch, let last = out.last {
                    out[out.count - 1] = span.lowerBound..<last.upperBound
                } else {
                    out.append(span)
                }
                previousMatch = isMatch
            }
            out.reverse()
        }
        return out
    }

    public init(json: JSONValue) throws {
        func fail(_ why: String) -> TokenizerError { .invalidArgument("Split pre-tokenizer: \(why)") }
        guard json.objectValue != nil else { throw fail("expected a JSON object") }
        if let t = json["type"], t.stringValue != Self.typeName { throw fail("type is \(t.serialized()), expected \"Split\"") }
        let pattern: Pattern
        if let s = json["pattern"]?["String"]?.stringValue { pattern = .string(s) }
        else if let r = json["pattern"]?["Regex"]?.stringValue { pattern = .regex(r) }
        else { throw fail("pattern must be {\"String\": ...} or {\"Regex\": ...}") }
        guard let name = json["behavior"]?.stringValue, let behavior = Behavior(rawValue: name) else {
            throw fail("behavior must be one of " + Behavior.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var invert = false
        if let v = json["invert"], !v.isNull {
            guard let b = v.boolValue else { throw fail("invert must be true or false") }
            invert = b
        }
        try self.init(pattern: pattern, behavior: behavior, invert: invert)
    }

    public var json: JSONValue {
        let p: JSONValue
        switch pattern {
        case .string(let s): p = .object([("String", .string(s))])
        case .regex(let r): p = .object([("Regex", .string(r))])
        }
        return .object([("type", .string(Self.typeName)), ("pattern", p), ("behavior", .string(behavior.rawValue)),
                        ("invert", .bool(invert))])
    }
}
