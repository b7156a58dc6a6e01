import NLPTensor
import Foundation
import NLPUnicode

/// One conversation with a bot: feed it the user's lines, get `ChatTurn`s back.
///
///     let engine = try DialogueEngine(bot: bot, classifier: model, seed: 7)
///     engine.respond(to: "I lost my card").reply       // "What are the last four digits of the card?"
///     engine.respond(to: "4821").reply                 // "I'll freeze the card ending 4821 now. ... (yes/no)"
///     engine.respond(to: "yes").reply                  // "Done: the card ending 4821 is frozen ..."
///
/// A turn: normalise; commands (/help /reset /debug /quit); answer a pending question (a yes/no,
/// or the slot just asked for) unless the message confidently changes the topic; otherwise
/// classify, and either work on the intent (extract its slots, ask for missing required ones,
/// confirm, answer) or, when the top label is out of scope or below the threshold, answer from
/// the FAQ if a question is close enough, else fall back: say so, offer the two closest intents,
/// and after `after_failures` fallbacks in a row offer a person. Replies are drawn from the
/// definition's alternatives with a seeded generator, so a seed replays a conversation exactly.
public final class DialogueEngine {
    public let bot: BotDefinition
    public let classifier: IntentClassifier
    public let faq: FAQRetriever?
    public private(set) var state = DialogueState()
    /// `/debug` toggles it; the REPL prints `turn.debugJSON()` after each reply while it is on.
    public var debug = false
    /// How many labels a turn's ranking keeps.
    public var rankingSize = 5
    let slots: SlotExtractor
    var random: SplitMix64

    public init(bot: BotDefinition, classifier: IntentClassifier, faq: FAQRetriever? = nil, seed: UInt64 = 0) throws {
        self.bot = bot
        self.classifier = classifier
        self.faq = faq
        self.slots = try SlotExtractor(bot.slots)
        self.random = SplitMix64(seed: seed)
        state.locale = bot.locales.first ?? "en"
    }

    /// Forgets the conversation (not the `/debug` switch).
    public func reset() {
        state = DialogueState()
        state.locale = bot.locales.first ?? "en"
    }

    /// A raw input line (no newline). Invalid UTF-8 gets a one-line explanation and leaves the
    /// conversation as it was: "... invalid UTF-8 at byte 9 (0xC3 0x28) ..." names the bad
    /// sequence and the byte that broke it, as `nlp tokenize` does.
    public func respond(toLine bytes: [UInt8]) -> ChatTurn {
        if let bad = bytes.withUnsafeBufferPointer({ UTF8Validator.firstInvalid($0) }) {
            let hex = bytes[bad.offset..<min(bytes.count, bad.offset + max(1, bad.length) + 1)]
                .map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
            let reply = "\(Phrases.text(.notRead, state.locale)): invalid UTF-8 at byte \(bad.offset + 1) (\(hex)). \(Phrases.text(.typeAgain, state.locale))"
            return turn("", reply, .invalidInput)
        }
        return respond(to: String(decoding: bytes, as: UTF8.self))
    }

    public func respond(to raw: String) -> ChatTurn {
        let normalized = ChatText.normalize(raw)
        if normalized.isEmpty { return turn("", Phrases.text(.empty, state.locale), .empty) }
        if let command = ChatCommand(normalized) { return run(command, normalized) }
        let (text, cut) = ChatText.truncated(normalized)
        state.locale = ChatText.locale(of: text, among: bot.locales)
        let ranking = Array(classifier.rank(text).prefix(max(rankingSize, bot.suggestions + 1)))
        var result = handle(text, ranking)
        result.truncated = cut
        if cut { result.reply = Phrases.text(.truncated, state.locale) + " " + result.reply }
        return result
    }

