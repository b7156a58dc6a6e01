import Testing
@testable import NLPTensor
@Test func placeholder() {}
