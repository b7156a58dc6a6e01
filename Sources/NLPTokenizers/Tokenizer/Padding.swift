/// Padding encodings to a common length (HF `PaddingParams`): the longest in the batch, or a
/// fixed length, rounded up to a multiple if asked. Pads have attention 0 and are special.
public struct Padding: Sendable, Equatable {
    public enum Strategy: Sendable, Equatable { case batchLongest, fixed(Int) }
    public enum Direction: String, Sendable { case left = "Left", right = "Right" }

    public var strategy: Strategy
    public var direction: Direction
    public var padToMultipleOf: Int?
    public var padID: Int32
    public var padTypeID: Int32
    public var padToken: String

    public init(strategy: Strategy = .batchLongest, direction: Direction = .right, padToMultipleOf: Int? = nil,
                padID: Int32 = 0, padTypeID: Int32 = 0, padToken: String = "[PAD]") {
        self.strategy = strategy
        self.direction = direction
        self.padToMultipleOf = padToMultipleOf
        self.padID = padID
        self.padTypeID = padTypeID
        self.padToken = padToken
    }

    public init(json: JSONValue) throws {
        let type = "padding"
        if json["strategy"]?.stringValue == "BatchLongest" || json["strategy"] == nil {
            strategy = .batchLongest
        } else if let n = json["strategy"]?["Fixed"]?.intValue, n >= 0 {
            strategy = .fixed(n)
        } else {
            throw TokenizerError.invalidArgument("padding: strategy must be \"BatchLongest\" or {\"Fixed\": n}")
        }
        guard let d = Direction(rawValue: try JSONFields.string(json, "direction", of: type, default: "Right")) else {
            throw TokenizerError.invalidArgument("padding: direction must be Left or Right")
        }
        direction = d
        padToMultipleOf = json["pad_to_multiple_of"]?.intValue
        padID = Int32(try JSONFields.int(json, "pad_id", of: type, default: 0))
        padTypeID = Int32(try JSONFields.int(json, "pad_type_id", of: type, default: 0))
        padToken = try JSONFields.string(json, "pad_token", of: type, default: "[PAD]")
    }

    public var json: JSONValue {
        let s: JSONValue
        switch strategy {
        case .batchLongest: s = .string("BatchLongest")
        case .fixed(let n): s = .object([("Fixed", .int(n))])
        }
        return .object([("strategy", s), ("direction", .string(direction.rawValue)),
                        ("pad_to_multiple_of", padToMultipleOf.map { .int($0) } ?? .null),
                        ("pad_id", .int(Int(padID))), ("pad_type_id", .int(Int(padTypeID))), ("pad_token", .string(padToken))])
    }

    /// HF's `pad_encodings`.
    public func pad(_ encodings: inout [Encoding]) {
        guard !encodings.isEmpty else { return }
        var length: Int
        switch strategy {
        case .batchLongest: length = encodings.map(\.count).max() ?? 0
        case .fixed(let n): length = n
        }
        if let m = padToMultipleOf, m > 0, length % m != 0 { length += m - length % m }
        for i in encodings.indices { pad(&encodings[i], to: length) }
    }

    func pad(_ e: inout Encoding, to length: Int) {
        for i in e.overflowing.indices { pad(&e.overflowing[i], to: length) }
        let n = length - e.count
        guard n > 0 else { return }
        func put<T>(_ array: inout [T], _ value: T) {
            if direction == .right { array.append(contentsOf: repeatElement(value, count: n)) }
            else { array.insert(contentsOf: repeatElement(value, count: n), at: 0) }
        }
        put(&e.ids, padID)
        put(&e.tokens, padToken)
        put(&e.offsets, 0..<0)
        put(&e.typeIDs, padTypeID)
        put(&e.attentionMask, 0)
        put(&e.specialTokensMask, 1)
        put(&e.sequenceIDs, nil)
    }
}
