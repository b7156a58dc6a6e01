import Testing
@testable import NLPTraining

@Suite struct DatasetReaderTests {
    func load(_ name: String, _ text: String, _ options: DatasetOptions = DatasetOptions(), labels: Bool = true) throws
        -> (examples: [LabeledText], report: DatasetReadReport) {
        try ClassificationData.load(bytes: Array(text.utf8), name: name, options: options, withLabels: labels)
    }

    @Test func csvQuotingEmbeddedNewlinesAndCRLF() throws {
        let csv = "text,label\r\n\"Hello, \"\"world\"\"\",greeting\r\n\"two\nlines\",other\r\nplain,x\r\n"
        let (ex, _) = try load("a.csv", csv)
        #expect(ex.map(\.text) == ["Hello, \"world\"", "two\nlines", "plain"])
        #expect(ex.map(\.label) == ["greeting", "other", "x"])
        #expect(ex.map(\.line) == [2, 3, 5])
    }

    @Test func csvLastRecordWithoutNewlineAndBlankLines() throws {
        let (ex, _) = try load("a.csv", "text,label\n\nfirst,a\n\n\"last, quoted\",b")
        #expect(ex.map(\.text) == ["first", "last, quoted"])
        #expect(ex.map(\.line) == [3, 5])
    }

