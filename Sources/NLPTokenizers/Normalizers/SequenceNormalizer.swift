/// HF "Sequence" of normalizers, applied in order.
public struct SequenceNormalizer: Normalizer {
    public static let typeName = "Sequence"
    public var normalizers: [any Normalizer]

    public init(_ normalizers: [any Normalizer]) { self.normalizers = normalizers }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        normalizers = try JSONFields.array(json, "normalizers", of: Self.typeName).map(StageRegistry.normalizer(from:))
    }

    public var json: JSONValue {
        .object([("type", .string(Self.typeName)), ("normalizers", .array(normalizers.map(\.json)))])
    }

    public func normalize(_ text: inout NormalizedText) {
        for normalizer in normalizers { normalizer.normalize(&text) }
    }
}
