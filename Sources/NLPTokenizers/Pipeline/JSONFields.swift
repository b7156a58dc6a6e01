/// Small readers for the fields of a stage's `tokenizer.json` object, so every `init(json:)`
/// fails with a message that names the stage and the field instead of a generic parse error.
enum JSONFields {
    static func require(_ json: JSONValue, type: String) throws {
        guard json.objectValue != nil else { throw TokenizerError.invalidArgument("\(type): expected a JSON object") }
        if let found = json["type"]?.stringValue, found != type {
            throw TokenizerError.invalidArgument("expected type \"\(type)\", found \"\(found)\"")
        }
    }

    static func string(_ json: JSONValue, _ key: String, of type: String, default value: String? = nil) throws -> String {
        if let s = json[key]?.stringValue { return s }
        if let value, json[key] == nil || json[key]!.isNull { return value }
        throw TokenizerError.invalidArgument("\(type): field \"\(key)\" must be a string")
    }

    static func bool(_ json: JSONValue, _ key: String, of type: String, default value: Bool) throws -> Bool {
        guard let field = json[key], !field.isNull else { return value }
        guard let b = field.boolValue else { throw TokenizerError.invalidArgument("\(type): field \"\(key)\" must be true or false") }
        return b
    }

    static func int(_ json: JSONValue, _ key: String, of type: String, default value: Int? = nil) throws -> Int {
        if let field = json[key], !field.isNull {
            guard let i = field.intValue else { throw TokenizerError.invalidArgument("\(type): field \"\(key)\" must be an integer") }
            return i
        }
        if let value { return value }
        throw TokenizerError.invalidArgument("\(type): missing field \"\(key)\"")
    }

    static func array(_ json: JSONValue, _ key: String, of type: String) throws -> [JSONValue] {
        guard let a = json[key]?.arrayValue else { throw TokenizerError.invalidArgument("\(type): field \"\(key)\" must be an array") }
        return a
    }

    /// A single character field (HF stores `char` as a one-character string).
    static func character(_ json: JSONValue, _ key: String, of type: String) throws -> Character {
        let s = try string(json, key, of: type)
        guard s.count == 1, let c = s.first else { throw TokenizerError.invalidArgument("\(type): field \"\(key)\" must be one character") }
        return c
    }
}
