import Foundation
import NLPTraining

/// The fine-tuned model from `nlp finetune --task intent` behind the chat's `IntentClassifier`:
/// the directory's tokenizer, encoder and classification head, one forward pass per message.
///
///     nlp finetune --task intent --train corpora/intents/train.csv --output bank-intents
///     nlp chat --bot corpora/bot --intent-model bank-intents     (or bot.intent_model in the YAML)
///
/// Confidences are the model's softmax probabilities (they sum to 1). The model's calibrated
/// out-of-scope gate is kept: when the top probability is under the threshold `nlp finetune`
/// stored in task.json, the out-of-scope label moves to the front (with its own probability), so
/// the dialogue's out-of-scope fallback answers and still offers the closest real intents.
public final class TransformerIntentClassifier: IntentClassifier {
    public let model: TaskModel
    public let directory: String

    public var labels: [String] { model.labels }

    public init(directory: String) throws {
        self.directory = directory
        model = try TaskModel.load(from: directory)
    }

    /// The labels the model predicts that the bot does not know (neither an intent nor its
    /// out-of-scope label): a model trained for another bot.
    public func unknownLabels(for definition: BotDefinition) -> [String] {
        labels.filter { definition.intents[$0] == nil && $0 != definition.outOfScopeLabel }
    }

    public func rank(_ text: String) -> [(intent: String, confidence: Float)] {
        guard let probabilities = try? model.classifier.probabilities(
            model.batcher.batch([model.batcher.encode(text)], rows: 0..<1)).first, probabilities.count == labels.count else {
            // Not reachable for text (encoding never fails on a String); a uniform ranking falls back.
            return labels.map { ($0, 1 / Float(max(1, labels.count))) }
        }
        var ranked = zip(labels, probabilities).map { (intent: $0.0, confidence: $0.1) }
        ranked.sort { $0.confidence > $1.confidence }
        let d = model.description
        if let threshold = d.outOfScopeThreshold, let oos = d.outOfScopeLabel, ranked[0].confidence < threshold,
           ranked[0].intent != oos, let i = ranked.firstIndex(where: { $0.intent == oos }) {
            ranked.insert(ranked.remove(at: i), at: 0)
        }
        return ranked
    }
}
