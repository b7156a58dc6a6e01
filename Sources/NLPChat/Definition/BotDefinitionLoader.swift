import Foundation
import Yams

extension BotDefinition {
    /// The definition file of a bot directory: `bot.yaml`, `bot.yml` or `bot.json`, else the only
    /// `.yaml`/`.yml`/`.json` file in it. A path to a file is taken as is.
    public static func definitionFile(in path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BotDefinitionError(file: path, line: 0, keyPath: "", message: "no such file or directory")
        }
        guard isDirectory.boolValue else { return path }
        for name in ["bot.yaml", "bot.yml", "bot.json"] where FileManager.default.fileExists(atPath: path + "/" + name) {
            return path + "/" + name
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let candidates = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
        guard candidates.count == 1 else {
            let found = candidates.isEmpty ? "none found" : "found " + candidates.joined(separator: ", ")
            throw BotDefinitionError(file: path, line: 0, keyPath: "", message: "expected one bot definition (bot.yaml or a single .yaml/.json file), \(found)")
        }
        return path + "/" + candidates[0]
    }

    /// Reads and validates a bot definition (a directory or the file itself).
    public static func load(_ path: String) throws -> BotDefinition {
        let file = try definitionFile(in: path)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BotDefinitionError(file: file, line: 0, keyPath: "", message: "cannot read the file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw BotDefinitionError(file: file, line: 0, keyPath: "", message: "not UTF-8")
        }
        return try parse(text, file: file)
    }

    /// Parses definition text; `file` names it in errors and anchors relative training-data paths.
    public static func parse(_ text: String, file: String) throws -> BotDefinition {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw BotDefinitionError(file: file, line: 0, keyPath: "", message: "the file is empty")
            }
            root = node
        } catch let error as YamlError {
            throw BotDefinitionError(file: file, line: 0, keyPath: "", message: Self.oneLine(error))
        }
        return try DefinitionReader(file: file).read(DefinitionNode(node: root, path: "", file: file))
    }

    /// YamlError's description is "line:column: error: ...:\n<snippet>"; keep the first line.
    static func oneLine(_ error: YamlError) -> String {
        let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
        return first.replacingOccurrences(of: ": error: ", with: ": ")
    }
}

/// Turns the YAML tree into a `BotDefinition`; each accessor knows its key path for errors.
struct DefinitionReader {
    let file: String

    func read(_ root: DefinitionNode) throws -> BotDefinition {
        let bot = try root.required("bot", in: root.entries()).entries(allowed: [
            "name", "locales", "training_data", "confidence_threshold", "suggestions", "out_of_scope_label"])
        let botNode = try root.required("bot", in: root.entries())
        let locales = try botNode.entry("locales", in: bot)?.strings() ?? ["en"]
        let extra = Set(locales.dropFirst())
        func localized(_ keys: [String]) -> Set<String> {
            Set(keys.flatMap { key in [key] + extra.map { key + "_" + $0 } })
        }
        let top = try root.entries(allowed: ["bot", "slots", "intents", "yes_words", "no_words", "fallback", "faq"]
            .reduce(into: Set<String>()) { $0.insert($1) }.union(localized(["titles"])))

        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        var trainingData: [(locale: String, path: String)] = []
        if let node = botNode.entry("training_data", in: bot) {
            for (locale, value) in try node.entries() {
                let relative = try value.string()
                let path = relative.hasPrefix("/") ? relative : base.appendingPathComponent(relative).standardizedFileURL.path
                guard FileManager.default.fileExists(atPath: path) else { throw value.error("no such file: \(path)") }
                trainingData.append((locale, path))
            }
        }

        var slots: [String: SlotDefinition] = [:]
        if let node = root.entry("slots", in: top) {
            for (name, value) in try node.entries() { slots[name] = try slot(name, value, localized) }
        }
        var intents: [String: IntentDefinition] = [:]
        var order: [String] = []
        for (name, value) in try root.required("intents", in: top).entries() {
            let intent = try intent(name, value, localized)
            try DefinitionRules.check(intent, slots: slots, node: value)
            intents[name] = intent
            order.append(name)
        }
        if order.isEmpty { throw root.error("intents: at least one intent is needed") }
        for (key, node) in top where key == "titles" || key.hasPrefix("titles_") {
            for (intent, title) in try node.entries() where intents[intent] == nil {
                throw title.error(DefinitionRules.unknownIntent(intent, known: order))
            }
        }
        if let node = root.entry("fallback", in: top) {
            for (key, value) in try node.entries() where key != "after_failures" {
                try DefinitionRules.checkTemplates(value, allowed: ["option1", "option2"], what: "a fallback message")
            }
        }

        return BotDefinition(
            name: try botNode.entry("name", in: bot)?.string() ?? "Assistant",
            locales: locales,
            trainingData: trainingData,
            confidenceThreshold: try botNode.entry("confidence_threshold", in: bot)?.float(in: 0...1) ?? 0.5,
            suggestions: try botNode.entry("suggestions", in: bot)?.int(atLeast: 0) ?? 2,
            slots: slots, intents: intents, intentOrder: order,
            yesWords: try words(root.entry("yes_words", in: top)) ?? ["": ["yes", "y", "yeah", "ok", "sure"]],
            noWords: try words(root.entry("no_words", in: top)) ?? ["": ["no", "n", "nope", "cancel"]],
            fallback: try fallback(root.entry("fallback", in: top), localized),
            titles: try titles(top),
            faq: try faq(root.entry("faq", in: top)),
            outOfScopeLabel: try botNode.entry("out_of_scope_label", in: bot)?.string() ?? "out_of_scope",
            sourcePath: file)
    }

