// TEMPORARY (finetune branch only): pretrain's committed Pretraining.swift refers to
// `Pretraining.defaultModel`, which their branch has not committed yet. Deleted when the next
// pretrain commit is merged.
extension Pretraining {
    public static func defaultModel(_ options: PretrainOptions, _ vocabulary: MLMVocabulary) throws -> MaskedLanguageModel {
        throw TrainingError("pretraining models are not available in this build")
    }
}
