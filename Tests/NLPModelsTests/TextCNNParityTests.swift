import Testing
@testable import NLPModels
import NLPTensor

/// TextCNN against PyTorch (Embedding -> Conv1d widths 2, 3 -> ReLU -> max -> Linear).
@Test func textCNNMatchesPyTorch() throws {
    let ref = try Fixture.file("textcnn_reference.safetensors")
    let config = TextCNNConfig(vocabSize: 20, embeddingSize: 6, kernelSizes: [2, 3], filters: 4, numClasses: 3, dropout: 0)
    let model = try TextCNN(config, seed: 2)
    try ref.load(into: model.parameters)
    let logits = try model(ref.ints("input_ids"), training: true)
    #expect(maxAbsDiff(logits, try ref.tensor("logits")) < 1e-5)
    try logits.multiplying(ref.tensor("r")).sum().backward()
    for p in model.parameters {
        let diff = maxScaledDiff(try #require(p.grad), try ref.tensor("grad." + p.name))
        #expect(diff < 1e-4, "\(p.name): \(diff)")
    }
}

@Test func textCNNClassifiesInputsShorterThanItsWidestKernel() throws {
    let model = try TextCNN(TextCNNConfig(vocabSize: 20, kernelSizes: [3, 5], filters: 4, numClasses: 2), seed: 1)
    let logits = try noGrad { try model(IntTensor([7], shape: [1, 1]), training: false) }
    #expect(logits.shape == [1, 2])
    #expect(logits.scalars.allSatisfy { $0.isFinite })
}
