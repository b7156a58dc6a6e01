/// HF "Sequence" of pre-tokenizers: each one splits the pieces the previous one produced.
public struct SequencePreTokenizer: PreTokenizer {
    public static let typeName = "Sequence"
    public var preTokenizers: [any PreTokenizer]

    public init(_ preTokenizers: [any PreTokenizer]) { self.preTokenizers = preTokenizers }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        preTokenizers = try JSONFields.array(json, "pretokenizers", of: Self.typeName).map(StageRegistry.preTokenizer(from:))
    }

    public var json: JSONValue {
        .object([("type", .string(Self.typeName)), ("pretokenizers", .array(preTokenizers.map(\.json)))])
    }

    public func split(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into pieces: inout [Range<Int>]) {
        var current = [range]
        var next: [Range<Int>] = []
        for preTokenizer in preTokenizers {
            next.removeAll(keepingCapacity: true)
            for piece in current { preTokenizer.split(text, range: piece, into: &next) }
            swap(&current, &next)
        }
        pieces.append(contentsOf: current)
    }
}
