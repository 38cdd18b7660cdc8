import Foundation
import Testing

@testable import DataQuality

private let preambleRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func fixtureBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: preambleRoot.appendingPathComponent(path)))
}

private func profile(_ text: String, _ configure: (inout ProfileOptions) -> Void = { _ in }) throws -> Report {
    var options = ProfileOptions()
    configure(&options)
    return try Profiler(options: options).profile(bytes: Array(text.utf8))
}

private func profile(fixture path: String, _ configure: (inout ProfileOptions) -> Void = { _ in }) throws -> Report {
    var options = ProfileOptions()
    configure(&options)
    return try Profiler(options: options).profile(bytes: try fixtureBytes(path), sourceName: path)
}

/// The preamble of the contract's "What is read, in order", steps 3 to 5: `linesToSkip`, Excel's `sep=` line and
/// comment lines (`commentByte`). Line numbers count every line; byte offsets keep their meaning. Values counted
/// by hand from the fixtures in Fixtures/preambles (Fixtures/README.md says what each holds).
@Suite struct PreambleTests {
    /// `three-lines.csv` is `first line` LF `second line` CRLF `third line` (no final line ending).
    @Test func skippingMoreLinesThanTheTextHasSkipsItAll() throws {
        let report = try profile(fixture: "Fixtures/preambles/three-lines.csv") { $0.linesToSkip = 5 }
        #expect(report.source.skippedLines == 3)
        #expect(report.options.linesToSkip == 5)
        #expect(report.rows == 0)
        #expect(report.blankLines == 0)
        #expect(report.columns.isEmpty)
        #expect(report.findings.map(\.kind) == [.noData])
        #expect(report.source.bytes == 34)
    }

    /// Two lines skipped (the second ends in CRLF): the header is `third line`, on line 3.
    @Test func skippedLinesCountInLineNumbers() throws {
        let report = try profile(fixture: "Fixtures/preambles/three-lines.csv") { $0.linesToSkip = 2 }
        #expect(report.source.skippedLines == 2)
        #expect(report.columns.map(\.name) == ["third line"])
        // A data record after the skipped lines and the header: its line and offset count the skipped bytes.
        let withData = try profile("skip me \"odd\" quote\"\nid,v\n1,\n") { $0.linesToSkip = 1 }
        #expect(withData.rows == 1)
        let null = try #require(withData.columns[1].findings.first { $0.kind == .null })
        #expect(null.firstLine == 3)
        let duplicated = try profile("title\nid,v\n1,a\n1,a\n") { $0.linesToSkip = 1 }
        let duplicate = try #require(duplicated.findings.first { $0.kind == .duplicateRow })
        // 6 bytes of title, 5 of header, 4 of the first row: the repeat starts at byte 15, line 4.
        #expect(duplicate.firstLine == 4)
        #expect(duplicate.byteOffset == 15)
    }

    /// Shared case 51: `sep=;` names the delimiter and is no record; the header is line 2.
    @Test func theSeparatorLineNamesTheDelimiter() throws {
        let report = try profile(fixture: "Fixtures/preambles/excel-sep-line.csv")
        #expect(report.source.separatorLine)
        #expect(report.source.delimiter == UInt8(ascii: ";"))
        #expect(!report.source.delimiterWasDetected)
        #expect(report.source.skippedLines == 0)
        #expect(report.rows == 4)
        #expect(report.raggedRows == 0)
        #expect(report.blankLines == 0)
        #expect(report.columns.map(\.name) == ["Name", "Betrag", "Datum"])
        let null = try #require(report.columns[1].findings.first { $0.kind == .null })
        #expect(null.firstLine == 5)
    }

    /// A given delimiter wins over the `sep=` line, which is still no record: `,` cuts `Müller;1.234,56;...` in
    /// two, so lines 3, 4 and 6 have 2 fields against a header of 1 (line 5, `Weber;;15.01.2024`, has none).
    @Test func aGivenDelimiterWinsOverTheSeparatorLine() throws {
        let report = try profile(fixture: "Fixtures/preambles/excel-sep-line.csv") { $0.delimiter = UInt8(ascii: ",") }
        #expect(report.source.separatorLine)
        #expect(report.source.delimiter == UInt8(ascii: ","))
        #expect(report.columns.map(\.name) == ["Name;Betrag;Datum"])
        #expect(report.rows == 4)
        #expect(report.raggedRows == 3)
        #expect(report.findings.first { $0.kind == .raggedRow }?.firstLine == 3)
    }

