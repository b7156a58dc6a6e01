import Testing
@testable import NLPUnicode
@Test func linksICU() { #expect(!icuUnicodeVersion.isEmpty) }
