import CNLPUnicode

/// The Unicode version of the ICU this build links, e.g. "15.0".
public var icuUnicodeVersion: String {
    var buffer = [CChar](repeating: 0, count: 32)
    cnlp_icu_unicode_version(&buffer, 32)
    return String(cString: buffer)
}
