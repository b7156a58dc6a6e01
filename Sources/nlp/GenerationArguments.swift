import ArgumentParser
import NLPModels

/// Decoding flags of abstractive summarisers (`nlp summarize`, `nlp eval`).
struct GenerationArguments: ParsableArguments {
    @Option(help: "Abstractive: beams (1 = greedy).") var beam = 1
    @Option(help: "Abstractive: length penalty alpha (score = sum log p / length^alpha; > 0 favours longer).") var lengthPenalty: Float = 1
    @Option(help: "Abstractive: never repeat an n-gram of this size (0 = off).") var noRepeatNgram = 0
    @Option(help: "Abstractive: at most this many generated tokens (default: the model's target length).") var maxLength: Int?
    @Option(help: "Abstractive: at least this many tokens before the end token.") var minLength = 0
    @Flag(inversion: .prefixedNo, help: "Abstractive: stop when --beam hypotheses have finished.") var earlyStopping = true

    func validate() throws {
        do { try options(defaultMaxLength: maxLength ?? 1_000_000).validate() } catch let e as ModelError {
            throw ValidationError(e.description.replacingOccurrences(of: "invalid model input: ", with: ""))
        }
    }

    func options(defaultMaxLength: Int) -> GenerationOptions {
        GenerationOptions(beams: beam, lengthPenalty: lengthPenalty, noRepeatNgram: noRepeatNgram, minLength: minLength,
                          maxLength: maxLength ?? defaultMaxLength, earlyStopping: earlyStopping)
    }
}
