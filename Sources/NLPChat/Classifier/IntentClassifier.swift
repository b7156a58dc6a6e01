/// Anything that ranks a message's intents: the built-in `FastTextIntentClassifier`, or the
/// fine-tuned Transformer from `nlp finetune --task intent` behind an adapter.
///
///     classifier.rank("I lost my card")  // [("card_lost", 0.97), ("card_declined", 0.01), ...]
///
/// The ranking covers every label the classifier knows (out-of-scope included), best first, with
/// confidences that sum to 1.
public protocol IntentClassifier {
    var labels: [String] { get }
    func rank(_ text: String) -> [(intent: String, confidence: Float)]
}
