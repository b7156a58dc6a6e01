import ArgumentParser
import NLPModels

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a Hugging Face BERT-family checkpoint into a model directory.",
        discussion: """
            Reads config.json, model.safetensors or pytorch_model.bin, and tokenizer.json or vocab.txt \
            (with tokenizer_config.json), checks every tensor shape against config.json and the \
            tokenizer against the embeddings, and writes config.json + model.safetensors + \
            tokenizer.json (plus the sentence-transformers files that were there) into --output, \
            all at once. Reads BERT (MiniLM, ...), DistilBERT, RoBERTa / XLM-RoBERTa / CamemBERT and \
            ELECTRA (embedding_size = hidden_size) checkpoints; the latter are written in BERT's layout \
            (RoBERTa's position table without its first padding_idx + 1 rows, DistilBERT with one zero \
            segment row), which gives the same outputs. XLM-RoBERTa's weights map too, but its \
            sentencepiece (Unigram, Precompiled) tokenizer.json is not read yet.
            """)

    @Option(help: "Hugging Face model directory to read.")
    var from: String

    @Option(help: "Model directory to create (must be new or empty).")
    var output: String

    @Flag(help: "Replace --output if it exists and is not empty.")
    var force = false

    func run() throws {
        try runReportingErrors {
            let report = try HuggingFaceImport.run(from: from, to: output, force: force)
            printError("nlp import: \(report.summary) -> \(output)")
        }
    }
}