    @Test func aSeparatorLineMayFollowTheSkippedLines() throws {
        let report = try profile("title\nsep=|\na|b\n1|\n") { $0.linesToSkip = 1 }
        #expect(report.source.skippedLines == 1)
        #expect(report.source.separatorLine)
        #expect(report.source.delimiter == UInt8(ascii: "|"))
        #expect(report.columns.map(\.name) == ["a", "b"])
        #expect(report.columns[1].findings.first { $0.kind == .null }?.firstLine == 4)
    }

    /// `sep=` and the comment byte, or the quote, or nothing, or more bytes: no `sep=` line, the line is read.
    @Test(arguments: [
        ("sep=#\na,b\n1,2\n", "sep=#"), ("sep=\"x\na,b\n1,2\n", "sep=\"x"), ("sep=\na,b\n1,2\n", "sep="),
        ("sep=;;\na,b\n1,2\n", "sep=;;")
    ])
    func aLineThatOnlyLooksLikeASeparatorLineIsRead(_ text: String, _ header: String) throws {
        let report = try profile(text) { $0.commentByte = UInt8(ascii: "#") }
        #expect(!report.source.separatorLine)
        #expect(report.columns.first?.name == header)
    }

    /// Shared case 53: lines 1, 2, 5 and 10 are comments; line 9 starts with `#` inside a quoted field.
    @Test func commentLinesStandAnywhereARecordWouldBegin() throws {
        let report = try profile(fixture: "Fixtures/preambles/comment-lines.csv") { $0.commentByte = UInt8(ascii: "#") }
        #expect(report.commentLines == 4)
        #expect(report.blankLines == 1)
        #expect(report.rows == 3)
        #expect(report.columns.map(\.name) == ["id", "status", "score"])
        let blank = try #require(report.findings.first)
        #expect(blank.kind == .blankLine)
        #expect(blank.firstLine == 7)
        #expect(blank.byteOffset == 109)
        #expect(report.columns[1].max == .text("open\n# inside quotes: not a comment"))
        #expect(report.columns[1].distinct == 3)
        #expect(report.grade == .a)
    }

    /// Without the option the same file reads its comment lines as records.
    @Test func withoutACommentByteNothingIsAComment() throws {
        let report = try profile(fixture: "Fixtures/preambles/comment-lines.csv")
        #expect(report.commentLines == 0)
        #expect(report.columns.first?.name == "# exported by tool X")
    }

    /// `hash-inside-records.csv`: only line 3 (`#2,blue,c`) starts with `#` where a record begins.
    @Test func theCommentByteInsideARecordIsData() throws {
        let report = try profile(fixture: "Fixtures/preambles/hash-inside-records.csv") {
            $0.commentByte = UInt8(ascii: "#")
        }
        #expect(report.commentLines == 1)
        #expect(report.rows == 2)
        #expect(report.columns[1].topValues.map(\.value).sorted() == ["#red", "green#"])
        #expect(report.columns[2].topValues.map(\.value).sorted() == ["#d", "a#b"])
    }

    /// Comment lines full of `;` would make `;` the delimiter; the sniffer steps over them.
    @Test func theSnifferIgnoresCommentLines() throws {
        let text = "# a;b;c;d\n# e;f;g;h\n# i;j;k;l\n# m;n;o;p\nid,name\n1,x\n2,y\n"
        #expect(try profile(text).source.delimiter == UInt8(ascii: ";"))
        let report = try profile(text) { $0.commentByte = UInt8(ascii: "#") }
        #expect(report.source.delimiter == UInt8(ascii: ","))
        #expect(report.commentLines == 4)
        #expect(report.columns.map(\.name) == ["id", "name"])
        // A candidate equal to the comment byte is not tried.
        let piped = try profile("|x\n|y\na,b\n1,2\n") { $0.commentByte = UInt8(ascii: "|") }
        #expect(piped.source.delimiter == UInt8(ascii: ","))
    }

