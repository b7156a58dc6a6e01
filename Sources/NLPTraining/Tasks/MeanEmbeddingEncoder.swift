import Foundation
import NLPTensor

/// The smallest useful encoder: token embeddings averaged over the real tokens, then a tanh
/// projection (fastText-style). It trains in seconds, so it is the encoder of the tests and a
/// floor any real encoder must beat (`--arch bow`).
///
///     let encoder = MeanEmbeddingEncoder(vocabularySize: 8000, width: 64, seed: 1)
///     let pooled = try encoder.pooled(batch, training: true)   // [batch, 64]
public final class MeanEmbeddingEncoder: TextEncoder {
    public let architecture = "bow"
    public let vocabularySize: Int
    public let width: Int
    let embedding: Tensor
    let projection: Tensor
    let projectionBias: Tensor

    public init(vocabularySize: Int, width: Int, seed: UInt64) {
        self.vocabularySize = vocabularySize
        self.width = width
        embedding = .parameter("bow.embeddings.weight", .randn([vocabularySize, width], std: 0.1, seed: seed))
        projection = .parameter("bow.projection.weight", .randn([width, width], std: 1 / Float(width).squareRoot(), seed: seed &+ 1))
        projectionBias = .parameter("bow.projection.bias", .zeros([width]))
    }

    public var outputSize: Int { width }
    public var parameters: [Tensor] { [embedding, projection, projectionBias] }
    public var layerGroups: [[Tensor]] { [[embedding], [projection, projectionBias]] }

    public func pooled(_ batch: PaddedBatch, training: Bool) throws -> Tensor {
        let states = try embedding.embedding(IntTensor(batch.ids, shape: [batch.batch * batch.length]))
        let mean = try batch.meanPoolingMatrix().matmul(states)
        return try mean.linear(projection, projectionBias).tanh()
    }

    public func configJSON() throws -> [UInt8] {
        Array("{\n  \"architecture\": \"bow\",\n  \"vocab_size\": \(vocabularySize),\n  \"hidden_size\": \(width)\n}\n".utf8)
    }

    /// Reads `configJSON()`'s output.
    public static func fromConfig(_ json: [String: Any]) throws -> MeanEmbeddingEncoder {
        guard let v = json["vocab_size"] as? Int, let h = json["hidden_size"] as? Int else {
            throw TrainingError("config.json: a bow encoder needs vocab_size and hidden_size")
        }
        return MeanEmbeddingEncoder(vocabularySize: v, width: h, seed: 0)
    }
}
