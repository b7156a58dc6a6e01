import Testing
@testable import NLPTokenizers

func encodeGPT2(_ text: String, model: BPEModel = Fixtures.gpt2) -> [Int32] {
    let bytes = Array(text.utf8)
    var out = TokenBuffer()
    bytes.withUnsafeBufferPointer { buffer in
        var pieces: [Range<Int>] = []
        GPT2Splitter.split(buffer, range: 0..<buffer.count, into: &pieces)
        for piece in pieces {
            let before = out.count
            model.tokenize(UnsafeBufferPointer(rebasing: buffer[piece]), into: &out)
            for k in before..<out.count {
                out.starts[k] += Int32(piece.lowerBound)
                out.ends[k] += Int32(piece.lowerBound)
            }
        }
    }
    return out.ids
}

@Suite struct BPEModelTests {
    @Test func gpt2HelloWorld() {
        #expect(encodeGPT2("Hello world") == [15496, 995])
    }
}
