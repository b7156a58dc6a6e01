import Testing
@testable import NLPTensor

/// End-to-end: small models trained with the tensor core and the `numerics` optimisers.
@Suite struct TrainingTests {
    @Test func mlpLearnsXOR() throws {
        let x = try Tensor([0, 0, 0, 1, 1, 0, 1, 1], shape: [4, 2])
        let y = try IntTensor([0, 1, 1, 0], shape: [4])
        let w1 = Tensor.parameter("fc1.weight", Tensor.randn([8, 2], std: 1, seed: 1))
        let b1 = Tensor.parameter("fc1.bias", Tensor.zeros([8]))
        let w2 = Tensor.parameter("fc2.weight", Tensor.randn([2, 8], std: 0.5, seed: 2))
        let b2 = Tensor.parameter("fc2.bias", Tensor.zeros([2]))
        let opt = try Adam([ParameterGroup([w1, b1, w2, b2])], learningRate: 0.05)
        var loss: Float = 0
        for _ in 0..<300 {
            opt.zeroGradients()
            let l = try x.linear(w1, b1).tanh().linear(w2, b2).crossEntropy(y)
            try l.backward()
            opt.step()
            loss = l.item
        }
        #expect(loss < 0.05)
        let logits = try noGrad { try x.linear(w1, b1).tanh().linear(w2, b2) }.scalars
        let predicted = (0..<4).map { logits[2 * $0 + 1] > logits[2 * $0] ? 1 : 0 }
        #expect(predicted == [0, 1, 1, 0])
    }

    @Test func softmaxClassifierSeparatesToyClusters() throws {
        // Three well-separated clusters in 4-D; a linear softmax classifier must reach 100%.
        var points: [Float] = [], labels: [Int32] = []
        var rng = Xoshiro256StarStar(seed: 3)
        let centers: [[Float]] = [[3, 0, 0, 1], [0, 3, 1, 0], [-3, -3, 0, 0]]
        for i in 0..<90 {
            let c = i % 3
            for d in 0..<4 { points.append(centers[c][d] + rng.nextFloat(in: -0.5, 0.5)) }
            labels.append(Int32(c))
        }
        let x = try Tensor(points, shape: [90, 4]), y = try IntTensor(labels, shape: [90])
        let w = Tensor.parameter("w", Tensor.zeros([3, 4])), b = Tensor.parameter("b", Tensor.zeros([3]))
        let opt = try SGD([ParameterGroup([w, b])], learningRate: 0.5, momentum: 0.9)
        for _ in 0..<100 {
            opt.zeroGradients()
            try x.linear(w, b).crossEntropy(y).backward()
            opt.step()
        }
        let logits = try noGrad { try x.linear(w, b) }.scalars
        let correct = (0..<90).filter { i in
            let row = logits[(3 * i)..<(3 * i + 3)]
            return Int32(row.firstIndex(of: row.max()!)! - 3 * i) == labels[i]
        }.count
        #expect(correct == 90)
    }
}
