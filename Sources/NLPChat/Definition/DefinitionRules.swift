import Foundation

/// The cross-references a definition must get right, each failing with the key path and line of
/// the offending value: slots an intent names must exist, every `{slot}` in a reply must be one
/// of the intent's slots, regular expressions must compile, titles must name intents.
enum DefinitionRules {
    static func check(_ intent: IntentDefinition, slots: [String: SlotDefinition], node: DefinitionNode) throws {
        let entries = try node.entries()
        for key in ["required_slots", "optional_slots"] {
            guard let list = node.entry(key, in: entries) else { continue }
            for (index, name) in try list.strings().enumerated() where slots[name] == nil {
                throw element(list, index).error("\(name.debugDescription) is not a slot (slots: \(slots.keys.sorted().joined(separator: ", ")))")
            }
        }
        let own = Set(intent.requiredSlots + intent.optionalSlots)
        for (key, value) in entries where ["responses", "confirm", "on_deny"].contains(where: { key == $0 || key.hasPrefix($0 + "_") }) {
            for (index, text) in try value.strings().enumerated() {
                let at = value.node.sequence != nil ? element(value, index) : value
                for name in placeholders(in: text) where !own.contains(name) {
                    if slots[name] == nil { throw at.error("{\(name)} is not a slot of the bot") }
                    throw at.error("{\(name)} is not in this intent's required_slots or optional_slots")
                }
            }
        }
        if intent.responses.byLocale.values.allSatisfy(\.isEmpty) { throw node.error("an intent needs at least one response") }
        if intent.onDeny != nil && intent.confirm == nil { throw node.error("on_deny needs a confirm question") }
    }

    /// A string or list of strings whose placeholders must all be in `allowed`.
    static func checkTemplates(_ value: DefinitionNode, allowed: Set<String>, what: String) throws {
        for (index, text) in try value.strings().enumerated() {
            let at = value.node.sequence != nil ? element(value, index) : value
            for name in placeholders(in: text) where !allowed.contains(name) {
                throw at.error("{\(name)} is not allowed in \(what) (allowed: \(allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")))")
            }
        }
    }

    static func checkRegex(_ pattern: String, node: DefinitionNode) throws {
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            throw node.error("invalid regular expression \(pattern.debugDescription)")
        }
    }

    static func unknownIntent(_ name: String, known: [String]) -> String {
        "\(name.debugDescription) is not an intent (intents: \(known.joined(separator: ", ")))"
    }

    /// `{name}` placeholders, in order: "Send {amount} to {payee}" -> ["amount", "payee"].
    static func placeholders(in text: String) -> [String] {
        var out: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { out.append(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    private static func element(_ list: DefinitionNode, _ index: Int) -> DefinitionNode {
        guard let sequence = list.node.sequence, index < sequence.count else { return list }
        return DefinitionNode(node: sequence[index], path: list.path + "[\(index)]", file: list.file)
    }
}
