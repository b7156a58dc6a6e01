import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import NLPTraining

@Suite struct MetricsTests {
    @Test func unigramBaselineMatchesTheWorkedExample() {
        let b = UnigramBaseline(counts: [2, 0, 1, 1])
        #expect(abs(b.entropy - 1.0397207708399179) < 1e-12)
        #expect(abs(b.perplexity - 2.8284271247461903) < 1e-12)
        #expect(b.tokens == 4 && b.distinctTokens == 3)
    }

    @Test func metricsLinesUseTheDesignFieldNamesAndTruncateOnResume() throws {
        let dir = TemporaryDirectory()
        let log = MetricsLog(path: dir.path + "/metrics.jsonl")
        for step in [10, 20, 30] {
            var r = MetricsRecord(step: step)
            r.loss = 7.5; r.lr = 1e-3; r.tokensPerSecond = 1234.5; r.mlmAccuracy = 0.25
            if step == 20 { r.valLoss = 6.0; r.valPerplexity = exp(6.0) }
            try log.append(r)
        }
        let lines = String(decoding: FileManager.default.contents(atPath: log.path)!, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        let object = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as! [String: Any]
        #expect(Set(object.keys) == ["step", "loss", "lr", "tokens_per_second", "mlm_accuracy", "val_loss", "val_perplexity"])
        #expect(object["step"] as? Int == 20)
        try log.truncate(after: 20)
        #expect(try log.read().map(\.step) == [10, 20])
    }

    @Test func lossCurveIsWellFormedSVGWithBothCurvesAndTheBaseline() throws {
        let svg = LossCurveSVG.render(train: [(10, 9.0), (20, 7.5), (30, 6.0)], validation: [(20, 7.8), (30, 6.4)], baseline: 6.9)
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse())
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.contains("stroke-dasharray"))
        #expect(svg.contains("unigram baseline"))
    }
}