    @Test(arguments: [
        (UInt8(0x0D), nil, "commentByte must be a single byte other than CR and LF."),
        (UInt8(0x0A), nil, "commentByte must be a single byte other than CR and LF."),
        (UInt8(ascii: "\""), ProfileOption.quote, "commentByte must differ from quote."),
        (UInt8(ascii: ";"), ProfileOption.delimiter, "commentByte must differ from delimiter.")
    ])
    func aCommentByteThatCannotBeOneIsATypedError(_ byte: UInt8, _ setting: ProfileOption?, _ message: String) {
        var options = ProfileOptions()
        options.delimiter = UInt8(ascii: ";")
        options.commentByte = byte
        let error = #expect(throws: ProfileError.self) { try options.validate() }
        #expect(error?.problem == .commentByteNotAllowed(equals: setting))
        #expect(error?.code == .invalidOption)
        #expect(error?.description == message)
    }

    @Test func negativeLinesToSkipIsATypedError() {
        var options = ProfileOptions()
        options.linesToSkip = -1
        let error = #expect(throws: ProfileError.self) { try options.validate() }
        #expect(error?.problem == .negative(.linesToSkip))
        #expect(error?.description == "linesToSkip must be a whole number, at least 0.")
    }

    /// Fed in pieces of any size, the preamble is found as in one piece; a preamble past the first 64 KiB too.
    @Test(arguments: [1, 2, 5, 64, 70_000])
    func piecesGiveTheSameReport(_ size: Int) throws {
        let longPreamble =
            String(repeating: "an export note of forty-nine bytes, \"odd quote.\n", count: 2_000)
            + "sep=;\nid;v\n1;a\n# note\n2;\n"
        let inputs: [([UInt8], (inout ProfileOptions) -> Void)] = [
            (try fixtureBytes("Fixtures/preambles/excel-sep-line.csv"), { _ in }),
            (try fixtureBytes("Fixtures/preambles/comment-lines.csv"), { $0.commentByte = UInt8(ascii: "#") }),
            (try fixtureBytes("Fixtures/preambles/three-lines.csv"), { $0.linesToSkip = 2 }),
            (Array("a\r\nsep=,\r\nx,y\r\n1,2\r".utf8), { $0.linesToSkip = 1 }),
            (
                Array(longPreamble.utf8),
                {
                    $0.linesToSkip = 2_000
                    $0.commentByte = UInt8(ascii: "#")
                }
            )
        ]
        for (bytes, configure) in inputs {
            var options = ProfileOptions()
            configure(&options)
            let whole = try Profiler(options: options).profile(bytes: bytes)
            let driver = try ByteStreamDriver(options: options)
            for start in stride(from: 0, to: bytes.count, by: size) {
                try driver.feed(Array(bytes[start..<min(start + size, bytes.count)]))
            }
            #expect(try driver.finish() == whole)
        }
        var options = ProfileOptions()
        options.linesToSkip = 2_000
        options.commentByte = UInt8(ascii: "#")
        let long = try Profiler(options: options).profile(bytes: Array(longPreamble.utf8))
        #expect(long.source.skippedLines == 2_000)
        #expect(long.source.separatorLine)
        #expect(long.commentLines == 1)
        #expect(long.rows == 2)
        #expect(long.columns[1].findings.first { $0.kind == .null }?.firstLine == 2_005)
    }

    /// A state file keeps the preamble and the comment lines, and merging it gives them back; states read with
    /// another comment byte are not merged.
    @Test func aStateKeepsThePreambleAndTheCommentLines() throws {
        var options = ProfileOptions()
        options.linesToSkip = 1
        options.commentByte = UInt8(ascii: "#")
        let bytes = Array("title\nsep=;\n# note\nid;v\n1;a\n# again\n2;\n".utf8)
        let direct = try Profiler(options: options).profile(bytes: bytes, sourceName: "p.csv")
        let state = try Profiler(options: options).partialProfile(bytes: bytes, sourceName: "p.csv")
        let merged = try PartialProfile.merge([try PartialProfile(decoding: state.encoded, name: "p.state")])
        #expect(merged.commentLines == 2)
        #expect(merged.source.skippedLines == 1)
        #expect(merged.source.separatorLine)
        #expect(merged.options.linesToSkip == 1)
        #expect(merged.options.commentByte == UInt8(ascii: "#"))
        #expect(merged.columns == direct.columns)
        #expect(merged.findings == direct.findings)
        #expect(direct.columns[1].findings.first { $0.kind == .null }?.firstLine == 7)
        options.commentByte = UInt8(ascii: "%")
        let other = try Profiler(options: options).partialProfile(bytes: Array("id;v\n3;c\n".utf8), sourceName: "q.csv")
        let refused = #expect(throws: ProfileError.self) { try PartialProfile.merge([state, other]) }
        #expect(refused?.message.contains("comment \"#\" vs \"%\"") == true, "\(String(describing: refused))")
    }

