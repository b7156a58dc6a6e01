import Dispatch
import Foundation
import NLPModels
import NLPTensor
import NLPTokenizers

/// `nlp finetune --task summarize --method abstractive`: trains an encoder-decoder
/// (`Seq2SeqModel`) with teacher forcing.
///
/// Each pair becomes source = [CLS] document [SEP] (cut to `options.sequenceLength`), decoder
/// input = [CLS] summary and target = summary [SEP] (the summary cut to `targetLength - 1`
/// tokens); the loss is the mean cross-entropy over target tokens (label smoothing optional),
/// through the copy mixture when `pointerGenerator` is on.
/// AdamW with linear warm-up and decay, gradient clipping, dev loss every `evalEvery` steps
/// (default: per epoch), best checkpoint on dev loss saved as it appears, early stopping after
/// `patience` evaluations without improvement, and an optional wall-clock budget.
///
/// With `initDirectory` (ours or a Hugging Face BERT directory) the encoder and the decoder's
/// self-attention/FFN/embeddings start from it (BERT2BERT, `Seq2SeqModel.initializeFromBert`);
/// otherwise everything is random and the tokenizer is a BPE trained on the training texts.
///
///     var job = AbstractiveSummarizerJob(options: options, trainPath: "bbc_train.jsonl", output: "bbc-abs")
///     job.initDirectory = "all-MiniLM-L6-v2"
///     job.decoderLayers = 3
///     let result = try job.run()      // result.bestDevLoss
public struct AbstractiveSummarizerJob {
    public var options: FinetuneOptions
    public var trainPath: String
    public var devPath: String?
    public var dataset = DatasetOptions()
    public var output: String
    public var initDirectory: String?
    public var vocabularyPath: String?
    public var size = ScratchEncoderSize()
    public var decoderLayers: Int?
    /// Add a pointer-generator copy head (`CopyHead`): the decoder may copy source tokens.
    public var pointerGenerator = false
    /// With the copy head: phrase-continuation priors for match lengths up to this
    /// (`CopyContinuation`; 0 = none).
    public var copyContinuation = 4
    /// Summary tokens including the end token.
    public var targetLength = 100
    /// Decoding defaults saved with the model (task.json `generation`); max length = targetLength.
    /// Beam 4 with no repeated trigram is the usual news-summarisation setting (BART, PEGASUS).
    public var generation = GenerationOptions(beams: 4, noRepeatNgram: 3)
    public var labelSmoothing: Float = 0.1
    /// Stop training (keeping the best checkpoint) after this many seconds.
    public var maxSeconds: Double?
    public var scratchVocabularySize = 8000
    public var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    public init(options: FinetuneOptions, trainPath: String, output: String) {
        self.options = options
        self.trainPath = trainPath
        self.output = output
    }

    public struct Result {
        public var bestDevLoss: Double
        public var bestStep: Int
        public var steps: Int
        public var seconds: Double
        public var devPairs: [DocumentSummary]
        public var summarizer: AbstractiveSummarizer
    }

    /// Teacher-forcing rows: source ids, decoder input ids, target ids.
    struct Example { var source: [Int32]; var input: [Int32]; var target: [Int32] }

