import Foundation

/// A bot directory made ready to talk: the definition, its intent classifier and its FAQ.
///
///     let bot = try ChatBot.open("corpora/bot", train: .ifMissing) { print($0) }
///     let engine = try bot.engine(seed: 1)
///
/// The built-in classifier lives in `intent-model.bin` beside the definition. It is trained when
/// asked (`--train`, which saves it atomically), and otherwise trained in memory when the file is
/// missing or stale (its fingerprint no longer matches the training data), with a note through
/// `log`; training takes well under a second on the bundled bot.
public struct ChatBot {
    public enum Training { case always, ifMissing }

    public static let modelFileName = "intent-model.bin"

    public let definition: BotDefinition
    public let classifier: IntentClassifier
    public let faq: FAQRetriever?
    public let modelPath: String

    public init(definition: BotDefinition, classifier: IntentClassifier, faq: FAQRetriever?, modelPath: String) {
        self.definition = definition
        self.classifier = classifier
        self.faq = faq
        self.modelPath = modelPath
    }

    public static func open(_ path: String, train: Training = .ifMissing, trainer: FastTextTrainer = FastTextTrainer(),
                            log: (String) -> Void = { _ in }) throws -> ChatBot {
        let definition = try BotDefinition.load(path)
        let utterances = try definition.trainingUtterances()
        let labels = labelOrder(definition, utterances)
        let directory = URL(fileURLWithPath: definition.sourcePath).deletingLastPathComponent().path
        let modelPath = directory + "/" + modelFileName
        let hasher = FeatureHasher()
        let fingerprint = trainer.fingerprint(utterances, labels: labels, buckets: hasher.buckets)

        var classifier: FastTextIntentClassifier? = nil
        if train == .ifMissing, FileManager.default.fileExists(atPath: modelPath) {
            let saved = try FastTextIntentClassifier.load(modelPath)
            if saved.fingerprint == fingerprint {
                classifier = saved
            } else {
                log("\(modelPath) was trained on other data or options; retraining in memory (use --train to save)")
            }
        } else if train == .ifMissing {
            log("no trained intent model in \(directory); training the built-in classifier on \(utterances.count) utterances (use --train to save it)")
        }
        if classifier == nil {
            let start = Date()
            let model = trainer.train(utterances, labels: labels, hasher: hasher)
            let ms = Int(Date().timeIntervalSince(start) * 1000)
            if train == .always {
                try model.save(modelPath)
                log("trained the built-in classifier on \(utterances.count) utterances, \(labels.count) labels in \(ms) ms; saved \(modelPath)")
            } else {
                log("trained in \(ms) ms")
            }
            classifier = model
        }
        let faq = definition.faq.map { TFIDFRetriever(items: $0.items, background: utterances.map(\.text), hasher: hasher) }
        return ChatBot(definition: definition, classifier: classifier!, faq: faq, modelPath: modelPath)
    }

    public func engine(seed: UInt64 = 0) throws -> DialogueEngine {
        try DialogueEngine(bot: definition, classifier: classifier, faq: faq, seed: seed)
    }

    /// The intents in definition order, then any other label of the data (out-of-scope).
    static func labelOrder(_ definition: BotDefinition, _ utterances: [LabeledUtterance]) -> [String] {
        var labels = definition.intentOrder
        for u in utterances where !labels.contains(u.label) { labels.append(u.label) }
        return labels
    }
}
