import NLPTensor

/// A padded batch of token ids: `ids` is row-major [batch, length], rows padded with `padID`
/// after `lengths[b]` real tokens.
public struct PaddedBatch {
    public var ids: [Int32]
    public var lengths: [Int]
    public var batch: Int
    public var length: Int
    /// Per-row position bucket (the sentence's place in its document) for heads that use one.
    public var positions: [Int32]?

    public init(ids: [Int32], lengths: [Int], batch: Int, length: Int, positions: [Int32]? = nil) {
        self.ids = ids
        self.lengths = lengths
        self.batch = batch
        self.length = length
        self.positions = positions
    }

    /// [batch, length] with 1 on real tokens and 0 on padding (attention's key mask).
    public func keyMask() throws -> IntTensor {
        var m = [Int32](repeating: 0, count: batch * length)
        for b in 0..<batch { for t in 0..<lengths[b] { m[b * length + t] = 1 } }
        return try IntTensor(m, shape: [batch, length])
    }

    public func idTensor() throws -> IntTensor { try IntTensor(ids, shape: [batch, length]) }

    /// [batch, batch * length] weights that average each row's real positions when multiplied
    /// with states [batch * length, H] (masked mean pooling as one sgemm, with its gradient).
    public func meanPoolingMatrix() throws -> Tensor {
        var w = [Float](repeating: 0, count: batch * batch * length)
        for b in 0..<batch {
            let n = max(1, lengths[b])
            for t in 0..<lengths[b] { w[b * batch * length + b * length + t] = 1 / Float(n) }
        }
        return try Tensor(w, shape: [batch, batch * length])
    }
}

/// What a task head needs from an encoder, whatever its architecture (Transformer, LSTM, text
/// CNN, bag of embeddings): one vector per sequence, its parameters by name for saving, and
/// its layers bottom-up so the lowest ones can be frozen.
public protocol TextEncoder: AnyObject {
    /// "transformer", "lstm", "cnn" or "bow".
    var architecture: String { get }
    /// Width of the pooled vector.
    var outputSize: Int { get }
    var vocabularySize: Int { get }
    /// Every trainable tensor; each `Tensor.name` is unique and is its name in model.safetensors.
    var parameters: [Tensor] { get }
    /// Parameters grouped bottom-up: [embeddings, layer 0, layer 1, ...]; freezing k freezes the first k.
    var layerGroups: [[Tensor]] { get }
    /// The pooled representation [batch, outputSize] ([CLS]/pooler for a Transformer, final or
    /// max-pooled states for an LSTM, max-over-time for a CNN).
    func pooled(_ batch: PaddedBatch, training: Bool) throws -> Tensor
    /// The encoder's own `config.json` contents.
    func configJSON() throws -> [UInt8]
}
