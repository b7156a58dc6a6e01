import NLPUnicode

/// HF "StripAccents": drops nonspacing marks (Mn). It does not decompose: put NFD before it
/// ("é" survives alone; NFD + StripAccents gives "e").
public struct StripAccentsNormalizer: Normalizer {
    public static let typeName = "StripAccents"
    public init() {}
    public init(json: JSONValue) throws { try JSONFields.require(json, type: Self.typeName) }
    public var json: JSONValue { .object([("type", .string(Self.typeName))]) }

    public func normalize(_ text: inout NormalizedText) {
        guard text.bytes.contains(where: { $0 >= 0x80 }) else { return }
        text.mapScalars { scalar, out in
            if scalar.value < 0x80 || CodePoint.category(scalar) != .nonspacingMark { out.append(scalar) }
        }
    }
}