    public mutating func run() throws -> Result {
        options.pretrained = initDirectory != nil
        try options.validate()
        if targetLength < 2 { throw TrainingError("finetune: --target-len must be at least 2") }
        if FileManager.default.fileExists(atPath: output + "/task.json") {
            throw TrainingError("\(output) already holds a model; choose another --output")
        }
        var (train, report) = try SummarizationData.load(path: trainPath, options: dataset)
        if let note = report.skippedSummary { log(note) }
        var dev: [DocumentSummary]
        if let devPath {
            dev = try SummarizationData.load(path: devPath, options: dataset).pairs
        } else {
            (train, dev) = DatasetSplit.holdOut(train, fraction: options.devFraction, seed: options.seed)
        }
        guard !train.isEmpty, !dev.isEmpty else { throw TrainingError("finetune: need at least one training and one dev document") }

        var helper = FinetuneJob(options: options, trainPath: trainPath, output: output)
        helper.initDirectory = initDirectory
        helper.vocabularyPath = vocabularyPath
        helper.scratchVocabularySize = scratchVocabularySize
        helper.log = log
        let tokenizer = try helper.makeTokenizer(train.flatMap { [$0.document, $0.summary] })
        let batcher = try TextBatcher(tokenizer: tokenizer, maxLength: options.sequenceLength, addClsSep: true)
        let model = try makeModel(vocabularySize: batcher.vocabularySize, cls: batcher.cls!, sep: batcher.sep!)
        var generation = self.generation
        generation.maxLength = targetLength
        generation.minLength = min(generation.minLength, targetLength)
        try generation.validate()
        let task = AbstractiveTaskFile(maxLength: options.sequenceLength, targetLength: targetLength, generation: generation)
        let summarizer = AbstractiveSummarizer(model: model, batcher: batcher, task: task, generation: generation)
        let cut = SummaryTruncation(tokenizer: tokenizer)

        func examples(_ pairs: [DocumentSummary]) throws -> [Example] {
            try pairs.map { pair in
                let summary = cut.truncate(try tokenizer.encodeIDs(pair.summary, addSpecialTokens: false), limit: targetLength - 1)
                return Example(source: try batcher.encode(pair.document), input: [batcher.cls!] + summary, target: summary + [batcher.sep!])
            }
        }
        let trainRows = try examples(train), devRows = try examples(dev)
        let c = model.config
        log("summarize (abstractive): \(train.count) training / \(dev.count) dev documents; encoder \(c.encoder.numHiddenLayers) layers, "
            + "decoder \(c.decoderLayers) layers, hidden \(c.encoder.hiddenSize), vocab \(c.encoder.vocabSize); source \(options.sequenceLength), target \(targetLength) tokens"
            + (initDirectory.map { "; initialised from \($0)" } ?? "; from scratch"))
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let trained = try fit(model, trainRows, devRows, pad: batcher.pad) { try summarizer.save(to: self.output) }
        return Result(bestDevLoss: trained.best, bestStep: trained.bestStep, steps: trained.steps, seconds: trained.seconds,
                      devPairs: dev, summarizer: summarizer)
    }

    func makeModel(vocabularySize: Int, cls: Int32, sep: Int32) throws -> Seq2SeqModel {
        if let initDirectory {
            let bert = try ModelDirectory.loadBert(from: initDirectory)
            guard options.sequenceLength <= bert.config.maxPositionEmbeddings, targetLength <= bert.config.maxPositionEmbeddings else {
                throw TrainingError("finetune: --seq-len/--target-len exceed \(initDirectory)'s max_position_embeddings \(bert.config.maxPositionEmbeddings)")
            }
            let config = Seq2SeqConfig(encoder: bert.config, decoderLayers: decoderLayers ?? bert.config.numHiddenLayers,
                                       decoderStartTokenId: Int(cls), eosTokenId: Int(sep), pointerGenerator: pointerGenerator,
                                   copyContinuation: pointerGenerator ? copyContinuation : 0)
            let model = try Seq2SeqModel(config, seed: options.seed)
            try model.initializeFromBert(bert)
            return model
        }
        var bert = BertConfig(vocabSize: vocabularySize, hiddenSize: size.hidden, layers: size.layers, heads: size.heads,
                              maxPositions: max(options.sequenceLength, targetLength))
        bert.hiddenDropoutProb = size.dropout
        bert.attentionProbsDropoutProb = size.dropout
        let config = Seq2SeqConfig(encoder: bert, decoderLayers: decoderLayers ?? size.layers,
                                   decoderStartTokenId: Int(cls), eosTokenId: Int(sep), pointerGenerator: pointerGenerator,
                                   copyContinuation: pointerGenerator ? copyContinuation : 0)
        return try Seq2SeqModel(config, seed: options.seed)
    }

    /// Source batch, decoder input [B, T] and targets [B, T] (-100 at padding).
    static func batch(_ rows: [Example], pad: Int32) throws -> (TokenBatch, IntTensor, IntTensor) {
        let source = try TokenBatch.padding(rows.map(\.source), padId: pad)
        let t = rows.map(\.input.count).max() ?? 1
        var input = [Int32](repeating: pad, count: rows.count * t), target = [Int32](repeating: -100, count: rows.count * t)
        for (r, row) in rows.enumerated() {
            for (j, id) in row.input.enumerated() { input[r * t + j] = id }
            for (j, id) in row.target.enumerated() { target[r * t + j] = id }
        }
        return (source, try IntTensor(input, shape: [rows.count, t]), try IntTensor(target, shape: [rows.count, t]))
    }