    /// The preamble finder on its own: nil while the held bytes cannot decide.
    @Test func thePreambleWaitsForTheBytesThatDecideIt() throws {
        var options = ProfileOptions()
        options.linesToSkip = 1
        func preamble(_ text: String, whole: Bool) -> Preamble? {
            Array(text.utf8).withUnsafeBytes { Preamble(text: $0, isWholeText: whole, options: options) }
        }
        #expect(preamble("title", whole: false) == nil)
        #expect(preamble("title\r", whole: false) == nil)
        #expect(preamble("title\r\nse", whole: false) == nil)
        #expect(preamble("title\r\nsep=;", whole: false) == nil)
        #expect(preamble("title\r\nsep=;\r", whole: false) == nil)
        #expect(preamble("title\r\nsep=;\r\n", whole: false)?.length == 14)
        #expect(preamble("title\r\nsep=;\r\n", whole: false)?.firstRecordLine == 3)
        #expect(preamble("title\r\nsep=;", whole: true)?.separatorLineDelimiter == UInt8(ascii: ";"))
        #expect(preamble("title\r\nid,v", whole: false)?.separatorLineDelimiter == nil)
        #expect(preamble("title\r\nid,v", whole: false)?.length == 7)
        #expect(preamble("title\rsep=;\rid", whole: false)?.length == 12)
    }
}

/// The hint for a file whose field count settles only after its first lines (issue 14, item 7).
@Suite struct PreambleHintTests {
    /// `title-preamble.csv`: two title lines and a blank line above a header of 4 fields.
    @Test func aTitleAboveTheHeaderGetsTheHintToSkipLines() throws {
        let report = try profile(fixture: "Fixtures/preambles/title-preamble.csv")
        #expect(report.columns.map(\.name) == ["Sales export 2024"])
        #expect(report.raggedRows == 5)
        let hint = try #require(report.source.preambleHint)
        #expect(hint == PreambleHint(lines: 3, fieldsBefore: 1, fieldsAfter: 4))
        #expect(
            hint.commandLineText
                == "the first 3 lines have 1 field and later lines have 4: a preamble? try --skip-lines 3")
        #expect(
            hint.description
                == "the first 3 lines have 1 field and later lines have 4: a preamble? set linesToSkip to 3")
        #expect(report.source.delimiterAlternative == nil)
        let table = TableReportRenderer(width: 100, color: false).render(report)
        #expect(table.contains("the first 3 lines have 1 field and later lines have 4: a preamble? try --skip-lines 3"))
        #expect(!table.contains("give --delimiter"))
        // With the lines skipped the file reads as it should, and no hint is left.
        let skipped = try profile(fixture: "Fixtures/preambles/title-preamble.csv") { $0.linesToSkip = 3 }
        #expect(skipped.columns.map(\.name) == ["id", "region", "amount", "date"])
        #expect(skipped.raggedRows == 0)
        #expect(skipped.source.preambleHint == nil)
    }

    /// A given delimiter gets the same hint; one title line is `the first line has`.
    @Test func aGivenDelimiterGetsTheHintToo() throws {
        let report = try profile("Report\na;b;c\n1;2;3\n4;5;6\n") { $0.delimiter = UInt8(ascii: ";") }
        #expect(report.source.preambleHint == PreambleHint(lines: 1, fieldsBefore: 1, fieldsAfter: 3))
        #expect(
            report.source.preambleHint?.commandLineText
                == "the first line has 1 field and later lines have 3: a preamble? try --skip-lines 1")
    }

    /// No hint when the first lines are not a preamble: a header wider than the rows, rows ragged all along, or
    /// a settled count that is not the majority.
    @Test(arguments: [
        "a,b,c,d\n1,2,3\n4,5,6\n7,8,9\n", "a,b\n1,2,3\n4,5\n6,7,8\n", "a\nb\nc\n1,2\n3,4\n", "a,b\n1,2\n3,4\n"
    ])
    func noHintWithoutAPreamble(_ text: String) throws {
        #expect(try profile(text).source.preambleHint == nil)
    }
}

