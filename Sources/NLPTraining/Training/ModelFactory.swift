import NLPModels

extension Pretraining {
    /// `--arch transformer`: BERT (FFN 4 x hidden unless set, learned positions up to
    /// max(512, seq-len)); `--arch lstm`: a bidirectional LSTM with `embeddingSize` embeddings.
    /// Both initialised from `options.seed`.
    public static func defaultModel(_ options: PretrainOptions, vocabulary: MLMVocabulary) throws -> MaskedLanguageModel {
        switch options.architecture {
        case .transformer:
            var config = BertConfig(vocabSize: vocabulary.size, hiddenSize: options.hidden, layers: options.layers, heads: options.heads,
                                    intermediateSize: options.intermediate, maxPositions: max(512, options.sequenceLength))
            config.hiddenDropoutProb = options.dropout
            config.attentionProbsDropoutProb = options.dropout
            config.padTokenId = Int(vocabulary.pad ?? 0)
            config.preLayerNorm = options.preLayerNorm ?? false
            return try BertMaskedLM(config: config, seed: options.seed)
        case .lstm:
            let config = LSTMConfig(vocabSize: vocabulary.size, embeddingSize: options.embeddingSize, hiddenSize: options.hidden,
                                    numLayers: options.layers, bidirectional: true, dropout: options.dropout,
                                    padTokenId: Int(vocabulary.pad ?? 0))
            return try LSTMMaskedLM(config: config, seed: options.seed)
        }
    }
}
