import NLPTokenizers

/// Sizes of an encoder trained from scratch (`nlp finetune` without `--init`).
public struct ScratchEncoderSize: Sendable {
    public var hidden: Int = 128
    public var layers: Int = 2
    public var heads: Int = 2
    public var embedding: Int = 128
    /// Dropout inside the encoder (0 makes training use no random draws beyond the data order).
    public var dropout: Float = 0.1
    /// Text CNN: one convolution per width (Kim 2014: 3, 4, 5), `hidden` filters each.
    public var kernelSizes: [Int] = [3, 4, 5]
    /// Text CNN: leave batch-padding windows out of the max (`TextCNNConfig.maskPadding`); false
    /// reproduces models trained before the option existed.
    public var cnnMaskPadding = true
    /// LSTM: how the states become one vector (`last`, `max`, `mean`, `maxmean`).
    public var lstmPooling: LSTMTextEncoder.Pooling = .last

    public init() {}
}

/// How `nlp finetune` gets its encoder: fresh of a given architecture, or the pretrained one in
/// an `--init` directory (our `nlp pretrain` output or an `nlp import`ed Hugging Face
/// checkpoint). The models module registers transformer, lstm and cnn; `bow` is built in.
public enum EncoderFactory {
    public typealias Fresh = (_ architecture: String, _ vocabularySize: Int, _ size: ScratchEncoderSize, _ maxLength: Int, _ seed: UInt64) throws -> TextEncoder
    public typealias Pretrained = (_ directory: String) throws -> TextEncoder

    nonisolated(unsafe) public static var fresh: [String: Fresh] = [
        "bow": { _, v, size, _, seed in MeanEmbeddingEncoder(vocabularySize: v, width: size.hidden, seed: seed) },
    ]
    /// Tried in order; the first that recognises the directory wins.
    nonisolated(unsafe) public static var pretrained: [Pretrained] = []

    public static func make(architecture: String, vocabularySize: Int, size: ScratchEncoderSize, maxLength: Int, seed: UInt64) throws -> TextEncoder {
        guard let f = fresh[architecture] else {
            throw TrainingError("unknown --arch \"\(architecture)\" (available: \(fresh.keys.sorted().joined(separator: ", ")))")
        }
        return try f(architecture, vocabularySize, size, maxLength, seed)
    }

    public static func load(directory: String) throws -> TextEncoder {
        var reasons: [String] = []
        for p in pretrained {
            do { return try p(directory) } catch { reasons.append("\(error)") }
        }
        throw TrainingError("\(directory): cannot load a pretrained encoder\(reasons.isEmpty ? " (no loader registered)" : ": " + reasons.joined(separator: "; "))")
    }

    /// Whether inputs get [CLS] ... [SEP] (Transformers read [CLS]; the others do not need it).
    public static func wantsClsSep(_ architecture: String) -> Bool { architecture == "transformer" }
}
