/// HF "Sequence" of post-processors (e.g. ByteLevel offset trimming, then a template).
public struct SequenceProcessor: SpecialTokensPostProcessor {
    public static let typeName = "Sequence"
    public var processors: [any PostProcessor]

    public init(_ processors: [any PostProcessor]) { self.processors = processors }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        processors = try JSONFields.array(json, "processors", of: Self.typeName).map(StageRegistry.postProcessor(from:))
    }

    public var json: JSONValue {
        .object([("type", .string(Self.typeName)), ("processors", .array(processors.map(\.json)))])
    }

    public func addedTokenCount(isPair: Bool) -> Int {
        processors.reduce(0) { $0 + $1.addedTokenCount(isPair: isPair) }
    }

    public func process(_ first: Encoding, pair: Encoding?) -> Encoding { process(first, pair: pair, addSpecialTokens: true) }

    /// HF runs every processor on the list of encodings. Processors that add no tokens (offset
    /// trimming) keep the inputs apart, so a later template still sees the pair.
    public func process(_ first: Encoding, pair: Encoding?, addSpecialTokens: Bool) -> Encoding {
        var current = first
        var second = pair
        for processor in processors {
            if second != nil && processor.addedTokenCount(isPair: true) == 0 && processor.addedTokenCount(isPair: false) == 0 {
                current = PostProcessing.run(processor, current, pair: nil, addSpecialTokens: addSpecialTokens)
                second = PostProcessing.run(processor, second!, pair: nil, addSpecialTokens: addSpecialTokens)
                continue
            }
            current = PostProcessing.run(processor, current, pair: second, addSpecialTokens: addSpecialTokens)
            second = nil
        }
        if let second { current = Encoding.concatenate(current, pair: second) }
        return current
    }
}

enum PostProcessing {
    /// Runs any post-processor with HF's `add_special_tokens` semantics: processors that only
    /// adjust offsets (they add no tokens) run either way; others are skipped when special
    /// tokens are off unless they know how to handle that themselves.
    static func run(_ processor: any PostProcessor, _ first: Encoding, pair: Encoding?, addSpecialTokens: Bool) -> Encoding {
        if let aware = processor as? any SpecialTokensPostProcessor {
            return aware.process(first, pair: pair, addSpecialTokens: addSpecialTokens)
        }
        if addSpecialTokens || processor.addedTokenCount(isPair: pair != nil) == 0 {
            return processor.process(first, pair: pair)
        }
        return Encoding.concatenate(first, pair: pair)
    }
}
