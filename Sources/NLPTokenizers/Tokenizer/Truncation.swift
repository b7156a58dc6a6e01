/// Cutting encodings to a maximum length (HF `TruncationParams`); what is cut off is kept in
/// `Encoding.overflowing`, in windows that overlap by `stride` tokens.
///
///     max_length 4, stride 1: [a b c d e f] -> [a b c d], overflowing [d e f]
public struct Truncation: Sendable, Equatable {
    public enum Strategy: String, Sendable { case longestFirst = "LongestFirst", onlyFirst = "OnlyFirst", onlySecond = "OnlySecond" }
    public enum Direction: String, Sendable { case left = "Left", right = "Right" }

    public var maxLength: Int
    public var stride: Int
    public var strategy: Strategy
    public var direction: Direction

    public init(maxLength: Int, stride: Int = 0, strategy: Strategy = .longestFirst, direction: Direction = .right) {
        self.maxLength = maxLength
        self.stride = stride
        self.strategy = strategy
        self.direction = direction
    }

    public init(json: JSONValue) throws {
        let type = "truncation"
        maxLength = try JSONFields.int(json, "max_length", of: type, default: 512)
        stride = try JSONFields.int(json, "stride", of: type, default: 0)
        guard let s = Strategy(rawValue: try JSONFields.string(json, "strategy", of: type, default: "LongestFirst")),
              let d = Direction(rawValue: try JSONFields.string(json, "direction", of: type, default: "Right")) else {
            throw TokenizerError.invalidArgument("truncation: unknown strategy or direction")
        }
        guard maxLength >= 0, stride >= 0 else { throw TokenizerError.invalidArgument("truncation: negative length") }
        strategy = s
        direction = d
    }

    public var json: JSONValue {
        .object([("direction", .string(direction.rawValue)), ("max_length", .int(maxLength)),
                 ("strategy", .string(strategy.rawValue)), ("stride", .int(stride))])
    }

    /// HF's `truncate_encodings`, with `maxLength` already reduced by the special tokens to come.
    func truncate(_ first: inout Encoding, _ second: inout Encoding?, maxLength: Int) throws {
        if maxLength <= 0 {
            try first.truncate(to: 0, stride: stride, direction: direction)
            if second != nil { try second!.truncate(to: 0, stride: stride, direction: direction) }
            return
        }
        let total = first.count + (second?.count ?? 0)
        guard total > maxLength else { return }
        let toRemove = total - maxLength
        switch strategy {
        case .longestFirst:
            guard second != nil else {
                try first.truncate(to: total - toRemove, stride: stride, direction: direction)
                return
            }
            var n1 = first.count, n2 = second!.count
            let swapped = n1 > n2
            if swapped { swap(&n1, &n2) }
            n2 = n1 > maxLength ? n1 : max(n1, maxLength - n1)
            if n1 + n2 > maxLength {
                n1 = maxLength / 2
                n2 = n1 + maxLength % 2
            }
            if swapped { swap(&n1, &n2) }
            try first.truncate(to: n1, stride: stride, direction: direction)
            try second!.truncate(to: n2, stride: stride, direction: direction)
        case .onlyFirst, .onlySecond:
            if strategy == .onlySecond && second == nil {
                throw TokenizerError.invalidArgument("truncation: only_second needs a second sequence")
            }
            let length = strategy == .onlyFirst ? first.count : second!.count
            guard length > toRemove else {
                throw TokenizerError.invalidArgument("truncation: the sequence to truncate is too short to respect max_length")
            }
            if strategy == .onlyFirst {
                try first.truncate(to: length - toRemove, stride: stride, direction: direction)
            } else {
                try second!.truncate(to: length - toRemove, stride: stride, direction: direction)
            }
        }
    }
}

extension Encoding {
    /// HF's `Encoding::truncate`: keeps `maxLength` tokens; the rest becomes overflowing windows.
    mutating func truncate(to maxLength: Int, stride: Int, direction: Truncation.Direction) throws {
        let length = count
        guard maxLength < length else { return }
        if maxLength == 0 {
            let whole = self
            self = Encoding()
            overflowing = [whole]
            return
        }
        guard stride < maxLength else {
            throw TokenizerError.invalidArgument("truncation: stride \(stride) must be less than max_length \(maxLength) (after room for special tokens)")
        }
        let step = maxLength - stride
        var parts: [Range<Int>] = []
        switch direction {
        case .right:
            var start = 0
            while start < length {
                let stop = min(start + maxLength, length)
                parts.append(start..<stop)
                if stop == length { break }
                start += step
            }
        case .left:
            var last = length - 1
            while last >= 0 {
                let stop = last + 1
                let start = max(stop - maxLength, 0)
                parts.append(start..<stop)
                if start == 0 { break }
                last -= step
            }
        }
        let windows = parts.map { slice($0) }
        self = windows[0]
        overflowing = Array(windows.dropFirst())
    }

    func slice(_ r: Range<Int>) -> Encoding {
        Encoding(ids: Array(ids[r]), tokens: Array(tokens[r]), offsets: Array(offsets[r]), typeIDs: Array(typeIDs[r]),
                 attentionMask: Array(attentionMask[r]), specialTokensMask: Array(specialTokensMask[r]),
                 sequenceIDs: Array(sequenceIDs[r]))
    }
}
