/// Errors from building, loading and saving models; each prints as one line that says what
/// to fix, e.g. `checkpoint tensor 'embeddings.word_embeddings.weight' has shape [30522, 384], config expects [8192, 384] (vocab_size)`.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    case invalidConfig(String)
    case invalidInput(String)
    case checkpoint(String)
    case io(String)

    public var description: String {
        switch self {
        case .invalidConfig(let m): return "invalid model config: \(m)"
        case .invalidInput(let m): return "invalid model input: \(m)"
        case .checkpoint(let m): return "checkpoint: \(m)"
        case .io(let m): return m
        }
    }
}
