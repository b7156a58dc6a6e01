import Testing
@testable import NLPTraining

@Suite struct ClassificationMetricsTests {
    struct Case: Decodable {
        var name: String
        var gold: [String]
        var predicted: [String]
        var labels: [String]
        var accuracy: Double
        var macro_f1: Double
        var precision: [Double]
        var recall: [Double]
        var f1: [Double]
        var support: [Int]
        var confusion: [[Int]]
    }
    struct File: Decodable { var cases: [Case] }

    /// scikit-learn 1.9 values on seeded label sequences (scripts/reference/make_metrics_reference.py).
    @Test func matchesScikitLearn() throws {
        for c in try Fixtures.decode(File.self, "metrics_reference.json").cases {
            // The model knows the sorted labels; a label only in `gold` or only in `predicted` is still
            // in sklearn's set, so give the matrix all of them.
            var m = ConfusionMatrix(labels: c.labels)
            for (g, p) in zip(c.gold, c.predicted) { m.add(gold: g, predicted: p) }
            let r = ClassificationReport(m)
            #expect(abs(r.accuracy - c.accuracy) < 1e-12, "\(c.name)")
            #expect(abs(r.macroF1 - c.macro_f1) < 1e-12, "\(c.name)")
            #expect(r.perClass.map(\.label) == c.labels)
            for (k, s) in r.perClass.enumerated() {
                #expect(abs(s.precision - c.precision[k]) < 1e-12 && abs(s.recall - c.recall[k]) < 1e-12
                        && abs(s.f1 - c.f1[k]) < 1e-12 && s.support == c.support[k], "\(c.name) \(s.label)")
            }
            for (g, row) in c.confusion.enumerated() {
                #expect((0..<row.count).map { m[g, $0] } == row, "\(c.name)")
            }
        }
    }

    /// A gold label the model never saw is appended as a class: those rows count as wrong and the
    /// class enters the macro average with F1 0, as sklearn does with the union of labels.
    @Test func unknownGoldLabelCountsAsWrong() throws {
        var m = ConfusionMatrix(labels: ["neg", "pos"])
        m.add(gold: "neg", predicted: "neg")
        m.add(gold: "pos", predicted: "pos")
        m.add(gold: "neutral", predicted: "pos")
        m.add(gold: "neutral", predicted: "neg")
        #expect(m.labels == ["neg", "pos", "neutral"] && m.modelClassCount == 2)
        #expect(m.unknownGoldLabels.map(\.label) == ["neutral"] && m.unknownGoldLabels[0].count == 2)
        let r = ClassificationReport(m)
        #expect(r.accuracy == 0.5)
        #expect(abs(r.macroF1 - (2.0 / 3 + 2.0 / 3 + 0) / 3) < 1e-12)
        let f = try Fixtures.decode(File.self, "metrics_reference.json").cases
        #expect(f.contains { $0.name == "a predicted class never gold" })
    }

    @Test func intentMetricsAsInLarson2019() {
        var m = ConfusionMatrix(labels: ["balance", "out_of_scope", "transfer"])
        // 4 in-scope balance: 3 right, 1 routed to OOS. 2 transfer: both right.
        for p in ["balance", "balance", "balance", "out_of_scope", "transfer", "transfer"] {
            m.add(gold: m.labels.contains(p) && ["balance", "out_of_scope"].contains(p) ? "balance" : "transfer", predicted: p)
        }
        // 4 OOS: 2 caught, 1 predicted balance, 1 transfer.
        for p in ["out_of_scope", "out_of_scope", "balance", "transfer"] { m.add(gold: "out_of_scope", predicted: p) }
        let i = IntentMetrics(m, outOfScopeLabel: "out_of_scope")
        #expect(i.inScopeCount == 6 && i.outOfScopeCount == 4)
        #expect(abs(i.inScopeAccuracy - 5.0 / 6) < 1e-12)
        #expect(i.outOfScopeRecall == 0.5)
        #expect(abs(i.outOfScopePrecision - 2.0 / 3) < 1e-12)
    }

    @Test func textTablesAndHeatmap() {
        var m = ConfusionMatrix(labels: ["neg", "pos"])
        for _ in 0..<40 { m.add(gold: 0, predicted: 0) }
        for _ in 0..<3 { m.add(gold: 0, predicted: 1) }
        for _ in 0..<5 { m.add(gold: 1, predicted: 0) }
        for _ in 0..<52 { m.add(gold: 1, predicted: 1) }
        #expect(m.textTable() == "gold \\ pred neg pos\nneg          40   3\npos           5  52\n")
        let report = ClassificationReport(m).textTable()
        #expect(report.contains("accuracy") && report.contains("0.9200"))
        let svg = ConfusionHeatmap.svg(m)
        #expect(svg.hasPrefix("<svg") && svg.contains(">52</text>") && svg.hasSuffix("</svg>\n"))
        #expect(ConfusionHeatmap.escape("a<b&\"c\"") == "a&lt;b&amp;&quot;c&quot;")
        #expect(formatFixed(0.92, 4) == "0.9200" && formatFixed(1, 2) == "1.00" && formatFixed(0.00005, 4) == "0.0001")
    }
}
