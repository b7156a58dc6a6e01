import Testing
@testable import NLPUnicode

/// Every line of the Unicode Character Database's NormalizationTest.txt, all five columns, all
/// four forms, with the invariants stated in the file's header:
///
///     NFC:  c2 == toNFC(c1) == toNFC(c2) == toNFC(c3);   c4 == toNFC(c4) == toNFC(c5)
///     NFD:  c3 == toNFD(c1) == toNFD(c2) == toNFD(c3);   c5 == toNFD(c4) == toNFD(c5)
///     NFKC: c4 == toNFKC(c1) == ... == toNFKC(c5)
///     NFKD: c5 == toNFKD(c1) == ... == toNFKD(c5)
///
/// plus Part 1's rule that every code point not listed in its first column is invariant.
@Suite(.enabled(if: UnicodeDataFiles.normalizationTestAvailable,
                "skipped: /usr/share/unicode/NormalizationTest.txt(.bz2) absent (apt-get install unicode-data bzip2)"))
struct NormalizationConformanceTests {
    @Test func normalizationTestFile() throws {
        let file = try UnicodeDataFiles.normalizationTest()
        var lines = 0, failures = 0
        var part = ""
        var part1 = Set<UInt32>()
        for line in file.split(separator: "\n") {
            if line.hasPrefix("@") { part = String(line.prefix { $0 != " " && $0 != "\t" }); continue }
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).prefix(5).map(UnicodeDataFiles.scalars)
            guard fields.count == 5 else { continue }
            let (c1, c2, c3, c4, c5) = (fields[0], fields[1], fields[2], fields[3], fields[4])
            if part == "@Part1" { part1.insert(c1.unicodeScalars.first!.value) }
            lines += 1
            let expectations: [(NormalizationForm, [String], String)] = [
                (.nfc, [c1, c2, c3], c2), (.nfc, [c4, c5], c4),
                (.nfd, [c1, c2, c3], c3), (.nfd, [c4, c5], c5),
                (.nfkc, [c1, c2, c3, c4, c5], c4),
                (.nfkd, [c1, c2, c3, c4, c5], c5),
            ]
            for (form, sources, expected) in expectations {
                for source in sources where Normalization.normalize(source, form) != expected {
                    failures += 1
                    if failures <= 20 { Issue.record("\(form)(\(hex(source))) != \(hex(expected)): \(line)") }
                }
            }
        }
        #expect(lines > 15_000, "NormalizationTest.txt looks truncated: \(lines) lines")
        #expect(failures == 0)
        print("NormalizationTest: \(lines) lines x 4 forms (5 columns each), \(failures) failures")

        // Part 1: all other code points are invariant under all four forms.
        var invariant = 0, varying = 0
        for value in UInt32(0)...0x10FFFF where !part1.contains(value) {
            guard let scalar = Unicode.Scalar(value) else { continue } // surrogates
            let text = String(scalar)
            for form in [NormalizationForm.nfc, .nfd, .nfkc, .nfkd] where Normalization.normalize(text, form) != text {
                varying += 1
                if varying <= 20 { Issue.record("U+\(String(value, radix: 16)) not invariant under \(form)") }
            }
            invariant += 1
        }
        #expect(varying == 0)
        print("NormalizationTest Part 1 invariance: \(invariant) other code points x 4 forms, \(varying) failures")
    }

    func hex(_ s: String) -> String { s.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " ") }
}
