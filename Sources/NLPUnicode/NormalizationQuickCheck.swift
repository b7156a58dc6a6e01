import CNLPUnicode

/// The UAX #15 quick check run straight on UTF-8, so text that is already normal (nearly all
/// real text, for NFC) is proved so without copying it into UTF-16 for ICU.
///
/// Per scalar: a quick-check value of NO settles it; MAYBE (a character that might combine
/// with what precedes it) means only full normalisation can tell; combining marks out of
/// canonical order also settle it. Scalars below a per-form threshold need no lookup at all:
/// U+0000...U+02FF are inert for NFC, U+0000...U+00BF for NFD, U+0000...U+009F for NFKC/NFKD.
///
///     quickCheck("café", .nfc)        == .yes     (é is precomposed)
///     quickCheck("cafe\u{301}", .nfc) == .maybe   (U+0301 may compose with "e")
///     quickCheck("café", .nfd)        == .no
extension Normalization {
    public enum QuickCheck: Sendable { case yes, no, maybe }

    public static func quickCheck(_ text: String, _ form: NormalizationForm) -> QuickCheck {
        withUTF8Buffer(text) { quickCheck($0, form) }
    }

    public static func quickCheck(_ utf8: UnsafeBufferPointer<UInt8>, _ form: NormalizationForm) -> QuickCheck {
        guard let p = utf8.baseAddress else { return .yes }
        let inertBelow: UInt32
        switch form {
        case .nfc: inertBelow = 0x300
        case .nfd: inertBelow = 0xC0
        case .nfkc, .nfkd: inertBelow = 0xA0
        case .nfkcCasefold: return .maybe // no quick-check property (case folding changes ASCII)
        }
        let icuForm = form.icuForm
        let end = utf8.count
        var result = QuickCheck.yes
        var lastClass: Int32 = 0
        var i = 0
        while true {
            let next = UTF8Scalar.skipASCII(p, from: i, to: end)
            if next != i { lastClass = 0; i = next }
            if i == end { return result }
            let s = UTF8Scalar.decode(p, i, end)
            if !s.isValid { return .no } // not text: let ICU's replacement decide
            i += s.length
            if s.value < inertBelow { lastClass = 0; continue }
            let packed = cnlp_quick_check_cp(icuForm, Int32(bitPattern: s.value))
            let combiningClass = packed >> 8
            if combiningClass != 0 && lastClass > combiningClass { return .no }
            switch packed & 3 {
            case 0: return .no
            case 2: result = .maybe
            default: break
            }
            lastClass = combiningClass
        }
    }
}