    func fit(_ model: Seq2SeqModel, _ trainRows: [Example], _ devRows: [Example], pad: Int32,
               save: () throws -> Void) throws -> (best: Double, bestStep: Int, steps: Int, seconds: Double) {
        DropoutSeeds.reseed(options.seed ^ 0x5345_5132)
        // --freeze-layers N: the shared embeddings (and with them the tied output projection) and
        // encoder layers 0 ..< N-1 stay fixed.
        var frozen: [Tensor] = []
        if options.freezeLayers > 0 {
            frozen = model.encoder.embeddings.parameters + model.encoder.layers.prefix(options.freezeLayers - 1).flatMap(\.parameters)
        }
        let frozenIDs = Set(frozen.map { ObjectIdentifier($0) })
        for p in frozen { p.requiresGrad = false }
        let trainable = model.parameters.filter { !frozenIDs.contains(ObjectIdentifier($0)) }
        let n = trainRows.count, stepsPerEpoch = (n + options.batchSize - 1) / options.batchSize
        // --layer-lr-decay: the decoder and copy head at the peak rate, the encoder's layers below
        // (the shared embeddings, and so the tied output projection, lowest).
        let encoderLayers = [model.encoder.embeddings.parameters] + model.encoder.layers.map(\.parameters)
        let steps = try FinetuneSteps(trainable: trainable, layers: encoderLayers, options: options, stepsPerEpoch: stepsPerEpoch)
        let evalEvery = options.evalEvery > 0 ? options.evalEvery : stepsPerEpoch
        let metrics = MetricsLog(path: output + "/metrics.jsonl")
        let progress = ProgressLine()
        var random = Xoshiro256StarStar(seed: options.seed)
        var best = Double.infinity, bestStep = 0, sinceBest = 0
        progress.message("finetune: \(trainable.reduce(0) { $0 + $1.count }) trainable parameters, \(steps.totalSteps) steps of \(options.batchSize) documents")
        training: for _ in 0..<options.epochs {
            var order = Array(0..<n)
            order.shuffle(using: &random)
            for first in stride(from: 0, to: n, by: options.batchSize) {
                if steps.isFinished { break training }
                let t0 = DispatchTime.now().uptimeNanoseconds
                let rows = order[first..<min(n, first + options.batchSize)].map { trainRows[$0] }
                let (source, input, target) = try Self.batch(rows, pad: pad)
                let loss = try model.loss(source: source, decoderInput: input, targets: target, labelSmoothing: labelSmoothing, training: true)
                try loss.backward()
                steps.apply(loss: loss.item, tokens: rows.reduce(0) { $0 + $1.source.count + $1.input.count }, startedAt: t0)
                let step = steps.step
                let outOfTime = maxSeconds.map { steps.elapsedSeconds >= $0 } ?? false
                var record = steps.logRecord(progress: progress, force: outOfTime)
                if step % evalEvery == 0 || steps.isFinished || outOfTime {
                    let devLoss = try evaluate(model, devRows, pad: pad)
                    if record == nil { record = MetricsRecord(step: step) }
                    record!.valLoss = devLoss
                    record!.valPerplexity = Foundation.exp(devLoss)
                    let improved = devLoss < best
                    progress.message(String(format: "step %d: dev loss %.4f%@", step, devLoss, improved ? " (best, saved)" : ""))
                    if improved {
                        best = devLoss
                        bestStep = step
                        sinceBest = 0
                        try save()
                    } else {
                        sinceBest += 1
                    }
                }
                if let record { try metrics.append(record) }
                if outOfTime {
                    progress.message("finetune: time budget of \(Int(maxSeconds!)) s reached at step \(step)")
                    break training
                }
                if sinceBest >= options.patience {
                    progress.message("finetune: no dev improvement in \(options.patience) evaluations; stopping at step \(step)")
                    break training
                }
            }
        }
        progress.finish()
        for p in frozen { p.requiresGrad = true }
        // The saved checkpoint is the best one; load it back so the caller decodes with it.
        let saved = try ModelDirectory.loadSeq2Seq(from: output)
        for (mine, theirs) in zip(model.parameters, saved.parameters) { try mine.copy(from: theirs.scalars) }
        return (best, bestStep, steps.step, steps.elapsedSeconds)
    }

    /// Mean token cross-entropy (no label smoothing) over `rows`.
    func evaluate(_ model: Seq2SeqModel, _ rows: [Example], pad: Int32) throws -> Double {
        var total = 0.0, tokens = 0
        try noGrad {
            for first in stride(from: 0, to: rows.count, by: options.batchSize) {
                let part = Array(rows[first..<min(rows.count, first + options.batchSize)])
                let (source, input, target) = try Self.batch(part, pad: pad)
                let count = part.reduce(0) { $0 + $1.target.count }
                total += Double(try model.loss(source: source, decoderInput: input, targets: target, training: false).item) * Double(count)
                tokens += count
            }
        }
        return total / Double(max(tokens, 1))
    }
}