    private func handle(_ text: String, _ ranking: [(intent: String, confidence: Float)]) -> ChatTurn {
        let locale = state.locale
        if state.handedOff { return turn(text, Phrases.text(.handedOff, locale), .handedOff, ranking: ranking) }
        let confident = ranking.first.flatMap { $0.confidence >= bot.confidenceThreshold && $0.intent != bot.outOfScopeLabel ? $0.intent : nil }
        let yesNo = YesNo.read(text, yes: words(bot.yesWords, locale), no: words(bot.noWords, locale))

        if state.offeringHuman {
            state.offeringHuman = false
            if yesNo == .yes, let handoff = bot.handoffIntent { return respond(intent: handoff, text, ranking) }
            if yesNo == .no { state.failures = 0; return turn(text, Phrases.text(.keepGoing, locale), .denied, ranking: ranking) }
        }

        if state.awaitingConfirmation, let intent = state.intent {
            switch yesNo {
            case .yes:
                return answer(intent, text, ranking)
            case .no:
                let reply = bot.intents[intent]?.onDeny.map { fill($0.value(locale)) } ?? Phrases.text(.deny, locale)
                state.clearFrame()
                return turn(text, reply, .denied, intent: intent, ranking: ranking)
            case nil:
                if let other = confident, other != intent {
                    state.clearFrame()
                } else {
                    let question = fill(bot.intents[intent]?.confirm?.value(locale) ?? "")
                    return turn(text, Phrases.text(.answerYesNo, locale) + question, .confirm, intent: intent, ranking: ranking)
                }
            }
        }

        if let slot = state.awaitingSlot, let intent = state.intent {
            if let value = slots.value(of: slot, in: text, asAnswer: true) {
                state.slots[slot] = value
                state.awaitingSlot = nil
                fillSlots(of: intent, from: text, overwrite: false)
                return proceed(intent, text, ranking)
            }
            if let other = confident, other != intent {
                state.clearFrame()
            } else {
                return turn(text, prompt(for: slot, locale), .askSlot, intent: intent, ranking: ranking)
            }
        }

        if let match = faq?.best(text), let threshold = bot.faq?.threshold, match.similarity >= threshold,
           confident == nil || match.similarity >= max(threshold, 0.9) {
            state.failures = 0
            state.clearFrame()
            var result = turn(text, match.answer, .faq, ranking: ranking)
            result.faq = match
            return result
        }
        guard let intent = confident else { return fallback(text, ranking) }
        return respond(intent: intent, text, ranking)
    }

    /// Starts (or restarts) work on `intent` with the slots found in `text`.
    private func respond(intent: String, _ text: String, _ ranking: [(intent: String, confidence: Float)]) -> ChatTurn {
        state.failures = 0
        state.clearFrame()
        state.intent = intent
        fillSlots(of: intent, from: text, overwrite: true)
        return proceed(intent, text, ranking)
    }

    private func proceed(_ intent: String, _ text: String, _ ranking: [(intent: String, confidence: Float)]) -> ChatTurn {
        guard let definition = bot.intents[intent] else { return fallback(text, ranking) }
        if let missing = definition.requiredSlots.first(where: { state.slots[$0] == nil }) {
            state.awaitingSlot = missing
            return turn(text, prompt(for: missing, state.locale), .askSlot, intent: intent, ranking: ranking)
        }
        if let confirm = definition.confirm {
            state.awaitingConfirmation = true
            return turn(text, fill(confirm.value(state.locale)), .confirm, intent: intent, ranking: ranking)
        }
        return answer(intent, text, ranking)
    }

    private func answer(_ intent: String, _ text: String, _ ranking: [(intent: String, confidence: Float)]) -> ChatTurn {
        let definition = bot.intents[intent]!
        let reply = fill(pick(definition.responses.value(state.locale)))
        var action = ChatTurn.Action.answer
        if definition.handoff { action = .handoff }
        let keepLocale = state.locale
        state.clearFrame()
        if definition.reset { reset(); state.locale = keepLocale }
        if definition.handoff { state.handedOff = true }
        return turn(text, reply, action, intent: intent, ranking: ranking)
    }

