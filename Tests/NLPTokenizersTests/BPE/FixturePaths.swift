import Foundation
@testable import NLPTokenizers

/// Files under Tests/NLPTokenizersTests/Fixtures, and models loaded from them once.
enum Fixtures {
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)?.path
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/\(name)").path
    }

    static let gpt2: BPEModel = try! BPEModel.loadTiktoken(path: path("gpt2.tiktoken"))
}
