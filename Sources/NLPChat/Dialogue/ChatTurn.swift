import Foundation

/// What happened in one turn: the reply to show, and everything a transcript or `/debug` needs.
public struct ChatTurn: Sendable {
    public enum Action: String, Codable, Sendable {
        case answer, askSlot = "ask_slot", confirm, denied, faq, lowConfidence = "low_confidence",
             outOfScope = "out_of_scope", offerHuman = "offer_human", handoff, handedOff = "handed_off",
             command, empty, invalidInput = "invalid_input", quit
    }

    /// The message as the bot read it (normalised; cut to `ChatText.maximumBytes`).
    public var user: String
    public var reply: String
    public var action: Action
    /// The intent acted on (answered, asked about or confirmed); nil for fallbacks and commands.
    public var intent: String?
    /// The classifier's best labels, best first (empty for commands and unreadable input).
    public var ranking: [(intent: String, confidence: Float)]
    public var faq: FAQMatch?
    /// The dialogue state after the turn.
    public var state: DialogueState
    /// True when the message was longer than `ChatText.maximumBytes` and was cut.
    public var truncated = false
    /// The session should end (`/quit`).
    public var endsSession = false

    /// A JSON object (keys sorted) of the turn's decision: `/debug` prints it, transcripts extend it.
    public func jsonObject() -> [String: Any] {
        var object: [String: Any] = [
            "action": action.rawValue,
            "ranking": ranking.map { ["intent": $0.intent, "confidence": (Double($0.confidence) * 10000).rounded() / 10000] },
            "slots": state.slots,
            "state": [
                "intent": state.intent as Any? ?? NSNull(),
                "awaiting_slot": state.awaitingSlot as Any? ?? NSNull(),
                "awaiting_confirmation": state.awaitingConfirmation,
                "offering_human": state.offeringHuman,
                "failures": state.failures,
                "handed_off": state.handedOff,
                "locale": state.locale,
            ] as [String: Any],
            "intent": intent as Any? ?? NSNull(),
        ]
        if let faq { object["faq"] = ["question": faq.question, "similarity": (Double(faq.similarity) * 10000).rounded() / 10000] }
        if truncated { object["truncated"] = true }
        return object
    }

    /// One line of JSON for `/debug`.
    public func debugJSON() -> String { ChatJSON.line(jsonObject()) }

    /// One transcript line: the time, the user's text and the reply around the decision.
    public func transcriptJSON(time: Date = Date()) -> String {
        var object = jsonObject()
        object["time"] = ChatJSON.timestamp(time)
        object["user"] = user
        object["reply"] = reply
        return ChatJSON.line(object)
    }
}

enum ChatJSON {
    static func line(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// ISO 8601 in UTC with milliseconds: 2024-03-12T09:41:07.123Z.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
