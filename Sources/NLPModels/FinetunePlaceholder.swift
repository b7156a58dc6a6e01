// Placeholder so the package resolves while the `models` branch has declared NLPModels but not yet
// committed its sources. Deleted when `models` is merged into `finetune`.
enum FinetunePlaceholder {}
