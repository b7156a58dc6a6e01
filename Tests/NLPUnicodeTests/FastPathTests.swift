import CNLPUnicode
import Testing
@testable import NLPUnicode

/// The shortcuts that skip ICU must never change an answer: checked against the full ICU path
/// for every assigned code point.
struct FastPathTests {
    static let assigned: [Unicode.Scalar] = (UInt32(0x80)...0x10FFFF).compactMap { value in
        guard let scalar = Unicode.Scalar(value) else { return nil }
        switch GeneralCategory(scalar) {
        case .unassigned, .privateUse, .surrogate: return nil
        default: return scalar
        }
    }

    @Test func lowercasingShortcutAgreesWithICU() {
        var checked = 0
        for scalar in Self.assigned {
            let text = "A" + String(scalar) + "Σ" // give context-sensitive rules something to see
            let probe = String(scalar)
            guard CaseMapping.hasNoUppercase(probe) else { continue }
            checked += 1
            for locale in ["", "tr", "lt"] {
                let icu = locale.withCString { l in
                    ICUBuffer.transform(text) { cnlp_to_lower(l, $0, $1, $2, $3, $4) }
                }
                #expect(icu.unicodeScalars.dropFirst().first == scalar, "U+\(String(scalar.value, radix: 16)) \(locale)")
            }
        }
        #expect(checked > 100_000)
    }

    @Test func accentShortcutAgreesWithFullPath() {
        var checked = 0
        for scalar in Self.assigned where AccentStripping.hasNothingToStrip(String(scalar)) {
            checked += 1
            let decomposed = Normalization.normalize(String(scalar), .nfd).unicodeScalars.filter { GeneralCategory($0) != .nonspacingMark }
            #expect(Normalization.normalize(String(String.UnicodeScalarView(decomposed)), .nfc) == String(scalar))
        }
        #expect(checked > 100_000)
    }
}
