/// Hugging Face's "ByteLevel" post-processor. With `trimOffsets`, a token's offsets leave out
/// the spaces it carries ("Ġworld" covers "world", not " world"), except the one space that
/// `addPrefixSpace` put before the first token. It adds no tokens; a pair is concatenated with
/// sequence ids 0 and 1.
///
///     "Hello world" -> tokens "Hello" "Ġworld", offsets 0..<5, 5..<11 -> 0..<5, 6..<11
public struct ByteLevelPostProcessor: PostProcessor, Equatable {
    public static let typeName = "ByteLevel"
    public var addPrefixSpace: Bool
    public var trimOffsets: Bool
    public var useRegex: Bool

    public init(addPrefixSpace: Bool = true, trimOffsets: Bool = true, useRegex: Bool = true) {
        self.addPrefixSpace = addPrefixSpace
        self.trimOffsets = trimOffsets
        self.useRegex = useRegex
    }

    public func addedTokenCount(isPair: Bool) -> Int { 0 }

    public func process(_ first: Encoding, pair: Encoding?) -> Encoding {
        var a = first
        if trimOffsets { trim(&a) }
        a.sequenceIDs = a.sequenceIDs.map { $0 == nil ? nil : 0 }
        guard var b = pair else { return a }
        if trimOffsets { trim(&b) }
        b.sequenceIDs = b.sequenceIDs.map { $0 == nil ? nil : 1 }
        return Encoding(ids: a.ids + b.ids, tokens: a.tokens + b.tokens, offsets: a.offsets + b.offsets,
                        typeIDs: a.typeIDs + b.typeIDs, attentionMask: a.attentionMask + b.attentionMask,
                        specialTokensMask: a.specialTokensMask + b.specialTokensMask,
                        sequenceIDs: a.sequenceIDs + b.sequenceIDs, overflowing: a.overflowing + b.overflowing)
    }

    /// HF's `process_offsets`: count leading/trailing "Ġ" (or real white space) per token.
    func trim(_ encoding: inout Encoding) {
        for i in encoding.offsets.indices where i < encoding.tokens.count {
            let scalars = Array(encoding.tokens[i].unicodeScalars)
            func isSpace(_ s: Unicode.Scalar) -> Bool { s.value == 0x120 || s.properties.isWhitespace }
            var leading = scalars.prefix(while: isSpace).count
            let trailing = scalars.reversed().prefix(while: isSpace).count
            var (start, end) = (encoding.offsets[i].lowerBound, encoding.offsets[i].upperBound)
            if leading > 0 {
                if (i == 0 || start == 0) && addPrefixSpace && leading == 1 { leading = 0 }
                start = min(start + leading, end)
            }
            if trailing > 0 && end >= trailing { end = max(end - trailing, start) }
            encoding.offsets[i] = start..<end
        }
        for k in encoding.overflowing.indices { trim(&encoding.overflowing[k]) }
    }

    public init(json: JSONValue) throws {
        try ByteLevelOptions.check(json, type: "ByteLevel post-processor")
        let o = try ByteLevelOptions(json: json)
        self.init(addPrefixSpace: o.addPrefixSpace, trimOffsets: o.trimOffsets, useRegex: o.useRegex)
    }

    public var json: JSONValue {
        ByteLevelOptions(addPrefixSpace: addPrefixSpace, trimOffsets: trimOffsets, useRegex: useRegex).json
    }
}