/// The contract's "Not a CSV" rule (issue 14, item 8): typed errors, checked before anything is read.
@Suite struct NotCSVTests {
    @Test(arguments: [
        ("Fixtures/not-csv/zip-archive.zip", NotCSVKind.zipArchive),
        ("Fixtures/not-csv/elf-header.bin", .elfExecutable),
        (
            "Fixtures/not-csv/utf16le-no-bom.csv",
            .utf16WithoutByteOrderMark(bigEndian: false, nulPercent: 50, window: 98)
        ),
        ("Fixtures/not-csv/utf16be-no-bom.csv", .utf16WithoutByteOrderMark(bigEndian: true, nulPercent: 50, window: 98))
    ])
    func aFileThatIsNoCSVIsATypedError(_ path: String, _ kind: NotCSVKind) throws {
        let file = preambleRoot.appendingPathComponent(path).path
        let error = #expect(throws: ProfileError.self) { try Profiler().profile(fileAt: file) }
        #expect(error?.code == .notCSV)
        #expect(error?.problem == .notCSV(kind))
        #expect(error?.path == file)
        let fromBytes = #expect(throws: ProfileError.self) { try Profiler().profile(bytes: try fixtureBytes(path)) }
        #expect(fromBytes?.problem == .notCSV(kind))
    }

    @Test(arguments: [
        ([0x42, 0x5A, 0x68, 0x39, 0x31], NotCSVKind.bzip2Stream), ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], .xzStream),
        (Array("PAR1xxxx".utf8), .parquetFile), (Array("%PDF-1.7\n".utf8), .pdfDocument),
        ([0, 0, 1, 0, 0, 0, 2, 0], .binaryData(nulPercent: 75, window: 8))
    ])
    func eachSignatureIsNamed(_ bytes: [UInt8], _ kind: NotCSVKind) {
        #expect(bytes.withUnsafeBytes { NotCSVKind(firstBytes: $0) } == kind)
    }

    /// Text is text: `BZh` without a digit, a quarter of NULs exactly, and UTF-16 with a byte order mark.
    @Test(arguments: [
        Array("BZhx,y\n".utf8), [0x61, 0x2C, 0x62, 0], [0xFF, 0xFE, 0x61, 0, 0x2C, 0, 0x62, 0], Array("a,b\n".utf8)
    ])
    func textIsNotRefused(_ bytes: [UInt8]) {
        #expect(bytes.withUnsafeBytes { NotCSVKind(firstBytes: $0) } == nil)
    }

    /// The NULs are counted over the first 64 KiB only.
    @Test func nulsAreCountedInTheFirst64KiB() {
        let bytes = [UInt8](repeating: 0x61, count: 65_536) + [UInt8](repeating: 0, count: 100_000)
        #expect(bytes.withUnsafeBytes { NotCSVKind(firstBytes: $0) } == nil)
    }

    @Test func theMessagesSayWhatTheInputIsAndWhatToDo() {
        let little = NotCSVKind.utf16WithoutByteOrderMark(bigEndian: false, nulPercent: 50, window: 98)
        #expect(
            ProfileError(.notCSV(little), path: "x.csv").description
                == "x.csv: not a CSV as it stands: the input looks like UTF-16LE without a byte order mark (50% of the first 98 bytes are NUL, every one at an odd offset): try encoding utf-16le."
        )
        #expect(
            ProfileError(.notCSV(.zipArchive)).description
                == "not a CSV: the input starts like a ZIP archive (a .zip file, or an .xlsx, .ods or .docx one): unzip it, or export the sheet as CSV."
        )
    }
}

