import Foundation

/// Configuration of `TextCNN`, stored as `config.json` with `model_type: "textcnn"`.
public struct TextCNNConfig: Codable, Equatable, Sendable {
    public var vocabSize: Int
    public var embeddingSize: Int
    /// One convolution per width (e.g. 3, 4, 5: tri-, four- and five-gram detectors).
    public var kernelSizes: [Int]
    /// Filters per width.
    public var filters: Int
    public var numClasses: Int
    public var dropout: Float
    public var padTokenId: Int
    public var modelType = "textcnn"

    public init(vocabSize: Int, embeddingSize: Int = 128, kernelSizes: [Int] = [3, 4, 5], filters: Int = 100,
                numClasses: Int, dropout: Float = 0.5, padTokenId: Int = 0) {
        self.vocabSize = vocabSize
        self.embeddingSize = embeddingSize
        self.kernelSizes = kernelSizes
        self.filters = filters
        self.numClasses = numClasses
        self.dropout = dropout
        self.padTokenId = padTokenId
    }

    enum CodingKeys: String, CodingKey {
        case vocabSize = "vocab_size", embeddingSize = "embedding_size", kernelSizes = "kernel_sizes", filters
        case numClasses = "num_classes", dropout, padTokenId = "pad_token_id", modelType = "model_type"
    }

    public func validate() throws {
        for (v, n) in [(vocabSize, "vocab_size"), (embeddingSize, "embedding_size"), (filters, "filters"), (numClasses, "num_classes")] where v <= 0 {
            throw ModelError.invalidConfig("\(n) must be positive, got \(v)")
        }
        if kernelSizes.isEmpty || kernelSizes.contains(where: { $0 <= 0 }) {
            throw ModelError.invalidConfig("kernel_sizes must be a non-empty list of positive widths, got \(kernelSizes)")
        }
        if !(dropout >= 0 && dropout < 1) { throw ModelError.invalidConfig("dropout must be in [0, 1), got \(dropout)") }
    }
}
