/// One batch ready for the masked-LM loss.
///
/// `inputIDs` are the sequences after masking ([MASK], random or unchanged tokens at the chosen
/// positions); `labels` holds the original id at chosen positions and -100 elsewhere (PyTorch's
/// ignore index, the layout of HF's `DataCollatorForLanguageModeling`); `positions` and
/// `targets` are the same choice in compact form (flat index b * T + t, ascending, and the
/// original id), which is what a head that computes logits only at masked positions needs.
public struct MaskedBatch: Sendable, Equatable {
    public var batchSize: Int
    public var length: Int
    public var inputIDs: [Int32]
    public var labels: [Int32]
    /// 1 for real tokens, 0 for padding; nil when no sequence is padded.
    public var attentionMask: [Int32]?
    public var positions: [Int32]
    public var targets: [Int32]

    public static let ignoreIndex: Int32 = -100

    /// Real (non-padding) tokens, for tokens/s.
    public var tokenCount: Int { attentionMask.map { $0.reduce(0) { $0 + Int($1) } } ?? batchSize * length }
}
