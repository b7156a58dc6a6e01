/// The split patterns of OpenAI's encodings, and a pre-tokenizer from a name (the CLI's
/// `--pattern`): "gpt2" (also r50k, p50k), "cl100k", "o200k", or any regex.
public enum SplitPatterns {
    /// tiktoken's spelling of GPT-2's pattern (r50k_base, p50k_base).
    public static let gpt2 = #"'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"#
    /// Hugging Face ByteLevel's spelling: the same pieces (see `GPT2Splitter`).
    public static let gpt2HF = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
    /// The older tiktoken spelling, still found in tokenizer.json files.
    public static let gpt2Legacy = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s"#
    static let gpt2Spellings: Set<String> = [gpt2, gpt2HF, gpt2Legacy]

    public static let cl100k = #"'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"#
    public static let o200k = [
        #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"#,
        #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"#,
        #"\p{N}{1,3}"#,
        #" ?[^\s\p{L}\p{N}]+[\r\n/]*"#,
        #"\s*[\r\n]+"#,
        #"\s+(?!\S)"#,
        #"\s+"#,
    ].joined(separator: "|")

    /// The regex for a name, or the text itself when it is not a known name.
    public static func regex(named name: String) -> String {
        switch name.lowercased() {
        case "gpt2", "r50k", "r50k_base", "p50k", "p50k_base": return gpt2
        case "cl100k", "cl100k_base": return cl100k
        case "o200k", "o200k_base": return o200k
        default: return name
        }
    }

    /// A pre-tokenizer for `--pattern NAME|REGEX`: GPT-2's runs on the hand-written scanner,
    /// the others are an HF Split (Isolated) on ICU, as HF's converters write them.
    public static func preTokenizer(named name: String) throws -> PreTokenizer {
        let pattern = regex(named: name)
        if gpt2Spellings.contains(pattern) { return ByteLevelPreTokenizer(addPrefixSpace: false, trimOffsets: true, useRegex: true) }
        return try SplitPreTokenizer(pattern: .regex(pattern), behavior: .isolated)
    }
}