/// Parallel chunking with a preamble (issue 14, item 7): the planner counts quote parity from where records
/// begin, so a skipped line with an odd number of quotes changes nothing, and leaves out the quotes of lines that
/// begin with the comment byte. A line that begins with it inside a quoted field (data, whose quotes count)
/// defeats parity, which the chunk-boundary check catches (the file is then read in one pass). Either way the
/// report is the one-pass report. Chunks are forced small as in ``ChunkedProfileTests``.
@Suite struct ChunkedPreambleTests {
    /// A title line with five quotes, a header, then 400 rows of two lines each (a quoted note with a line
    /// feed; its second line begins with `#` when `hashInNotes`) and the rows 7, 300 and 7 again; with
    /// `commentEvery`, a comment line with one quote before every such row.
    private func write(commentEvery: Int?, hashInNotes: Bool = false) throws -> URL {
        var text = "Exported \"by\" tool \"X\" on \"Monday\nid,note,amount\n"
        func row(_ number: Int) -> String {
            "\(number),\"line one\n\(hashInNotes ? "#" : "")line \(number)\",\(Double(number) / 4)\n"
        }
        for number in 1...400 {
            if let commentEvery, number % commentEvery == 0 { text += "# checked \"by Ann\n" }
            text += row(number)
        }
        for number in [7, 300, 7] { text += row(number) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dq-preamble-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    private var options: ProfileOptions {
        var options = ProfileOptions()
        options.linesToSkip = 1
        options.commentByte = UInt8(ascii: "#")
        return options
    }

    /// The file cut into `parts` chunks (it must be cut) and in one pass.
    private func reports(_ url: URL, parts: Int) throws -> (chunked: Report, onePass: Report) {
        let onePass = try Profiler(options: options).profile(
            fileAt: url.path, chunking: ChunkingPolicy(parts: 1, minimumBytesPerPart: 1))
        let chunked = try #require(
            try ParallelFileDriver.profile(
                path: url.path, options: options, policy: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1)))
        return (chunked, onePass)
    }

    @Test(arguments: [2, 3, 5])
    func aSkippedLineWithOddQuotesIsCutAsUsual(parts: Int) throws {
        let url = try write(commentEvery: nil)
        defer { try? FileManager.default.removeItem(at: url) }
        let (chunked, onePass) = try reports(url, parts: parts)
        #expect(comparable(chunked) == comparable(onePass))
        // The header is line 2; row 7's copy starts on line 3 + 400 * 2 = 803.
        #expect(chunked.rows == 403)
        #expect(chunked.source.skippedLines == 1)
        #expect(chunked.findings.first { $0.kind == .duplicateRow }?.firstLine == 803)
    }

    @Test(arguments: [2, 3, 5])
    func commentLinesWithOddQuotesAreCutAsUsual(parts: Int) throws {
        let url = try write(commentEvery: 50)
        defer { try? FileManager.default.removeItem(at: url) }
        let (chunked, onePass) = try reports(url, parts: parts)
        #expect(comparable(chunked) == comparable(onePass))
        // 8 comment lines (before rows 50, 100, ... 400): row 7's copy starts on line 803 + 8 = 811.
        #expect(chunked.commentLines == 8)
        #expect(chunked.rows == 403)
        #expect(chunked.findings.first { $0.kind == .duplicateRow }?.firstLine == 811)
    }

    /// Every note's second line begins with `#` inside its quotes and holds the closing quote: parity that
    /// leaves those quotes out is wrong, the chunks do not meet, and the file is read in one pass.
    @Test(arguments: [2, 3, 5])
    func aCommentByteInsideAQuotedFieldGivesTheOnePassReport(parts: Int) throws {
        let url = try write(commentEvery: 50, hashInNotes: true)
        defer { try? FileManager.default.removeItem(at: url) }
        let onePass = try Profiler(options: options).profile(
            fileAt: url.path, chunking: ChunkingPolicy(parts: 1, minimumBytesPerPart: 1))
        let chunked = try Profiler(options: options).profile(
            fileAt: url.path, chunking: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1))
        #expect(comparable(chunked) == comparable(onePass))
        #expect(onePass.commentLines == 8)
        #expect(onePass.rows == 403)
        #expect(onePass.columns[1].topValues.first?.value.hasPrefix("line one\n#line ") == true)
    }
}
