// Tokenise a file with any supported vocabulary and print, per line, the tokens and the text
// each token covers: a small tour of the library behind `nlp tokenize`.
//
//     swift run tokenize-file vocab/wordpiece-en-zh-8k.json corpora/en/fiction.txt
import Foundation
import NLPTokenizers

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let vocabPath = arguments.first, let textPath = arguments.last else {
    FileHandle.standardError.write(Data("usage: tokenize-file VOCAB TEXTFILE\n".utf8))
    exit(2)
}
do {
    let tokenizer = try Tokenizer.load(path: vocabPath)
    let text = try String(contentsOfFile: textPath, encoding: .utf8)
    var tokenCount = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(3) {
        let encoding = try tokenizer.encode(String(line))
        tokenCount += encoding.count
        let bytes = Array(line.utf8)
        let pieces = zip(encoding.tokens, encoding.offsets).prefix(12).map { token, range in
            "\(token)=\"\(String(decoding: bytes[range], as: UTF8.self))\""
        }
        print(pieces.joined(separator: " "), encoding.count > 12 ? "..." : "")
        print("round trip:", tokenizer.decode(encoding.ids).prefix(60))
    }
    print("\(tokenCount) tokens, vocabulary of \(tokenizer.vocabularySize(withAddedTokens: true))")
} catch {
    FileHandle.standardError.write(Data("tokenize-file: \(error)\n".utf8))
    exit(1)
}
