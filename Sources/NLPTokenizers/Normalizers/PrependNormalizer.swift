/// HF "Prepend": puts `prepend` (e.g. "▁" for SentencePiece-style models) before non-empty text.
/// The added bytes point at the first original scalar, as in HF.
public struct PrependNormalizer: Normalizer {
    public static let typeName = "Prepend"
    public var prepend: String

    public init(_ prepend: String) { self.prepend = prepend }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        prepend = try JSONFields.string(json, "prepend", of: Self.typeName)
    }

    public var json: JSONValue { .object([("type", .string(Self.typeName)), ("prepend", .string(prepend))]) }

    public func normalize(_ text: inout NormalizedText) {
        guard !text.bytes.isEmpty, !prepend.isEmpty else { return }
        var isFirst = true
        let added = Array(prepend.unicodeScalars)
        text.mapScalars { scalar, out in
            if isFirst { out.append(contentsOf: added); isFirst = false }
            out.append(scalar)
        }
    }
}