    func slot(_ name: String, _ node: DefinitionNode, _ localized: ([String]) -> Set<String>) throws -> SlotDefinition {
        let e = try node.entries(allowed: Set(["pattern", "answer_pattern", "case_sensitive", "values"]).union(localized(["prompt"])))
        var values: [(canonical: String, synonyms: [String])] = []
        if let list = node.entry("values", in: e) {
            if list.node.sequence != nil {
                values = try list.strings().map { ($0, [$0]) }
            } else {
                values = try list.entries().map { canonical, synonyms in (canonical, try synonyms.strings()) }
            }
        }
        let slot = SlotDefinition(
            name: name,
            pattern: try node.entry("pattern", in: e)?.string(),
            answerPattern: try node.entry("answer_pattern", in: e)?.string(),
            caseSensitive: try node.entry("case_sensitive", in: e)?.bool() ?? false,
            values: values,
            prompt: try text("prompt", e))
        if slot.pattern == nil && slot.values.isEmpty { throw node.error("a slot needs `pattern`, `values`, or both") }
        for key in ["pattern", "answer_pattern"] {
            if let value = node.entry(key, in: e) { try DefinitionRules.checkRegex(try value.string(), node: value) }
        }
        return slot
    }

    func intent(_ name: String, _ node: DefinitionNode, _ localized: ([String]) -> Set<String>) throws -> IntentDefinition {
        let e = try node.entries(allowed: Set(["examples", "required_slots", "optional_slots", "handoff", "reset"])
            .union(localized(["confirm", "on_deny", "responses"])))
        return IntentDefinition(
            name: name,
            examples: try node.entry("examples", in: e)?.strings() ?? [],
            requiredSlots: try node.entry("required_slots", in: e)?.strings() ?? [],
            optionalSlots: try node.entry("optional_slots", in: e)?.strings() ?? [],
            confirm: try e.contains { $0.key == "confirm" } ? text("confirm", e) : nil,
            onDeny: try e.contains { $0.key == "on_deny" } ? text("on_deny", e) : nil,
            responses: try list("responses", e),
            handoff: try node.entry("handoff", in: e)?.bool() ?? false,
            reset: try node.entry("reset", in: e)?.bool() ?? false)
    }

    func fallback(_ node: DefinitionNode?, _ localized: ([String]) -> Set<String>) throws -> FallbackPolicy {
        let defaults = FallbackPolicy(
            lowConfidence: LocalizedList(byLocale: ["": ["Sorry, I'm not sure I understood. Did you mean {option1} or {option2}?"]]),
            outOfScope: LocalizedList(byLocale: ["": ["Sorry, I can't help with that."]]),
            afterFailures: 2,
            offerHuman: LocalizedText(byLocale: ["": "Would you like to talk to a person? (yes/no)"]))
        guard let node else { return defaults }
        let e = try node.entries(allowed: Set(["after_failures"]).union(localized(["low_confidence", "out_of_scope", "offer_human"])))
        let low = try list("low_confidence", e), oos = try list("out_of_scope", e), offer = try text("offer_human", e)
        return FallbackPolicy(
            lowConfidence: low.byLocale.isEmpty ? defaults.lowConfidence : low,
            outOfScope: oos.byLocale.isEmpty ? defaults.outOfScope : oos,
            afterFailures: try node.entry("after_failures", in: e)?.int(atLeast: 0) ?? 2,
            offerHuman: offer.byLocale.isEmpty ? defaults.offerHuman : offer)
    }

    func titles(_ top: [(key: String, value: DefinitionNode)]) throws -> LocalizedMap {
        var map: [String: [String: String]] = [:]
        for (key, node) in top where key == "titles" || key.hasPrefix("titles_") {
            let locale = key == "titles" ? "" : String(key.dropFirst("titles_".count))
            for (intent, title) in try node.entries() { map[locale, default: [:]][intent] = try title.string() }
        }
        return LocalizedMap(byLocale: map)
    }

    func faq(_ node: DefinitionNode?) throws -> FAQDefinition? {
        guard let node else { return nil }
        let e = try node.entries(allowed: ["threshold", "items"])
        let items = try node.required("items", in: e).items().map { item -> (question: String, answer: String) in
            let pair = try item.entries(allowed: ["q", "a"])
            return (try item.required("q", in: pair).string(), try item.required("a", in: pair).string())
        }
        return FAQDefinition(threshold: try node.entry("threshold", in: e)?.float(in: 0...1) ?? 0.5, items: items)
    }

    func words(_ node: DefinitionNode?) throws -> [String: [String]]? {
        guard let node else { return nil }
        if node.node.sequence != nil { return ["": try node.strings()] }
        var out: [String: [String]] = [:]
        for (locale, list) in try node.entries() { out[locale] = try list.strings() }
        return out
    }

    /// `key` is the default-locale value, `key_xx` the one for locale xx.
    func text(_ key: String, _ e: [(key: String, value: DefinitionNode)]) throws -> LocalizedText {
        var out: [String: String] = [:]
        for (k, node) in e where k == key || k.hasPrefix(key + "_") {
            out[k == key ? "" : String(k.dropFirst(key.count + 1))] = try node.string()
        }
        return LocalizedText(byLocale: out)
    }

    func list(_ key: String, _ e: [(key: String, value: DefinitionNode)]) throws -> LocalizedList {
        var out: [String: [String]] = [:]
        for (k, node) in e where k == key || k.hasPrefix(key + "_") {
            out[k == key ? "" : String(k.dropFirst(key.count + 1))] = try node.strings()
        }
        return LocalizedList(byLocale: out)
    }
}
