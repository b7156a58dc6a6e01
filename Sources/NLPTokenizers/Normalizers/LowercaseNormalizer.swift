/// HF "Lowercase": Rust's `char::to_lowercase`, the full (one-to-many) mapping without context,
/// so "İ" becomes "i̇" and "Σ" always becomes "σ". Every output byte points at its source scalar.
public struct LowercaseNormalizer: Normalizer {
    public static let typeName = "Lowercase"
    public init() {}
    public init(json: JSONValue) throws { try JSONFields.require(json, type: Self.typeName) }
    public var json: JSONValue { .object([("type", .string(Self.typeName))]) }

    public func normalize(_ text: inout NormalizedText) {
        // Most text has nothing to lowercase after the first letters: check before rewriting.
        let needsWork = text.bytes.contains { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }
        guard needsWork else { return }
        text.mapScalars { scalar, out in
            if scalar.value < 0x80 {
                out.append(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 32)! : scalar)
            } else if scalar.properties.changesWhenLowercased {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
    }
}
