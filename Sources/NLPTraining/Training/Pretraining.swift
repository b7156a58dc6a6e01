import Foundation
import NLPTensor
import NLPTokenizers

/// `nlp pretrain` as a library call: opens the vocabulary and the corpus, builds or restores
/// the model, and returns a `Pretrainer` writing into a run directory.
///
///     var options = PretrainOptions()
///     options.steps = 1000
///     try Pretraining.make(options: options, corpus: ["corpora/en"], vocabulary: "vocab.txt", output: "runs/mini").run()
///     // later, after a crash or kill:
///     try Pretraining.make(options: options, corpus: ["corpora/en"], vocabulary: "vocab.txt", output: "runs/mini", resume: true).run()
///
/// On resume the checkpoint's options are used (the run continues as it started), except the
/// step count, which `stepsOverride` may change; the vocabulary and the corpus files must be the
/// ones the run started with.
public enum Pretraining {
    /// Builds a fresh model for the options (the architectures `Pretraining` knows by default).
    public typealias ModelFactory = (PretrainOptions, MLMVocabulary) throws -> MaskedLanguageModel

    /// With a vocabulary file any `Tokenizer.load` reads (vocab.txt, tokenizer.json, ...), copied
    /// into the output directory.
    public static func make(options: PretrainOptions, corpus paths: [String], vocabulary vocabularyPath: String,
                            output: String, resume: Bool = false, stepsOverride: Int? = nil,
                            makeModel: @escaping ModelFactory = Pretraining.defaultModel) throws -> Pretrainer {
        let tokenizer: Tokenizer
        do { tokenizer = try Tokenizer.load(path: vocabularyPath) } catch { throw TrainingError("\(error)") }
        let vocabulary = try MLMVocabulary(tokenizer)
        let fingerprint = vocabularyFingerprint(size: vocabulary.size) { tokenizer.idToToken($0) }
        let trainer = try make(options: options, corpus: paths, vocabulary: vocabulary, fingerprint: fingerprint,
                               vocabularyName: vocabularyPath, output: output, resume: resume, stepsOverride: stepsOverride,
                               makeModel: makeModel) { tokenizer.encodeSequence($0).ids }
        try trainer.layout.copyVocabulary(from: vocabularyPath)
        return trainer
    }

    /// With any tokenisation (`tokenize` maps a paragraph to ids without special tokens).
    public static func make(options requested: PretrainOptions, corpus paths: [String], vocabulary: MLMVocabulary,
                            fingerprint: String, vocabularyName: String = "the vocabulary", output: String,
                            resume: Bool = false, stepsOverride: Int? = nil, makeModel: ModelFactory,
                            tokenize: @escaping PretrainingCorpus.Tokenize) throws -> Pretrainer {
        let layout = RunDirectory(output)
        var options = requested
        var saved: PretrainProgress? = nil
        if resume {
            let s = try TrainingCheckpoint.readProgress(layout.checkpointPath)
            saved = s
            options = s.options
        }
        if let stepsOverride { options.steps = stepsOverride }
        try options.validate()
        if let progress = saved {
            guard progress.vocabularySize == vocabulary.size && progress.vocabularyFingerprint == fingerprint else {
                throw TrainingError("\(vocabularyName) (\(vocabulary.size) tokens) is not the vocabulary of the run in \(output) "
                                    + "(\(progress.vocabularySize) tokens); resume with the vocabulary the run started with")
            }
        }
        let files = try CorpusFiles.resolve(paths)
        if let progress = saved, progress.corpusFiles != files {
            throw TrainingError("the corpus (\(files.count) files) is not the one the run in \(output) started with "
                                + "(\(progress.corpusFiles.count) files, first \(progress.corpusFiles.first ?? "-"))")
        }
        let cursor = saved?.data
        let corpusOptions = PretrainingCorpus.Options(sequenceLength: options.sequenceLength, shuffleBufferSize: options.shuffleBufferSize,
                                                      validationEvery: options.validationEvery,
                                                      maxValidationSequences: options.maxValidationSequences, seed: options.seed)
        let corpus = try PretrainingCorpus(paths: files, vocabulary: vocabulary, options: corpusOptions, cursor: cursor, tokenize: tokenize)
        let model = try makeModel(options, vocabulary)
        guard model.vocabularySize == vocabulary.size else {
            throw TrainingError("the model's vocabulary (\(model.vocabularySize)) differs from \(vocabularyName) (\(vocabulary.size))")
        }
        if let progress = saved {
            let config = String(decoding: try model.configJSON(), as: UTF8.self)
            guard config == progress.modelConfig else {
                throw TrainingError("\(layout.checkpointPath): the model configuration differs from the checkpoint's")
            }
            try MetricsLog(path: layout.metricsPath).truncate(after: progress.step)
        } else {
            try layout.prepareForNewRun()
        }
        return try Pretrainer(options: options, corpus: corpus, model: model, output: layout, vocabularyFingerprint: fingerprint,
                              resumeFrom: saved == nil ? nil : layout.checkpointPath, progress: saved)
    }

    /// FNV-1a (64-bit) over "id token\n" for every id: equal for equal vocabularies, and a
    /// reordered or edited vocabulary changes it.
    public static func vocabularyFingerprint(size: Int, token: (Int32) -> String?) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for id in 0..<Int32(size) {
            for b in "\(id) \(token(id) ?? "")\n".utf8 {
                h ^= UInt64(b)
                h = h &* 0x100_0000_01B3
            }
        }
        return String(h, radix: 16)
    }
}
