import CNLPUnicode

/// The four Unicode normalisation forms (UAX #15), plus NFKC with case folding (NFKC_Casefold).
public enum NormalizationForm: String, CaseIterable, Sendable {
    case nfc, nfd, nfkc, nfkd, nfkcCasefold = "nfkc_cf"

    var icuForm: Int32 {
        switch self {
        case .nfc: return Int32(CNLP_NFC)
        case .nfd: return Int32(CNLP_NFD)
        case .nfkc: return Int32(CNLP_NFKC)
        case .nfkd: return Int32(CNLP_NFKD)
        case .nfkcCasefold: return Int32(CNLP_NFKC_CASEFOLD)
        }
    }
}

/// Normalisation through ICU. ASCII is in every form already, so it returns without a UTF-16 trip.
public enum Normalization {
    public static func normalize(_ text: String, _ form: NormalizationForm) -> String {
        if quickCheck(text, form) == .yes { return text } // ASCII and already-normal text: no UTF-16 trip
        return ICUBuffer.transform(text) { src, length, dest, capacity, status in
            cnlp_normalize(form.icuForm, src, length, dest, capacity, status)
        }
    }

    public static func isNormalized(_ text: String, _ form: NormalizationForm) -> Bool {
        let units = Array(text.utf16)
        var status: Int32 = 0
        return cnlp_is_normalized(form.icuForm, units, Int32(units.count), &status) == 1
    }

    /// True when `form` never merges `scalar` with the text before it: normalising the pieces
    /// between such boundaries one by one equals normalising the whole.
    public static func hasBoundaryBefore(_ scalar: Unicode.Scalar, _ form: NormalizationForm) -> Bool {
        cnlp_has_boundary_before(form.icuForm, Int32(bitPattern: scalar.value)) == 1
    }

    public static func combiningClass(_ scalar: Unicode.Scalar) -> Int {
        Int(cnlp_combining_class(Int32(bitPattern: scalar.value)))
    }
}

/// Runs an ICU string function that writes UTF-16 into a caller's buffer, growing on overflow.
enum ICUBuffer {
    typealias Function = (UnsafePointer<UInt16>, Int32, UnsafeMutablePointer<UInt16>, Int32, UnsafeMutablePointer<Int32>) -> Int32

    static func transform(_ text: String, _ function: Function) -> String {
        let source = Array(text.utf16)
        if source.isEmpty { return text }
        var capacity = source.count + source.count / 2 + 16
        while true {
            var status: Int32 = 0
            var output = [UInt16](repeating: 0, count: capacity)
            let length = source.withUnsafeBufferPointer { src in
                output.withUnsafeMutableBufferPointer { dest in
                    function(src.baseAddress!, Int32(src.count), dest.baseAddress!, Int32(capacity), &status)
                }
            }
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ || Int(length) > capacity {
                capacity = Int(length) + 16
                continue
            }
            precondition(status <= 0, "ICU failed with status \(status)")
            return String(decoding: output[0..<Int(length)], as: UTF16.self)
        }
    }
}
