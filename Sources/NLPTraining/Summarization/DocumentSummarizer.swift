import NLPUnicode

/// Anything that turns a document into summary sentences (Lead-k, the extractive model).
public protocol DocumentSummarizer {
    func summarize(_ document: String) throws -> [String]
}

/// Lead-k over a raw document (sentence splitting included).
public final class LeadDocumentSummarizer: DocumentSummarizer {
    public let lead: LeadSummarizer
    private let segmenter: SentenceSegmenter

    public init(k: Int, locale: String = "en") throws {
        lead = LeadSummarizer(k: k)
        segmenter = try SentenceSegmenter(locale: locale)
    }

    public func summarize(_ document: String) throws -> [String] {
        lead.summarize(DocumentSentences(document, segmenter: segmenter))
    }
}
