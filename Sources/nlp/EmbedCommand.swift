import ArgumentParser
import NLPModels
import NLPTensor
import NLPTokenizers

extension Pooling: ExpressibleByArgument {}

struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "One sentence vector per input line.",
        discussion: """
            Each line is tokenised with the model directory's tokenizer (special tokens added, \
            truncated to the model's max length: sentence_bert_config.json's max_seq_length when \
            present), run through the encoder, mean-pooled over its real tokens and L2-normalised, \
            as sentence-transformers does. An empty line gets the vector of the empty text. \
            Output: the components separated by single spaces, each the shortest decimal that \
            reads back as the same float32.
            """)

    @Option(help: "Model directory (from nlp import or nlp pretrain).")
    var model: String

    @Option(help: "Pooling: mean (over real tokens) or cls (first token). Default: the directory's, else mean.")
    var pooling: Pooling?

    @Flag(help: "Do not L2-normalise the vectors.")
    var noNormalize = false

    @Option(help: "Sentences per forward pass.")
    var batchSize = 32

    @Option(help: "Truncate inputs to this many tokens, specials included (default: the model's).")
    var maxLength: Int?

    @Option(help: "Threads for tokenising and matrix products.")
    var threads = 2

    @Flag(help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
    var lossy = false

    @Argument(help: "Input files (standard input when none).")
    var files: [String] = []

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let maxLength, maxLength < 2 { throw ValidationError("--max-length must be at least 2") }
    }

    func run() throws {
        try runReportingErrors {
            Parallel.threads = threads
            GEMM.maxThreads = threads
            for path in files where path != "-" { try LineReader.checkReadable(path) }
            let embedder = try TextEmbedder(directory: model, pooling: pooling, normalize: !noNormalize, maxLength: maxLength)
            let output = OutputBuffer()
            // Lines are embedded in chunks of several batches so that length grouping has room to
            // work; memory stays one chunk (and one reader batch) at a time.
            let chunkLines = batchSize == 1 ? 1 : max(256, batchSize * 8)
            var pending: [String] = []
            func flush() throws {
                guard !pending.isEmpty else { return }
                var out: [UInt8] = []
                out.reserveCapacity(pending.count * embedder.dimension * 12)
                for vector in try embedder.embed(pending, batchSize: batchSize, threads: threads) {
                    for (j, v) in vector.enumerated() {
                        if j > 0 { out.append(0x20) }
                        out.append(contentsOf: v.description.utf8)
                    }
                    out.append(0x0A)
                }
                try output.write(out)
                pending.removeAll(keepingCapacity: true)
            }
            for source in files.isEmpty ? [nil] : files.map(Optional.some) {
                let reader = try LineReader(path: source, lossy: lossy)
                while let batch = try reader.nextBatch() {
                    for line in batch.lines {
                        pending.append(String(decoding: batch.bytes[line], as: UTF8.self))
                        if pending.count >= chunkLines { try flush() }
                    }
                }
            }
            try flush()
            try output.flush()
        }
    }
}
