import Foundation

/// The `pattern` of HF's Replace normalizer/decoder and Split pre-tokenizer:
/// `{"String": "▁"}` matches the literal text, `{"Regex": "\\s+"}` a regular expression
/// (HF uses Oniguruma; we use ICU through Foundation, which agrees on the common syntax).
public enum ReplacePattern: Sendable, Equatable {
    case string(String)
    case regex(String)

    public init(json: JSONValue, of type: String) throws {
        if let s = json["String"]?.stringValue { self = .string(s); return }
        if let r = json["Regex"]?.stringValue {
            guard (try? NSRegularExpression(pattern: r)) != nil else {
                throw TokenizerError.invalidArgument("\(type): invalid regex \"\(r)\"")
            }
            self = .regex(r)
            return
        }
        throw TokenizerError.invalidArgument("\(type): pattern must be {\"String\": ...} or {\"Regex\": ...}")
    }

    public var json: JSONValue {
        switch self {
        case .string(let s): return .object([("String", .string(s))])
        case .regex(let r): return .object([("Regex", .string(r))])
        }
    }

    /// Compiled form, built once per stage.
    func matcher() -> PatternMatcher {
        switch self {
        case .string(let s): return PatternMatcher(literal: Array(s.utf8), regex: nil)
        case .regex(let r): return PatternMatcher(literal: [], regex: try? NSRegularExpression(pattern: r))
        }
    }
}

/// Finds non-overlapping matches, leftmost first, as UTF-8 byte ranges.
struct PatternMatcher: @unchecked Sendable {
    let literal: [UInt8]
    let regex: NSRegularExpression?

    func matches(in bytes: [UInt8]) -> [Range<Int>] {
        if let regex { return regexMatches(regex, in: bytes) }
        guard !literal.isEmpty, bytes.count >= literal.count else { return [] }
        var result: [Range<Int>] = []
        let first = literal[0]
        var i = 0
        let last = bytes.count - literal.count
        while i <= last {
            if bytes[i] == first && bytes[i..<i + literal.count].elementsEqual(literal) {
                result.append(i..<i + literal.count)
                i += literal.count
            } else {
                i += 1
            }
        }
        return result
    }

    private func regexMatches(_ regex: NSRegularExpression, in bytes: [UInt8]) -> [Range<Int>] {
        let string = String(decoding: bytes, as: UTF8.self)
        let ns = string as NSString
        var result: [Range<Int>] = []
        // UTF-16 offsets -> UTF-8 offsets via String.Index.
        let utf16 = string.utf16
        for match in regex.matches(in: string, range: NSRange(location: 0, length: ns.length)) {
            let r = match.range
            guard r.length > 0 else { continue }
            let lo = utf16.index(utf16.startIndex, offsetBy: r.location)
            let hi = utf16.index(lo, offsetBy: r.length)
            let start = string.utf8.distance(from: string.utf8.startIndex, to: lo)
            let end = string.utf8.distance(from: string.utf8.startIndex, to: hi)
            result.append(start..<end)
        }
        return result
    }
}
