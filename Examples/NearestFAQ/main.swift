// Embed the FAQ questions of the bundled bank bot and each query with a sentence encoder, and
// print the nearest FAQ question per query with its cosine similarity: semantic search in ~50
// lines of library calls.
//
//     nlp import --from /path/to/all-MiniLM-L6-v2 --output models/minilm   # once
//     swift run -c release nearest-faq --model models/minilm               # built-in queries
//     swift run -c release nearest-faq --model models/minilm "can I pay with my watch?"
//     swift run -c release nearest-faq                                     # no model: see below
//
// With --model DIR (an imported sentence-transformers model, or any directory `nlp embed` reads),
// TextEmbedder gives mean-pooled, L2-normalised vectors, so the cosine is a dot product. Output with
// all-MiniLM-L6-v2 (the HF directory itself works; every query's nearest question is the right one,
// though most share few words with it):
//
//     0.804  what time are you open on Sundays? -> What are your opening hours?
//     0.565  are my savings safe if the bank goes bust? -> Is my money protected?
//     0.771  my card snapped in half, how do I get another one? -> How do I get a new card if mine is damaged?
//     0.649  how much money can I take out of a cash machine each day? -> What is the daily ATM withdrawal limit?
//     0.630  how many days does a payment to another country take? -> How long does an international transfer take?
//     0.698  someone on the phone asked for my PIN, is that you? -> Will you ever ask for my PIN or password?
//     0.392  I think I was tricked into paying a fraudster -> How do I report a scam?
//
// Without --model (CI has no MiniLM), the example trains a tiny encoder in a few seconds: a text CNN
// intent classifier on corpora/intents, whose pooled vector groups sentences by banking topic. It
// knows only the ~1,000 training sentences: it gets 2 of the 7 queries above right (savings, PIN) and
// the topic of 2 more (card, transfer); a stand-in that shows the API, not a sentence encoder to deploy.
import Foundation
import NLPChat
import NLPModels
import NLPTensor
import NLPTraining

var arguments = Array(CommandLine.arguments.dropFirst())
var modelDirectory: String?
if let i = arguments.firstIndex(of: "--model") {
    guard i + 1 < arguments.count else {
        FileHandle.standardError.write(Data("usage: nearest-faq [--model DIR] [--bot PATH] [QUERY...]\n".utf8))
        exit(2)
    }
    modelDirectory = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
var botPath = "corpora/bot"
if let i = arguments.firstIndex(of: "--bot"), i + 1 < arguments.count {
    botPath = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
let queries = arguments.isEmpty ? [
    "what time are you open on Sundays?",
    "are my savings safe if the bank goes bust?",
    "my card snapped in half, how do I get another one?",
    "how much money can I take out of a cash machine each day?",
    "how many days does a payment to another country take?",
    "someone on the phone asked for my PIN, is that you?",
    "I think I was tricked into paying a fraudster",
] : arguments

/// Unit length, so that cosine similarity is a dot product.
func normalized(_ v: [Float]) -> [Float] {
    let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return norm > 0 ? v.map { $0 / norm } : v
}

/// A sentence encoder that needs no download: a text CNN trained as an intent classifier on the
/// bundled intents; a sentence's vector is the CNN's pooled features (what the classifier reads).
func trainTinyEncoder() throws -> ([String]) throws -> [[Float]] {
    let directory = NSTemporaryDirectory() + "nearest-faq-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var options = FinetuneOptions(task: .classify)
    options.epochs = 20
    options.learningRate = 2e-3
    options.batchSize = 16
    options.patience = 4
    options.dropout = 0.3
    var job = FinetuneJob(options: options, trainPath: "corpora/intents/train.csv", output: directory)
    job.architecture = "cnn"
    job.size.embedding = 64
    job.size.hidden = 64
    job.log = { _ in }
    let summary = try job.run()
    print("no --model: trained a text CNN on corpora/intents in \(Int(summary.training.seconds.rounded())) s "
          + "(dev accuracy \(String(format: "%.2f", summary.devReport.accuracy)))")
    let model = try TaskModel.load(from: directory)
    return { texts in
        try texts.map { text in
            let ids = try model.batcher.encode([text])
            let pooled = try noGrad { try model.classifier.encoder.pooled(model.batcher.batch(ids, rows: [0]), training: false) }
            return normalized(pooled.scalars)
        }
    }
}

do {
    guard let faq = try BotDefinition.load(botPath).faq, !faq.items.isEmpty else {
        throw TrainingError("\(botPath) has no faq items")
    }
    let embed: ([String]) throws -> [[Float]]
    if let modelDirectory {
        let embedder = try TextEmbedder(directory: modelDirectory)  // mean pooling, L2-normalised
        embed = { try embedder.embed($0) }
    } else {
        embed = try trainTinyEncoder()
    }
    let questions = faq.items.map(\.question)
    let questionVectors = try embed(questions)
    for (query, q) in zip(queries, try embed(queries)) {
        let scores = questionVectors.map { v in zip(v, q).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
        let best = scores.indices.max { scores[$0] < scores[$1] }!
        print(String(format: "%.3f", scores[best]) + "  \(query) -> \(questions[best])")
    }
} catch {
    FileHandle.standardError.write(Data("nearest-faq: \(error)\n".utf8))
    exit(1)
}
