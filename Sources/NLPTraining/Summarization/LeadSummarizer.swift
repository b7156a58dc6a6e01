/// Lead-k: the first k body sentences, in order. The baseline every news summariser must beat,
/// because journalists put the most important facts first.
public struct LeadSummarizer: Sendable {
    public var k: Int

    public init(k: Int = 3) { self.k = k }

    public func summarize(_ document: DocumentSentences) -> [String] {
        Array(document.sentences.prefix(k))
    }
}
