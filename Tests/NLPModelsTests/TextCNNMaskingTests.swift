import Foundation
import Testing
@testable import NLPModels
import NLPTensor

/// `mask_padding`: a sentence's features must not depend on how long the other rows of its
/// batch are (training batches random phrases, evaluation batches long reviews).
@Suite struct TextCNNMaskingTests {
    static func model(mask: Bool) throws -> TextCNN {
        try TextCNN(TextCNNConfig(vocabSize: 30, embeddingSize: 8, kernelSizes: [2, 3, 4], filters: 16, numClasses: 2,
                                  dropout: 0, maskPadding: mask), seed: 5)
    }

    /// Row 0 ("7 8 9 10 11 12") alone, then next to a row of 9 tokens (so padded with 3 [PAD]s).
    static func features(_ model: TextCNN) throws -> (alone: [Float], batched: [Float]) {
        let alone = try noGrad { try model.features(IntTensor([7, 8, 9, 10, 11, 12], shape: [1, 6]), lengths: [6]) }
        let ids: [Int32] = [7, 8, 9, 10, 11, 12, 0, 0, 0] + [3, 4, 5, 6, 7, 8, 9, 10, 11]
        let batched = try noGrad { try model.features(IntTensor(ids, shape: [2, 9]), lengths: [6, 9]) }
        return (alone.scalars, Array(batched.scalars.prefix(model.featureSize)))
    }

    @Test func maskedFeaturesDoNotDependOnTheBatch() throws {
        let f = try Self.features(Self.model(mask: true))
        #expect(f.alone.count == 48)
        #expect(f.alone == f.batched)
    }

    @Test func unmaskedFeaturesSeeThePaddingWindows() throws {
        // The behaviour of models saved before mask_padding existed (kept for them).
        let f = try Self.features(Self.model(mask: false))
        #expect(f.alone != f.batched)
    }

    @Test func shortRowsGetTheWindowsTheyWouldHaveAlone() throws {
        // One token, widest kernel 4: alone it is padded to 4 tokens; in a batch of 9 it must match.
        let model = try Self.model(mask: true)
        let alone = try noGrad { try model.features(IntTensor([7], shape: [1, 1]), lengths: [1]) }
        let batched = try noGrad {
            try model.features(IntTensor([7, 0, 0, 0, 0, 0, 0, 0, 0] + [3, 4, 5, 6, 7, 8, 9, 10, 11], shape: [2, 9]), lengths: [1, 9])
        }
        #expect(alone.scalars == Array(batched.scalars.prefix(model.featureSize)))
    }

    @Test func configWithoutMaskPaddingReadsAsUnmasked() throws {
        let old = #"{"vocab_size": 30, "embedding_size": 8, "kernel_sizes": [3, 4, 5], "filters": 10, "num_classes": 2, "dropout": 0.5, "pad_token_id": 0, "model_type": "textcnn"}"#
        let config = try JSONDecoder().decode(TextCNNConfig.self, from: Data(old.utf8))
        #expect(config.maskPadding == false && config.kernelSizes == [3, 4, 5])
        let new = TextCNNConfig(vocabSize: 30, kernelSizes: [2, 5], numClasses: 3)
        #expect(new.maskPadding)
        let again = try JSONDecoder().decode(TextCNNConfig.self, from: JSONEncoder().encode(new))
        #expect(again == new)
    }
}
