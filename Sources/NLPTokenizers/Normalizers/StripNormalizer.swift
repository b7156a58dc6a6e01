/// HF "Strip": removes White_Space scalars at the left and/or right end of the text.
public struct StripNormalizer: Normalizer {
    public static let typeName = "Strip"
    public var stripLeft: Bool
    public var stripRight: Bool

    public init(left: Bool = true, right: Bool = true) {
        stripLeft = left
        stripRight = right
    }

    public init(json: JSONValue) throws {
        try JSONFields.require(json, type: Self.typeName)
        stripLeft = try JSONFields.bool(json, "strip_left", of: Self.typeName, default: true)
        stripRight = try JSONFields.bool(json, "strip_right", of: Self.typeName, default: true)
    }

    public var json: JSONValue {
        .object([("type", .string(Self.typeName)), ("strip_left", .bool(stripLeft)), ("strip_right", .bool(stripRight))])
    }

    public func normalize(_ text: inout NormalizedText) {
        let scalars = text.string.unicodeScalars
        var first = 0, last = scalars.count  // keep scalars with index in first..<last
        if stripLeft { first = scalars.prefix { $0.properties.isWhitespace }.count }
        if stripRight { last = scalars.count - scalars.reversed().prefix { $0.properties.isWhitespace }.count }
        if first == 0 && last == scalars.count { return }
        var index = 0
        text.mapScalars { scalar, out in
            if index >= first && index < last { out.append(scalar) }
            index += 1
        }
    }
}
