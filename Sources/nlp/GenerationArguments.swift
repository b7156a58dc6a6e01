import ArgumentParser
import NLPModels

/// Decoding flags of abstractive summarisers (`nlp summarize`, `nlp eval`). A flag left out
/// keeps the model's own default (task.json `generation`, written by `nlp finetune`).
struct GenerationArguments: ParsableArguments {
    @Option(help: "Abstractive: beams (1 = greedy; default: the model's, 4 for models trained now).") var beam: Int?
    @Option(help: "Abstractive: length penalty alpha (score = sum log p / length^alpha; > 0 favours longer; default: the model's).")
    var lengthPenalty: Float?
    @Option(help: "Abstractive: never repeat an n-gram of this size (0 = off; default: the model's).") var noRepeatNgram: Int?
    @Option(help: "Abstractive: at most this many generated tokens (default: the model's target length).") var maxLength: Int?
    @Option(help: "Abstractive: at least this many tokens before the end token (default: the model's).") var minLength: Int?
    @Flag(inversion: .prefixedNo, help: "Abstractive: stop when --beam hypotheses have finished (default: the model's).")
    var earlyStopping: Bool?

    func validate() throws {
        do { try options(defaults: GenerationOptions(maxLength: maxLength ?? 1_000_000)).validate() } catch let e as ModelError {
            throw ValidationError(e.description.replacingOccurrences(of: "invalid model input: ", with: ""))
        }
    }

    /// `defaults` with the flags given on the command line applied.
    func options(defaults: GenerationOptions) -> GenerationOptions {
        var o = defaults
        if let beam { o.beams = beam }
        if let lengthPenalty { o.lengthPenalty = lengthPenalty }
        if let noRepeatNgram { o.noRepeatNgram = noRepeatNgram }
        if let maxLength {
            o.maxLength = maxLength
            if minLength == nil { o.minLength = min(o.minLength, maxLength) }
        }
        if let minLength { o.minLength = minLength }
        if let earlyStopping { o.earlyStopping = earlyStopping }
        return o
    }
}
