extension BPETrainingResult {
    /// The trained vocabulary as a ready `BPEModel` (HF "BPE"), with the prefix/suffix the
    /// training used. `unkToken` should be one of the special tokens (e.g. "[UNK]"); byte-level
    /// models need none, since every byte is in the vocabulary.
    public func makeModel(unkToken: String? = nil, fuseUnk: Bool = false) throws -> BPEModel {
        try BPEModel(vocab: vocab, merges: merges,
                     options: BPEModel.Options(unkToken: unkToken, continuingSubwordPrefix: continuingSubwordPrefix,
                                               endOfWordSuffix: endOfWordSuffix, fuseUnk: fuseUnk, byteLevel: byteLevel))
    }
}
