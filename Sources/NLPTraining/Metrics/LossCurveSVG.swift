import Foundation

/// A loss-curve picture as a small hand-written SVG (no plotting library): training loss
/// (blue), validation loss (orange, with dots), and the unigram baseline as a dashed grey line,
/// over optimiser steps, with labelled axes. Opens in any browser.
///
///     let svg = LossCurveSVG.render(train: [(10, 8.9), (20, 7.1)], validation: [(20, 7.4)], baseline: 6.2)
public enum LossCurveSVG {
    public static func render(train: [(step: Int, loss: Double)], validation: [(step: Int, loss: Double)],
                              baseline: Double?, title: String = "masked-LM loss (nats)") -> String {
        let width = 720.0, height = 420.0
        let left = 64.0, right = 20.0, top = 36.0, bottom = 48.0
        let plotW = width - left - right, plotH = height - top - bottom
        let all = (train.map(\.loss) + validation.map(\.loss) + (baseline.map { [$0] } ?? [])).filter(\.isFinite)
        let steps = train.map(\.step) + validation.map(\.step)
        let minStep = Double(steps.min() ?? 0), maxStep = Double(max(steps.max() ?? 1, (steps.min() ?? 0) + 1))
        var lo = all.min() ?? 0, hi = all.max() ?? 1
        if hi - lo < 1e-9 { hi = lo + 1 }
        let pad = (hi - lo) * 0.05
        lo = max(0, lo - pad); hi += pad
        func x(_ s: Double) -> Double { left + (s - minStep) / (maxStep - minStep) * plotW }
        func y(_ v: Double) -> Double { top + (hi - v) / (hi - lo) * plotH }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        func label(_ v: Double) -> String { abs(v) >= 100 ? String(format: "%.0f", v) : String(format: "%.2f", v) }

        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(f(width / 2))" y="20" text-anchor="middle" font-size="14">\(escape(title))</text>

        """
        // Grid and ticks: 5 horizontal, 6 vertical.
        for i in 0...5 {
            let v = lo + (hi - lo) * Double(i) / 5
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(v)))\" stroke=\"#eee\"/>\n"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(label(v))</text>\n"
        }
        for i in 0...6 {
            let s = minStep + (maxStep - minStep) * Double(i) / 6
            svg += "<line x1=\"\(f(x(s)))\" y1=\"\(f(top))\" x2=\"\(f(x(s)))\" y2=\"\(f(top + plotH))\" stroke=\"#eee\"/>\n"
            svg += "<text x=\"\(f(x(s)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">\(Int(s.rounded()))</text>\n"
        }
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#444\"/>\n"
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">step</text>\n"
        if let baseline, baseline.isFinite {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(baseline)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(baseline)))\" stroke=\"#888\" stroke-dasharray=\"6 4\"/>\n"
        }
        func polyline(_ points: [(step: Int, loss: Double)], color: String) -> String {
            let p = points.filter { $0.loss.isFinite }.map { "\(f(x(Double($0.step)))),\(f(y($0.loss)))" }.joined(separator: " ")
            return "<polyline points=\"\(p)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"/>\n"
        }
        if !train.isEmpty { svg += polyline(train, color: "#1f77b4") }
        if !validation.isEmpty {
            svg += polyline(validation, color: "#ff7f0e")
            for p in validation where p.loss.isFinite {
                svg += "<circle cx=\"\(f(x(Double(p.step))))\" cy=\"\(f(y(p.loss)))\" r=\"3\" fill=\"#ff7f0e\"/>\n"
            }
        }
        // Legend.
        var ly = top + 14
        let lx = left + plotW - 170
        for (name, color, dash) in [("train loss", "#1f77b4", ""), ("validation loss", "#ff7f0e", ""),
                                    ("unigram baseline", "#888", " stroke-dasharray=\"6 4\"")] {
            if name == "unigram baseline" && baseline == nil { continue }
            svg += "<line x1=\"\(f(lx))\" y1=\"\(f(ly - 4))\" x2=\"\(f(lx + 24))\" y2=\"\(f(ly - 4))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
            svg += "<text x=\"\(f(lx + 30))\" y=\"\(f(ly))\">\(name)</text>\n"
            ly += 16
        }
        svg += "</svg>\n"
        return svg
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
