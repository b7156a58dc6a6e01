// Placeholder until the models branch is merged (see Sources/NLPModels/FinetunePlaceholder.swift).