    private func fallback(_ text: String, _ ranking: [(intent: String, confidence: Float)]) -> ChatTurn {
        let locale = state.locale
        state.clearFrame()
        state.failures += 1
        if bot.fallback.afterFailures > 0, state.failures >= bot.fallback.afterFailures, bot.handoffIntent != nil {
            state.offeringHuman = true
            return turn(text, bot.fallback.offerHuman.value(locale), .offerHuman, ranking: ranking)
        }
        let options = ranking.filter { $0.intent != bot.outOfScopeLabel }.prefix(2).map { bot.title(of: $0.intent, locale: locale) }
        func withOptions(_ template: String) -> String {
            var out = template
            for (i, option) in options.enumerated() { out = out.replacingOccurrences(of: "{option\(i + 1)}", with: option) }
            return out
        }
        if ranking.first?.intent == bot.outOfScopeLabel {
            let said = pick(bot.fallback.outOfScope.value(locale))
            let offer = bot.suggestions > 0 && options.count == 2 ? " " + withOptions(Phrases.text(.suggest, locale)) : ""
            return turn(text, said + offer, .outOfScope, ranking: ranking)
        }
        return turn(text, withOptions(pick(bot.fallback.lowConfidence.value(locale))), .lowConfidence, ranking: ranking)
    }

    private func run(_ command: ChatCommand, _ text: String) -> ChatTurn {
        switch command {
        case .help: return turn(text, ChatCommand.help(bot, locale: state.locale), .command)
        case .reset:
            let locale = state.locale
            reset()
            state.locale = locale
            return turn(text, Phrases.text(.reset, locale), .command)
        case .debug:
            debug.toggle()
            return turn(text, Phrases.text(debug ? .debugOn : .debugOff, state.locale), .command)
        case .quit:
            var result = turn(text, Phrases.text(.quit, state.locale), .quit)
            result.endsSession = true
            return result
        }
    }

    // MARK: helpers

    private func fillSlots(of intent: String, from text: String, overwrite: Bool) {
        guard let definition = bot.intents[intent] else { return }
        for (name, value) in slots.values(of: definition.requiredSlots + definition.optionalSlots, in: text) where overwrite || state.slots[name] == nil {
            state.slots[name] = value
        }
    }

    private func prompt(for slot: String, _ locale: String) -> String {
        let text = bot.slots[slot]?.prompt.value(locale) ?? ""
        return text.isEmpty ? "What is the \(slot.replacingOccurrences(of: "_", with: " "))?" : text
    }

    private func words(_ table: [String: [String]], _ locale: String) -> [String] {
        (table[locale] ?? []) + (table[""] ?? []) + (locale == (bot.locales.first ?? "en") ? [] : table[bot.locales.first ?? "en"] ?? [])
    }

    /// One of `alternatives` whose placeholders are all filled (seeded draw); if none is, the one
    /// with the fewest unfilled placeholders, which `fill` then leaves out gracefully.
    private func pick(_ alternatives: [String]) -> String {
        guard !alternatives.isEmpty else { return "" }
        func missing(_ s: String) -> Int { DefinitionRules.placeholders(in: s).filter { state.slots[$0] == nil }.count }
        let complete = alternatives.filter { missing($0) == 0 }
        let pool = complete.isEmpty ? [alternatives.min { missing($0) < missing($1) }!] : complete
        return pool[random.index(pool.count)]
    }

    private func fill(_ template: String) -> String {
        var out = template
        for name in DefinitionRules.placeholders(in: template) {
            out = out.replacingOccurrences(of: "{\(name)}", with: state.slots[name] ?? "it")
        }
        return out
    }

    private func turn(_ text: String, _ reply: String, _ action: ChatTurn.Action, intent: String? = nil,
                      ranking: [(intent: String, confidence: Float)] = []) -> ChatTurn {
        ChatTurn(user: text, reply: reply, action: action, intent: intent, ranking: ranking, faq: nil, state: state)
    }
}
