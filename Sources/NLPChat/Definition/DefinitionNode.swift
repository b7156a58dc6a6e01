import Yams

/// A node of the parsed definition that knows where it came from, so every accessor can fail
/// with `file:line: key.path: what was expected`. YAML and JSON both arrive here (JSON is YAML).
struct DefinitionNode {
    let node: Node
    let path: String
    let file: String

    var line: Int { node.mark?.line ?? 0 }

    func error(_ message: String) -> BotDefinitionError {
        BotDefinitionError(file: file, line: line, keyPath: path, message: message)
    }

    func child(_ key: String, _ value: Node) -> DefinitionNode {
        DefinitionNode(node: value, path: path.isEmpty ? key : path + "." + key, file: file)
    }

    /// The mapping's entries in file order; rejects keys outside `allowed` (typos fail loudly).
    func entries(allowed: Set<String>? = nil) throws -> [(key: String, value: DefinitionNode)] {
        guard let mapping = node.mapping else { throw error("expected a mapping (key: value lines)") }
        var seen = Set<String>()
        var out: [(key: String, value: DefinitionNode)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw error("keys must be plain strings") }
            let entry = child(key, value)
            if let allowed, !allowed.contains(key) {
                throw entry.error("unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            if !seen.insert(key).inserted { throw entry.error("duplicate key") }
            out.append((key, entry))
        }
        return out
    }

    func entry(_ key: String, in entries: [(key: String, value: DefinitionNode)]) -> DefinitionNode? {
        entries.first { $0.key == key }?.value
    }

    func required(_ key: String, in entries: [(key: String, value: DefinitionNode)]) throws -> DefinitionNode {
        guard let value = entry(key, in: entries) else {
            throw BotDefinitionError(file: file, line: line, keyPath: path.isEmpty ? key : path + "." + key, message: "missing")
        }
        return value
    }

    func string() throws -> String {
        guard let scalar = node.scalar else { throw error("expected a string") }
        return scalar.string
    }

    /// A list of strings; a single string is taken as a list of one.
    func strings() throws -> [String] {
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else { throw error("expected a list of strings") }
        return try sequence.enumerated().map { index, item in
            guard let scalar = item.scalar else {
                throw DefinitionNode(node: item, path: path + "[\(index)]", file: file).error("expected a string")
            }
            return scalar.string
        }
    }

    func items() throws -> [DefinitionNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { DefinitionNode(node: $1, path: path + "[\($0)]", file: file) }
    }

    func float(in range: ClosedRange<Float>) throws -> Float {
        guard let text = node.scalar?.string, let value = Float(text), range.contains(value) else {
            throw error("expected a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    func int(atLeast minimum: Int) throws -> Int {
        guard let text = node.scalar?.string, let value = Int(text), value >= minimum else {
            throw error("expected a whole number >= \(minimum)")
        }
        return value
    }

    func bool() throws -> Bool {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false")
        }
    }
}
