import NLPTensor

/// BERT's input layer: word + learned absolute position + segment (token type) embeddings,
/// summed, layer-normalised and dropped out. Names: `embeddings.word_embeddings.weight`,
/// `embeddings.position_embeddings.weight`, `embeddings.token_type_embeddings.weight`,
/// `embeddings.LayerNorm.{weight,bias}`.
///
/// The word table's `padding_idx` is `pad_token_id`, as in HF: the lookup at padding tokens
/// sends no gradient to that row (the tied MLM decoder still does).
///
/// Positions are 0..<T for every row (HF's default `position_ids`); the position table is
/// used through a row view, so its gradient needs no scatter.
public final class BertEmbeddings: Layer {
    public let words: Embedding
    public let positions: Embedding
    public let tokenTypes: Embedding
    public let norm: LayerNorm
    public let dropout: Dropout
    public let padTokenId: Int32

    public init(_ config: BertConfig, init initializer: inout ParameterInitializer) {
        let c = config.hiddenSize
        words = Embedding("embeddings.word_embeddings", count: config.vocabSize, dim: c, init: &initializer)
        positions = Embedding("embeddings.position_embeddings", count: config.maxPositionEmbeddings, dim: c, init: &initializer)
        tokenTypes = Embedding("embeddings.token_type_embeddings", count: config.typeVocabSize, dim: c, init: &initializer)
        norm = LayerNorm("embeddings.LayerNorm", dim: c, eps: config.layerNormEps, init: &initializer)
        dropout = Dropout(config.hiddenDropoutProb)
        padTokenId = Int32(config.padTokenId)
    }

    public var parameters: [Tensor] { words.parameters + positions.parameters + tokenTypes.parameters + norm.parameters }

    /// [B, T] ids -> [B, T, C].
    public func callAsFunction(_ batch: TokenBatch, training: Bool) throws -> Tensor {
        let t = batch.length
        guard t <= positions.count else {
            throw ModelError.invalidInput("sequence of \(t) tokens exceeds max_position_embeddings \(positions.count)")
        }
        let x = try wordVectors(batch.ids).adding(positions.weight.rows(0..<t))
        let types = try batch.tokenTypeIds ?? IntTensor([Int32](repeating: 0, count: batch.ids.count), shape: batch.ids.shape)
        return try dropout(norm(x, residual: tokenTypes(types)), training: training)
    }
}

extension BertEmbeddings {
    /// Word vectors with `nn.Embedding(padding_idx:)` semantics. When the batch contains the
    /// padding id and gradients are recorded, the lookup is masked to the real tokens and the
    /// padding row is added back as a constant: same values, no gradient into that row.
    func wordVectors(_ ids: IntTensor) throws -> Tensor {
        let table = words.weight
        guard Autograd.isEnabled, table.requiresGrad, ids.values.contains(padTokenId),
              Int(padTokenId) >= 0, Int(padTokenId) < words.count else { return try words(ids) }
        let d = words.dim, n = ids.count
        var keep = [Float](repeating: 1, count: n)
        var padPart = [Float](repeating: 0, count: n * d)
        let row = table.pointer + Int(padTokenId) * d
        for (i, id) in ids.values.enumerated() where id == padTokenId {
            keep[i] = 0
            for j in 0..<d { padPart[i * d + j] = row[j] }
        }
        let looked = try words(ids).multiplying(Tensor(keep, shape: ids.shape + [1]))
        return try looked.adding(Tensor(padPart, shape: ids.shape + [d]))
    }
}
