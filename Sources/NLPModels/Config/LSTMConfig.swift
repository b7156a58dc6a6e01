import Foundation

/// Configuration of `LSTMEncoder`, stored as `config.json` with `model_type: "lstm"`.
public struct LSTMConfig: Codable, Equatable, Sendable {
    public var vocabSize: Int
    public var embeddingSize: Int
    public var hiddenSize: Int
    public var numLayers: Int
    public var bidirectional: Bool
    /// Dropout on each layer's output except the last (PyTorch `nn.LSTM(dropout:)`).
    public var dropout: Float
    public var padTokenId: Int
    public var modelType = "lstm"

    public init(vocabSize: Int, embeddingSize: Int = 128, hiddenSize: Int = 256, numLayers: Int = 2,
                bidirectional: Bool = true, dropout: Float = 0.1, padTokenId: Int = 0) {
        self.vocabSize = vocabSize
        self.embeddingSize = embeddingSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.bidirectional = bidirectional
        self.dropout = dropout
        self.padTokenId = padTokenId
    }

    enum CodingKeys: String, CodingKey {
        case vocabSize = "vocab_size", embeddingSize = "embedding_size", hiddenSize = "hidden_size"
        case numLayers = "num_layers", bidirectional, dropout, padTokenId = "pad_token_id", modelType = "model_type"
    }

    public var directions: Int { bidirectional ? 2 : 1 }
    /// Width of the encoder's output per position.
    public var outputSize: Int { hiddenSize * directions }

    public func validate() throws {
        for (v, n) in [(vocabSize, "vocab_size"), (embeddingSize, "embedding_size"), (hiddenSize, "hidden_size"), (numLayers, "num_layers")] where v <= 0 {
            throw ModelError.invalidConfig("\(n) must be positive, got \(v)")
        }
        if !(dropout >= 0 && dropout < 1) { throw ModelError.invalidConfig("dropout must be in [0, 1), got \(dropout)") }
    }
}
