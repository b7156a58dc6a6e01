/// Everything a bot knows, read from its definition file (see corpora/bot/bank-bot.yaml for the
/// schema, documented at the top of that file). Plain values: the dialogue engine reads them,
/// nothing here has behaviour beyond lookups.
public struct BotDefinition: Sendable {
    public var name: String
    /// BCP-47 codes; the first is the default, used unless a message is written in another one.
    public var locales: [String]
    /// Labelled utterances per locale (CSV `text,label`), absolute paths.
    public var trainingData: [(locale: String, path: String)]
    /// Below this top-1 confidence the fallback policy answers instead of the intent.
    public var confidenceThreshold: Float
    /// How many closest intents a fallback offers.
    public var suggestions: Int
    public var slots: [String: SlotDefinition]
    public var intents: [String: IntentDefinition]
    /// Intent names in file order (stable label order for the classifier and for ties).
    public var intentOrder: [String]
    public var yesWords: [String: [String]]
    public var noWords: [String: [String]]
    public var fallback: FallbackPolicy
    /// Short human-readable intent names for suggestions, per locale.
    public var titles: LocalizedMap
    public var faq: FAQDefinition?
    /// The label of the out-of-scope class in the training data.
    public var outOfScopeLabel: String
    /// The definition file this came from (for messages and for paths relative to it).
    public var sourcePath: String

    public var handoffIntent: String? { intentOrder.first { intents[$0]?.handoff == true } }

    public func title(of intent: String, locale: String) -> String {
        titles.value(intent, locale: locale) ?? intent.replacingOccurrences(of: "_", with: " ")
    }
}

/// A value extracted from the user's words: an id by pattern, or a canonical value by synonyms.
public struct SlotDefinition: Sendable {
    public var name: String
    /// The first capture group (or the whole match) is the value; case-insensitive unless `caseSensitive`.
    public var pattern: String?
    /// Tried when this slot is the one just asked for, so a bare answer ("4821") fills it.
    public var answerPattern: String?
    public var caseSensitive: Bool
    /// Canonical value and its synonyms (matched case-insensitively, as whole words for letters).
    public var values: [(canonical: String, synonyms: [String])]
    public var prompt: LocalizedText
}

public struct IntentDefinition: Sendable {
    public var name: String
    /// Inline example utterances (besides the training CSVs).
    public var examples: [String]
    public var requiredSlots: [String]
    public var optionalSlots: [String]
    public var confirm: LocalizedText?
    public var onDeny: LocalizedText?
    public var responses: LocalizedList
    /// Hand the conversation to a person after answering.
    public var handoff: Bool
    /// Clear the dialogue state after answering.
    public var reset: Bool
}

public struct FallbackPolicy: Sendable {
    /// Templates with `{option1}`, `{option2}`: the closest intents' titles.
    public var lowConfidence: LocalizedList
    public var outOfScope: LocalizedList
    /// Consecutive fallbacks after which a person is offered.
    public var afterFailures: Int
    public var offerHuman: LocalizedText
}

public struct FAQDefinition: Sendable {
    /// Cosine similarity needed to answer from the FAQ.
    public var threshold: Float
    public var items: [(question: String, answer: String)]
}

/// One string per locale: `prompt` is the default, `prompt_zh` the Chinese one.
public struct LocalizedText: Sendable {
    public var byLocale: [String: String]
    public func value(_ locale: String) -> String { byLocale[locale] ?? byLocale[""] ?? "" }
}

/// A list of alternatives per locale: `responses`, `responses_zh`.
public struct LocalizedList: Sendable {
    public var byLocale: [String: [String]]
    public func value(_ locale: String) -> [String] {
        if let list = byLocale[locale], !list.isEmpty { return list }
        return byLocale[""] ?? []
    }
    public var all: [(locale: String, text: String)] {
        byLocale.sorted { $0.key < $1.key }.flatMap { locale, list in list.map { (locale, $0) } }
    }
}

/// Key -> string per locale: `titles` and `titles_zh`.
public struct LocalizedMap: Sendable {
    public var byLocale: [String: [String: String]]
    public func value(_ key: String, locale: String) -> String? { byLocale[locale]?[key] ?? byLocale[""]?[key] }
}
