import Testing
@testable import NLPChat
