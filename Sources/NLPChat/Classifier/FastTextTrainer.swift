import NLPTensor
/// Trains a `FastTextIntentClassifier` by plain SGD on softmax cross-entropy, one example at a
/// time, with the learning rate decaying linearly to zero (fastText's schedule). Seeded: the same
/// utterances, options and seed give the same model, bit for bit.
public struct FastTextTrainer: Sendable {
    public var dim = 32
    public var epochs = 40
    public var learningRate: Float = 0.4
    public var seed: UInt64 = 1

    public init(dim: Int = 32, epochs: Int = 40, learningRate: Float = 0.4, seed: UInt64 = 1) {
        self.dim = dim
        self.epochs = epochs
        self.learningRate = learningRate
        self.seed = seed
    }

    /// `labels` fixes the class order (every example's label must be in it).
    public func train(_ examples: [LabeledUtterance], labels: [String], hasher: FeatureHasher = FeatureHasher()) -> FastTextIntentClassifier {
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var rowOf: [UInt32: Int32] = [:]
        var buckets: [UInt32] = []
        var data: [(ids: [Int32], label: Int)] = []
        for example in examples {
            guard let label = labelIndex[example.label] else { continue }
            let ids = hasher.features(example.text).map { bucket -> Int32 in
                if let row = rowOf[bucket] { return row }
                let row = Int32(buckets.count)
                rowOf[bucket] = row
                buckets.append(bucket)
                return row
            }
            if !ids.isEmpty { data.append((ids, label)) }
        }

        var random = SplitMix64(seed: seed)
        let classes = labels.count
        var input = (0..<(buckets.count * dim)).map { _ in (random.nextFloat() * 2 - 1) / Float(dim) }
        var output = [Float](repeating: 0, count: classes * dim)
        var bias = [Float](repeating: 0, count: classes)
        var hidden = [Float](repeating: 0, count: dim)
        var gradHidden = [Float](repeating: 0, count: dim)
        var logits = [Float](repeating: 0, count: classes)
        let total = Float(max(1, epochs * data.count))
        var step: Float = 0
        var order = Array(data.indices)

        for _ in 0..<epochs {
            random.shuffle(&order)
            for index in order {
                let (ids, label) = data[index]
                let lr = learningRate * max(0, 1 - step / total)
                step += 1
                let scale = 1 / Float(ids.count)
                input.withUnsafeMutableBufferPointer { e in
                    output.withUnsafeMutableBufferPointer { w in
                        hidden.withUnsafeMutableBufferPointer { h in
                            gradHidden.withUnsafeMutableBufferPointer { g in
                                logits.withUnsafeMutableBufferPointer { z in
                                    for k in 0..<dim { h[k] = 0; g[k] = 0 }
                                    for id in ids { let r = Int(id) * dim; for k in 0..<dim { h[k] += e[r + k] } }
                                    for k in 0..<dim { h[k] *= scale }
                                    var m = -Float.infinity
                                    for c in 0..<classes {
                                        var s = bias[c]
                                        for k in 0..<dim { s += w[c * dim + k] * h[k] }
                                        z[c] = s
                                        m = max(m, s)
                                    }
                                    var sum: Float = 0
                                    for c in 0..<classes { z[c] = expf(z[c] - m); sum += z[c] }
                                    for c in 0..<classes {
                                        // d loss / d logit = p - onehot, stepped against.
                                        let d = lr * (z[c] / sum - (c == label ? 1 : 0))
                                        bias[c] -= d
                                        for k in 0..<dim {
                                            g[k] += d * w[c * dim + k]
                                            w[c * dim + k] -= d * h[k]
                                        }
                                    }
                                    for id in ids { let r = Int(id) * dim; for k in 0..<dim { e[r + k] -= g[k] * scale } }
                                }
                            }
                        }
                    }
                }
            }
        }
        return FastTextIntentClassifier(labels: labels, dim: dim, hasher: hasher,
                                        fingerprint: fingerprint(examples, labels: labels, buckets: hasher.buckets),
                                        buckets: buckets, input: input, output: output, bias: bias)
    }

    /// What the model depends on: the utterances, labels and every option.
    public func fingerprint(_ examples: [LabeledUtterance], labels: [String], buckets: UInt32) -> UInt64 {
        var h = FNV64()
        h.add("fasttext-v1 \(dim) \(epochs) \(learningRate) \(seed) \(buckets)")
        for label in labels { h.add(label) }
        for example in examples { h.add(example.text); h.add(example.label) }
        return h.value
    }
}

#if canImport(Glibc)
import Glibc
#endif

struct FNV64 {
    var value: UInt64 = 0xcbf29ce484222325
    mutating func add(_ text: String) {
        for b in text.utf8 { value = (value ^ UInt64(b)) &* 0x100000001b3 }
        value = (value ^ 0xFF) &* 0x100000001b3
    }
}
