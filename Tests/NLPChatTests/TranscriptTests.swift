import Foundation
import Testing
@testable import NLPChat

@Suite struct TranscriptTests {
    @Test func appendsOneJSONObjectPerTurnAndKeepsWhatWasThere() throws {
        let path = NSTemporaryDirectory() + "transcript-\(UUID().uuidString).jsonl"
        try Data("{\"earlier\":true}\n".utf8).write(to: URL(fileURLWithPath: path))
        let engine = Bundled.engine()
        let writer = try TranscriptWriter(path: path)
        for line in ["I lost my card", "4821", "no"] { try writer.append(engine.respond(to: line)) }
        writer.close()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4 && lines[0] == "{\"earlier\":true}")
        let objects = try lines.dropFirst().map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.map { $0["user"] as? String } == ["I lost my card", "4821", "no"])
        #expect(objects[0]["reply"] as? String == "What are the last four digits of the card?")
        #expect((objects[1]["slots"] as? [String: String]) == ["card_last4": "4821"])
        #expect(objects[2]["action"] as? String == "denied")
        #expect((objects[0]["time"] as? String)?.hasSuffix("Z") == true)
        #expect((objects[0]["ranking"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func unwritablePathIsAClearError() {
        #expect(throws: BotDefinitionError.self) { try TranscriptWriter(path: "/nonexistent-dir/t.jsonl") }
    }
}
