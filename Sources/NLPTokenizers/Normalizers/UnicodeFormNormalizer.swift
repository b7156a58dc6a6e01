import NLPUnicode

/// NFC, NFD, NFKC and NFKD as normalizers that keep offsets.
///
/// Normalising the whole text at once would lose which original bytes each output byte came
/// from. Instead the text is cut where `form` can never merge a scalar with what precedes it
/// (`Normalization.hasBoundaryBefore`), and each piece is normalised alone: an unchanged piece
/// keeps its byte-for-byte alignment, a changed one maps all its output to the piece's range.
///
///     "Cafe\u{301}!" --NFC--> "Café!"   ("é" points back at the 3 bytes of "e\u{301}")
enum UnicodeFormNormalization {
    static func apply(_ form: NormalizationForm, to text: inout NormalizedText) {
        let bytes = text.bytes
        if bytes.allSatisfy({ $0 < 0x80 }) { return }  // ASCII is in every form
        let string = text.string
        if Normalization.isNormalized(string, form) { return }

        var segments: [(bytes: [UInt8], current: Range<Int>)] = []
        segments.reserveCapacity(bytes.count)
        var chunkStart = 0
        var i = 0
        func flush(_ end: Int) {
            guard end > chunkStart else { return }
            let chunk = Array(bytes[chunkStart..<end])
            let normalized = Array(Normalization.normalize(String(decoding: chunk, as: UTF8.self), form).utf8)
            if normalized == chunk {
                var j = chunkStart
                while j < end {  // keep per-scalar alignment of untouched text
                    let (_, length) = UTF8Decoding.decode(bytes, at: j)
                    segments.append((Array(bytes[j..<j + length]), j..<j + length))
                    j += length
                }
            } else {
                segments.append((normalized, chunkStart..<end))
            }
            chunkStart = end
        }
        while i < bytes.count {
            let (scalar, length) = UTF8Decoding.decode(bytes, at: i)
            if i > chunkStart && Normalization.hasBoundaryBefore(scalar, form) { flush(i) }
            i += length
        }
        flush(bytes.count)
        text.replace(segments: segments)
    }

    static func decode(_ json: JSONValue, type: String) throws {
        try JSONFields.require(json, type: type)
    }
}

public struct NFCNormalizer: Normalizer {
    public static let typeName = "NFC"
    public init() {}
    public init(json: JSONValue) throws { try UnicodeFormNormalization.decode(json, type: Self.typeName) }
    public var json: JSONValue { .object([("type", .string(Self.typeName))]) }
    public func normalize(_ text: inout NormalizedText) { UnicodeFormNormalization.apply(.nfc, to: &text) }
}

public struct NFDNormalizer: Normalizer {
    public static let typeName = "NFD"
    public init() {}
    public init(json: JSONValue) throws { try UnicodeFormNormalization.decode(json, type: Self.typeName) }
    public var json: JSONValue { .object([("type", .string(Self.typeName))]) }
    public func normalize(_ text: inout NormalizedText) { UnicodeFormNormalization.apply(.nfd, to: &text) }
}

public struct NFKCNormalizer: Normalizer {
    public static let typeName = "NFKC"
    public init() {}
    public init(json: JSONValue) throws { try UnicodeFormNormalization.decode(json, type: Self.typeName) }
    public var json: JSONValue { .object([("type", .string(Self.typeName))]) }
    public func normalize(_ text: inout NormalizedText) { UnicodeFormNormalization.apply(.nfkc, to: &text) }
}

public struct NFKDNormalizer: Normalizer {
    public static let typeName = "NFKD"
    public init() {}
    public init(json: JSONValue) throws { try UnicodeFormNormalization.decode(json, type: Self.typeName) }
    public var json: JSONValue { .object([("type", .string(Self.typeName))]) }
    public func normalize(_ text: inout NormalizedText) { UnicodeFormNormalization.apply(.nfkd, to: &text) }
}
