import Testing
@testable import NLPModels
import NLPTensor

/// Our pre-LN block against nn.TransformerEncoderLayer(norm_first=True, activation="gelu")
/// with a key padding mask: forward values and every gradient.
@Test func preLayerNormBlockMatchesPyTorch() throws {
    let ref = try Fixture.file("prenorm_layer_reference.safetensors")
    var config = BertConfig(vocabSize: 10, hiddenSize: 16, layers: 1, heads: 2, intermediateSize: 32, preLayerNorm: true)
    config.layerNormEps = 1e-5
    config.hiddenDropoutProb = 0
    config.attentionProbsDropoutProb = 0
    var initializer = ParameterInitializer(seed: 1)
    let layer = try TransformerLayer("", config, init: &initializer)
    try ref.load(into: layer.checkpointTensors)
    let x = try ref.tensor("x", requiresGrad: true)
    let out = try layer(x, keyMask: ref.ints("attention_mask"), training: true)
    #expect(maxAbsDiff(out, try ref.tensor("out")) < 1e-5)
    try out.multiplying(ref.tensor("r")).sum().backward()
    #expect(maxScaledDiff(try #require(x.grad), try ref.tensor("grad.x")) < 1e-4)
    for t in layer.checkpointTensors {
        let diff = maxScaledDiff(try #require(t.grad), try ref.tensor("grad." + t.name))
        #expect(diff < 1e-4, "\(t.name): \(diff)")
    }
}

/// Post-LN (BERT) without pre-LN differs from the pre-LN output on the same weights: the
/// option really changes the computation.
@Test func preLayerNormOptionChangesTheBlock() throws {
    let ref = try Fixture.file("prenorm_layer_reference.safetensors")
    var config = BertConfig(vocabSize: 10, hiddenSize: 16, layers: 1, heads: 2, intermediateSize: 32)
    config.layerNormEps = 1e-5
    var initializer = ParameterInitializer(seed: 1)
    let layer = try TransformerLayer("", config, init: &initializer)
    try ref.load(into: layer.checkpointTensors)
    let out = try noGrad { try layer(try ref.tensor("x"), keyMask: ref.ints("attention_mask"), training: false) }
    #expect(maxAbsDiff(out, try ref.tensor("out")) > 1e-2)
}
