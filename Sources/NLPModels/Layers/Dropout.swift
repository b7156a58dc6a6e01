import NLPTensor

/// Inverted dropout with probability `p`, active only when the caller says `training`.
/// Masks come from NLPTensor's seeded dropout stream (`DropoutSeeds`), so a run is reproducible.
public struct Dropout {
    public let p: Float

    public init(_ p: Float) { self.p = p }

    public func callAsFunction(_ x: Tensor, training: Bool) throws -> Tensor {
        try x.dropout(p, training: training)
    }
}
