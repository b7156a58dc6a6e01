/// The confusion matrix as an SVG picture (written as `confusion.svg` in the model directory):
/// one cell per (gold, predicted) pair, shaded by the row-normalised count so that small classes
/// are as visible as big ones, the count printed in the cell when the grid is small enough to read.
public enum ConfusionHeatmap {
    public static func svg(_ m: ConfusionMatrix, title: String = "Confusion matrix") -> String {
        let n = m.classCount
        let cell = n <= 12 ? 40 : (n <= 40 ? 16 : 10)
        let labelWidth = min(220, 8 + 7 * (m.labels.map(\.count).max() ?? 1))
        let top = 40 + labelWidth
        let left = labelWidth
        let width = left + n * cell + 20
        let height = top + n * cell + 40
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" font-family="sans-serif" font-size="\(cell >= 40 ? 12 : 9)">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="20" font-size="14">\(escape(title)) (rows: gold, columns: predicted)</text>

        """
        for c in 0..<n {
            let x = left + c * cell + cell / 2 + 4
            out += "<text transform=\"translate(\(x),\(top - 6)) rotate(-90)\">\(escape(m.labels[c]))</text>\n"
        }
        for r in 0..<n {
            let rowTotal = max(1, m.goldCount(r))
            let y = top + r * cell
            out += "<text x=\"\(left - 6)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\">\(escape(m.labels[r]))</text>\n"
            for c in 0..<n {
                let share = Double(m[r, c]) / Double(rowTotal)
                // White (0) to dark blue (1): lerp each channel.
                let red = Int(247 - share * (247 - 8)), green = Int(251 - share * (251 - 48)), blue = Int(255 - share * (255 - 107))
                out += "<rect x=\"\(left + c * cell)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"rgb(\(red),\(green),\(blue))\" stroke=\"#ddd\"/>"
                if cell >= 16 && m[r, c] > 0 {
                    let ink = share > 0.5 ? "white" : "black"
                    out += "<text x=\"\(left + c * cell + cell / 2)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\" fill=\"\(ink)\">\(m[r, c])</text>"
                }
                out += "\n"
            }
        }
        out += "</svg>\n"
        return out
    }

    static func escape(_ s: String) -> String {
        var r = ""
        for ch in s {
            switch ch {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            default: r.append(ch)
            }
        }
        return r
    }
}
