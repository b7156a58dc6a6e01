import Foundation

/// Debian's unicode-data package (/usr/share/unicode), read by the conformance tests.
/// CI installs it; elsewhere the tests skip with a message naming the missing file.
enum UnicodeDataFiles {
    static let directory = ProcessInfo.processInfo.environment["UNICODE_DATA_DIR"] ?? "/usr/share/unicode"

    static func path(_ name: String) -> String { directory + "/" + name }

    /// NormalizationTest.txt, plain if present, otherwise decompressed from Debian's .bz2 with bzcat.
    static var normalizationTestAvailable: Bool {
        FileManager.default.fileExists(atPath: path("NormalizationTest.txt"))
            || (FileManager.default.fileExists(atPath: path("NormalizationTest.txt.bz2"))
                && FileManager.default.isExecutableFile(atPath: "/usr/bin/bzcat"))
    }

    static func normalizationTest() throws -> String {
        if let plain = try? String(contentsOfFile: path("NormalizationTest.txt"), encoding: .utf8) { return plain }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/bzcat")
        process.arguments = [path("NormalizationTest.txt.bz2")]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile() // read before waiting: no pipe deadlock
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return String(decoding: data, as: UTF8.self)
    }

    static func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    static func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// "0044 0307" -> "\u{44}\u{307}"
    static func scalars(_ hex: Substring) -> String {
        var view = String.UnicodeScalarView()
        for field in hex.split(separator: " ") { view.append(Unicode.Scalar(UInt32(field, radix: 16)!)!) }
        return String(view)
    }
}

/// One line of a UAX #29 test file (GraphemeBreakTest, WordBreakTest, SentenceBreakTest):
/// `÷ 0041 × 0308 ÷ 0020 ÷	# comment`, where ÷ marks a boundary and × its absence.
struct BreakTestCase {
    var lineNumber: Int
    var text: String
    /// UTF-8 offsets of the expected boundaries, excluding 0 (the start is always one).
    var boundaries: [Int]
    var source: String

    static func parse(_ file: String) -> [BreakTestCase] {
        var cases: [BreakTestCase] = []
        for (index, line) in file.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let data = line.prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
            if data.isEmpty { continue }
            var text = String.UnicodeScalarView()
            var boundaries: [Int] = []
            var offset = 0
            for token in data.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                switch token {
                case "÷": if offset > 0 { boundaries.append(offset) }
                case "×": break
                default:
                    let scalar = Unicode.Scalar(UInt32(token, radix: 16)!)!
                    text.append(scalar)
                    offset += String(scalar).utf8.count
                }
            }
            cases.append(BreakTestCase(lineNumber: index + 1, text: String(text), boundaries: boundaries, source: String(line)))
        }
        return cases
    }
}
