/// What the bot remembers between turns. `/reset`, a reset intent, or a finished intent clears
/// the frame (intent, slots, what is being waited for); a change of topic replaces it.
public struct DialogueState: Codable, Equatable, Sendable {
    /// The intent being worked on: collecting its required slots or waiting for a yes/no.
    public var intent: String?
    public var slots: [String: String] = [:]
    /// The slot the last reply asked for; the next message is searched for it first.
    public var awaitingSlot: String?
    /// The last reply was the intent's `confirm` question.
    public var awaitingConfirmation = false
    /// The last reply offered a person (after repeated fallbacks).
    public var offeringHuman = false
    /// Consecutive turns that ended in a fallback.
    public var failures = 0
    /// The conversation was handed to a person; the bot only says so until `/reset`.
    public var handedOff = false
    /// The locale of the last message ("en", "zh").
    public var locale = "en"

    public init() {}

    mutating func clearFrame() {
        intent = nil
        slots = [:]
        awaitingSlot = nil
        awaitingConfirmation = false
        offeringHuman = false
    }
}
