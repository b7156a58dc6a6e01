import ArgumentParser
import NLPTraining

extension FinetuneTask: ExpressibleByArgument {}
extension TransformerTextEncoder.Pooling: ExpressibleByArgument {}
extension LSTMTextEncoder.Pooling: ExpressibleByArgument {}

struct FinetuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finetune",
        abstract: "Fine-tune a classifier (sentiment, classify, intent) or an extractive summariser.",
        discussion: """
            Without --init the encoder trains from scratch (--arch transformer, lstm, cnn or bow), with \
            the tokenizer in --vocab or, without one, a BPE vocabulary trained on the training texts. \
            With --init DIR (our nlp pretrain output or a Hugging Face BERT-family directory) the encoder \
            and tokenizer come from DIR. Without --dev, a seeded 10% of --train is held out. The model \
            directory gets config.json, model.safetensors, tokenizer.json, task.json, metrics.jsonl, \
            eval.txt and confusion.svg (the dev report of the best checkpoint). Rows with empty text are \
            skipped and counted on standard error. The training set is held in memory (about 3x the \
            file size); a file that clearly cannot fit is refused before reading (nlp eval and \
            nlp predict stream instead).
            """)

    @Option(help: "sentiment, classify, intent or summarize.")
    var task: FinetuneTask

    @Option(help: "Training data (CSV with header, TSV or JSONL).")
    var train: String

    @Option(help: "Dev data for early stopping (default: a seeded 10% of --train).")
    var dev: String?

    @Option(help: "Pretrained model directory to start from.")
    var `init`: String?

    @Option(help: "Output model directory (must not hold a model).")
    var output: String

    @Option(help: "Encoder from scratch: transformer, lstm, cnn or bow.")
    var arch = "transformer"

    @Option(help: "Vocabulary for training from scratch (tokenizer.json, vocab.txt, ...).")
    var vocab: String?

    @Option(help: "Epochs.") var epochs = 3
    @Option(help: "Peak learning rate (default 1e-3 from scratch; with --init by encoder width: 1e-3 up to 128, 5e-4 up to 256, 1e-4 up to 512, else 5e-5).") var lr: Double?
    @Option(help: "Batch size.") var batchSize = 32
    @Flag(help: "Batch training rows of similar length together (less padding; as Hugging Face's group_by_length).")
    var groupByLength = false
    @Option(help: "Maximum tokens per input.") var seqLen = 128
    @Option(help: "Random seed (data order, split, initialisation, dropout).") var seed: UInt64 = 1
    @Option(help: "Hidden size of a from-scratch encoder (CNN: filters per width).") var hidden = 128
    @Option(help: "Embedding size of a from-scratch LSTM or CNN.") var embedding = 128
    @Option(help: "Layers of a from-scratch Transformer or LSTM.") var layers = 2
    @Option(help: "Attention heads of a from-scratch Transformer.") var heads = 2
    @Option(help: "Transformer pooling: mean (over real tokens; works for any encoder) or cls (BERT's pooler, for checkpoints that trained it).") var pooling: TransformerTextEncoder.Pooling = .mean
    @Option(help: "LSTM pooling: last (final states), max or mean over time, or maxmean (both).") var lstmPooling: LSTMTextEncoder.Pooling = .last
    @Option(help: "Text CNN kernel widths, comma-separated (Kim 2014: 3,4,5).") var kernelSizes = "3,4,5"
    @Flag(inversion: .prefixedNo, help: "Text CNN: leave batch-padding windows out of max-over-time (--no-cnn-mask-padding: as models before this option).")
    var cnnMaskPadding = true
    @Option(help: "Dropout before the classifier (and inside a from-scratch encoder).") var dropout: Float = 0.1
    @Option(help: "Stop after this many dev evaluations without improvement.") var patience = 2
    @Option(help: "Evaluate on dev every N steps (default: every epoch).") var evalEvery = 0
    @Option(help: "Stop after N optimiser steps.") var maxSteps: Int?
    @Option(help: "Freeze the embeddings and the lowest N-1 layers.") var freezeLayers = 0
    @Option(help: "Warm-up share of the steps.") var warmup = 0.1
    @Option(help: "Layer-wise learning-rate decay: the head trains at --lr and each encoder group below it (a Transformer's pooler and final norm, its layers top down, the embeddings) at this factor times the rate of the group above (ELECTRA: 0.8; 1 = off).")
    var layerLrDecay: Float = 1
    @Option(help: "AdamW weight decay, not on biases and LayerNorm (default 0.01).") var weightDecay: Float?
    @Option(help: "Out-of-scope label of intent data.") var oosLabel = "out_of_scope"
    @Option(help: "Intent data without out-of-scope dev examples: route the least confident Q of answers (e.g. 0.02).") var oosQuantile: Double?
    @Flag(help: "Weight classes by inverse frequency (imbalanced data).") var classWeights = false
    @Flag(help: "Multi-label: labels separated by | (or a JSON array); one sigmoid per class.") var multiLabel = false
    @Option(help: "Summaries: sentences per summary (default: those scored >= 0.5).") var sentences: Int?

    @Option(help: "Summaries: extractive (sentence scorer, default) or abstractive (encoder-decoder).") var method = "extractive"
    @Option(help: "Abstractive: decoder layers (default: as many as the encoder).") var decoderLayers: Int?
    @Option(help: "Abstractive: summary tokens to train on, the end token included.") var targetLen = 100
    @Flag(inversion: .prefixedNo, help: "Abstractive: a pointer-generator copy head, so the decoder can copy source tokens (names, numbers, rare words).")
    var pointerGenerator = true
    @Option(help: "Abstractive copy head: prior on continuing a copied phrase, for source matches of up to N tokens (0 = off).")
    var copyContinuation = 4
    @Option(help: "Abstractive: label smoothing of the token loss.") var labelSmoothing: Float = 0.1
    @Option(help: "Stop training after this many minutes, keeping the best checkpoint (abstractive).") var maxMinutes: Double?

    @Option(help: "Hold out this seeded fraction of --train as a test set, scored into test.txt at the end.") var holdoutTest: Double?

    @OptionGroup var data: DatasetArguments

    func validate() throws {
        guard ["extractive", "abstractive"].contains(method) else { throw ValidationError("--method must be extractive or abstractive") }
        if method == "abstractive" && task != .summarize { throw ValidationError("--method abstractive is for --task summarize") }
        if let d = decoderLayers, d < 1 { throw ValidationError("--decoder-layers must be at least 1") }
        if !(0...64).contains(copyContinuation) { throw ValidationError("--copy-continuation must be in 0...64") }
        if targetLen < 2 { throw ValidationError("--target-len must be at least 2") }
        if !(labelSmoothing >= 0 && labelSmoothing < 1) { throw ValidationError("--label-smoothing must be in [0, 1)") }
        if let m = maxMinutes, !(m > 0) { throw ValidationError("--max-minutes must be positive") }
    }

    func run() throws {
        try runReportingErrors {
            var options = FinetuneOptions(task: task)
            options.epochs = epochs
            options.learningRate = lr
            options.batchSize = batchSize
            options.groupByLength = groupByLength
            options.sequenceLength = seqLen
            options.seed = seed
            options.dropout = dropout
            options.patience = patience
            options.evalEvery = evalEvery
            options.maxSteps = maxSteps
            options.freezeLayers = freezeLayers
            options.warmupFraction = warmup
            options.layerLearningRateDecay = layerLrDecay
            if let weightDecay { options.weightDecay = weightDecay }
            options.outOfScopeLabel = oosLabel
            options.outOfScopeQuantile = oosQuantile
            options.classWeights = classWeights
            options.multiLabel = multiLabel
            var size = ScratchEncoderSize()
            size.hidden = hidden
            size.embedding = embedding
            size.layers = layers
            size.heads = heads
            size.dropout = dropout
            size.lstmPooling = lstmPooling
            size.kernelSizes = try Self.widths(kernelSizes)
            size.cnnMaskPadding = cnnMaskPadding
            if task == .summarize && method == "abstractive" {
                var job = AbstractiveSummarizerJob(options: options, trainPath: train, output: output)
                try fillInputs(&job, size: size)
                job.decoderLayers = decoderLayers
                job.pointerGenerator = pointerGenerator
                job.copyContinuation = copyContinuation
                job.targetLength = targetLen
                job.labelSmoothing = labelSmoothing
                job.maxSeconds = maxMinutes.map { $0 * 60 }
                let result = try job.run()
                printError(String(format: "summarize (abstractive): best dev loss %.4f at step %d of %d (%.0f s); saved to %@",
                                  result.bestDevLoss, result.bestStep, result.steps, result.seconds, output))
                return
            }
            if task == .summarize {
                var job = SummarizerJob(options: options, trainPath: train, output: output)
                try fillInputs(&job, size: size)
                job.architecture = arch
                job.pooling = pooling
                job.sentences = sentences
                _ = try job.run()
                return
            }
            var job = FinetuneJob(options: options, trainPath: train, output: output)
            try fillInputs(&job, size: size)
            job.architecture = arch
            job.pooling = pooling
            job.testFraction = holdoutTest
            _ = try job.run()
        }
    }

    /// The flags every job reads: --dev, the dataset columns, --init, --vocab and the scratch sizes.
    func fillInputs<Job: FinetuneJobInputs>(_ job: inout Job, size: ScratchEncoderSize) throws {
        job.devPath = dev
        job.dataset = try data.options()
        job.initDirectory = `init`
        job.vocabularyPath = vocab
        job.size = size
    }

    /// "3,4,5" -> [3, 4, 5]; anything else is a one-line error.
    static func widths(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let widths = parts.compactMap { Int($0.filter { $0 != " " }) }
        guard !parts.isEmpty, widths.count == parts.count, widths.allSatisfy({ $0 > 0 }) else {
            throw TrainingError("--kernel-sizes: expected positive widths separated by commas (e.g. 3,4,5), got \"\(text)\"")
        }
        return widths
    }
}
