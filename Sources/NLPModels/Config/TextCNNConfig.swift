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
    /// Leave the windows that exist only because of batch padding out of the max over time
    /// (predictions then do not depend on what else is in the batch). New models: true; a
    /// config.json without the key (written before it existed) reads as false, as it was trained.
    public var maskPadding: Bool
    public var modelType = "textcnn"

    public init(vocabSize: Int, embeddingSize: Int = 128, kernelSizes: [Int] = [3, 4, 5], filters: Int = 100,
                numClasses: Int, dropout: Float = 0.5, padTokenId: Int = 0, maskPadding: Bool = true) {
        self.vocabSize = vocabSize
        self.embeddingSize = embeddingSize
        self.kernelSizes = kernelSizes
        self.filters = filters
        self.numClasses = numClasses
        self.dropout = dropout
        self.padTokenId = padTokenId
        self.maskPadding = maskPadding
    }

    enum CodingKeys: String, CodingKey {
        case vocabSize = "vocab_size", embeddingSize = "embedding_size", kernelSizes = "kernel_sizes", filters
        case numClasses = "num_classes", dropout, padTokenId = "pad_token_id", maskPadding = "mask_padding", modelType = "model_type"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vocabSize = try c.decode(Int.self, forKey: .vocabSize)
        embeddingSize = try c.decode(Int.self, forKey: .embeddingSize)
        kernelSizes = try c.decode([Int].self, forKey: .kernelSizes)
        filters = try c.decode(Int.self, forKey: .filters)
        numClasses = try c.decode(Int.self, forKey: .numClasses)
        dropout = try c.decode(Float.self, forKey: .dropout)
        padTokenId = try c.decode(Int.self, forKey: .padTokenId)
        maskPadding = try c.decodeIfPresent(Bool.self, forKey: .maskPadding) ?? false
        modelType = try c.decodeIfPresent(String.self, forKey: .modelType) ?? "textcnn"
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