    @Test func unterminatedQuoteNamesItsLine() throws {
        #expect(throws: DatasetError.unterminatedQuote(path: "a.csv", line: 3)) {
            try load("a.csv", "text,label\nok,a\n\"never closed,b\nmore\n")
        }
    }

    @Test func tsvHasNoQuoting() throws {
        let (ex, _) = try load("sst.tsv", "label\tsentence\n1\tit 's a \"charming\" film\n0\tdull , \"flat\n")
        #expect(ex.map(\.text) == ["it 's a \"charming\" film", "dull , \"flat"])
        #expect(ex.map(\.label) == ["1", "0"])
    }

    @Test func jsonlValuesAndKeyOrder() throws {
        let jsonl = "{\"text\": \"caf\\u00e9 😀\", \"label\": 3}\n\n{\"label\": [\"a\", \"b\"], \"text\": \"multi\"}\n"
        let (ex, _) = try load("d.jsonl", jsonl)
        #expect(ex.map(\.text) == ["café 😀", "multi"])
        #expect(ex.map(\.label) == ["3", "a|b"])
        #expect(ex.map(\.line) == [1, 3])
    }

    @Test func defaultColumnsByUsualNameThenPosition() throws {
        // SST-2: label first, the text column is called "sentence".
        #expect(try load("a.tsv", "label\tsentence\n1\tgood\n").examples[0].text == "good")
        // Banking77: "category" is a label name.
        #expect(try load("a.csv", "text,category\nhi,greet\n").examples[0].label == "greet")
        // Unknown names: first two columns, text then label.
        let ex = try load("a.csv", "foo,bar,baz\nx,y,z\n").examples[0]
        #expect(ex.text == "x" && ex.label == "y")
        // Headerless, columns named by position; several text columns joined with a space.
        var o = DatasetOptions(hasHeader: false, textColumns: ["2", "3"], labelColumn: "1", labelMap: ["1": "0", "2": "1"])
        let agnews = try load("t.csv", "\"2\",\"Title\",\"Body, text\"\n\"1\",\"T2\",\"B2\"\n", o).examples
        #expect(agnews.map(\.text) == ["Title Body, text", "T2 B2"])
        #expect(agnews.map(\.label) == ["1", "0"])
        o = DatasetOptions(hasHeader: false)
        #expect(try load("t.csv", "hello,1\n", o).examples[0].label == "1")
    }

    @Test func missingColumnListsTheAvailableOnes() throws {
        let o = DatasetOptions(labelColumn: "stars")
        #expect(throws: DatasetError.missingColumn(path: "r.csv", column: "stars", available: ["text", "rating", "date"])) {
            try load("r.csv", "text,rating,date\ngood,5,today\n", o)
        }
        let message = DatasetError.missingColumn(path: "r.csv", column: "stars", available: ["text", "rating"]).description
        #expect(message == "r.csv: no column \"stars\"; available: text, rating")
        #expect(throws: DatasetError.missingColumnDefault(path: "one.csv", role: "label", flag: "--label-column", available: ["text"])) {
            try load("one.csv", "text\nhello\n")
        }
    }

    @Test func emptyTextRowsAreSkippedAndCounted() throws {
        let (ex, report) = try load("a.csv", "text,label\nhi,a\n\"\",b\n   ,a\nyo,\nok,b\n")
        #expect(ex.map(\.text) == ["hi", "ok"])
        #expect(report.rows == 5 && report.kept == 2 && report.skippedEmptyText == 2 && report.skippedEmptyLabel == 1)
        #expect(report.firstSkippedLines == [3, 4, 5])
        #expect(report.skippedSummary == "a.csv: skipped 3 of 5 rows (2 with empty text, 1 with empty label; first at lines 3, 4, 5)")
    }

    @Test func invalidUTF8NamesTheLine() throws {
        var bytes = Array("text,label\nfine,a\n\"two\nlines ".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\",b\n".utf8)
        #expect(throws: DatasetError.invalidUTF8(path: "bad.csv", line: 4, place: "field 1", detail: "0xC3 0x28")) {
            try ClassificationData.load(bytes: bytes, name: "bad.csv")
        }
        #expect(throws: DatasetError.invalidUTF8(path: "bad.jsonl", line: 2, place: "byte 10", detail: "0xFF")) {
            try ClassificationData.load(bytes: Array("{\"text\":\"a\",\"label\":\"b\"}\n{\"text\":\"".utf8) + [0xFF] + Array("\"}\n".utf8),
                                        name: "bad.jsonl")
        }
    }

    @Test func tooFewFieldsAndBadJSON() throws {
        #expect(throws: DatasetError.tooFewFields(path: "a.csv", line: 3, found: 1, needed: 2)) {
            try load("a.csv", "text,label\nx,y\nlonely\n")
        }
        #expect(throws: DatasetError.invalidJSON(path: "a.jsonl", line: 1, detail: "not an object")) {
            try load("a.jsonl", "[1,2]\n")
        }
    }

    @Test func streamsAFileInSmallChunks() throws {
        var text = "text,label\n"
        for i in 0..<3000 { text += "\"row \(i), with a comma\nand a newline é\",\(i % 3)\n" }
        let path = try Fixtures.temporaryFile("big.csv", text)
        var count = 0, lastLine = 0
        let report = try ClassificationData.forEach(path: path) { ex in
            #expect(ex.text == "row \(count), with a comma\nand a newline é")
            count += 1
            lastLine = ex.line
        }
        #expect(count == 3000 && report.kept == 3000 && lastLine == 2 + 2 * 2999)
    }

    @Test func unreadableFilesAndUnknownFormats() throws {
        #expect(throws: DatasetError.unreadable(path: "/nonexistent/x.csv", reason: "no such file")) {
            try ClassificationData.load(path: "/nonexistent/x.csv")
        }
        #expect(throws: DatasetError.unknownFormat(path: "x.xlsx")) { try load("x.xlsx", "a,b\n") }
    }

    @Test func labelVocabularyOrderAndSingleClass() throws {
        #expect(try LabelVocabulary(fitting: ["10", "2", "1", "2"], path: "p").labels == ["1", "2", "10"])
        #expect(try LabelVocabulary(fitting: ["pos", "neg", "Neutral"], path: "p").labels == ["Neutral", "neg", "pos"])
        #expect(throws: DatasetError.singleClass(path: "p", label: "pos")) { try LabelVocabulary(fitting: ["pos", "pos"], path: "p") }
        #expect(try DatasetOptions.parseLabelMap("1=0,2=1") == ["1": "0", "2": "1"])
        #expect(throws: DatasetError.badLabelMap("oops")) { try DatasetOptions.parseLabelMap("oops") }
    }

    @Test func seededHoldOutIsReproducibleAndDisjoint() {
        let items = Array(0..<100)
        let a = DatasetSplit.holdOut(items, fraction: 0.1, seed: 7)
        let b = DatasetSplit.holdOut(items, fraction: 0.1, seed: 7)
        let c = DatasetSplit.holdOut(items, fraction: 0.1, seed: 8)
        #expect(a.heldOut == b.heldOut && a.heldOut.count == 10 && a.kept.count == 90)
        #expect(a.heldOut != c.heldOut)
        #expect(Set(a.kept).isDisjoint(with: a.heldOut))
        #expect(DatasetSplit.everyNth(Array(1...25), n: 10).heldOut == [10, 20])
    }
}
