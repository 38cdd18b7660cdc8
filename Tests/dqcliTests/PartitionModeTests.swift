import Foundation
import Testing

/// `dqcli profile --record-encoding base64`: positions, bare records, and clear errors on bad input lines.
@Suite struct PartitionModeTests {
    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    func profile(_ lines: [String], _ extra: [String] = ["--columns", "a,b"]) throws -> RunResult {
        try runDQCLI(
            ["profile", "--record-encoding", "base64", "--format", "json"] + extra,
            stdin: Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    func findings(_ result: RunResult) throws -> [JSON] {
        try JSONParser.parse(result.stdout)["findings"]?.arrayValue ?? []
    }

    @Test func bareRecordsAreLinedByOrdinalAndSaySo() throws {
        let result = try profile([Self.base64("1,x\n"), Self.base64("2,y\n"), Self.base64("1,x\n")])
        #expect(result.status == 0, "\(result.stderrText)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["rows"] == .int(3))
        #expect(report["duplicate_rows"] == .int(1))
        let duplicate = try findings(result).first { $0["kind"] == .string("duplicate_row") }
        #expect(duplicate?["first_line"] == .int(3))
        #expect(duplicate?["source_file"] == .string("-"))
        #expect(duplicate?["first_line_is_part_relative"] == .bool(true))
        #expect(duplicate?["byte_offset"] == nil)
    }

    @Test func rowhashLinesKeepTheirSourcesAndLines() throws {
        // A record of b.csv (line 7) repeats one of a.csv (line 40) that differs only in quoting.
        let lines = [
            "\(RowHashTests.abHash)\ta.csv\t40\t\(Self.base64("a,b\n"))",
            "\(RowHashTests.abHash)\tb.csv\t7\t\(Self.base64("\"a\",\"b\"\r\n"))",
            "\(RowHashTests.blankLineHash)\tb.csv\t3\t\(Self.base64("\n"))"
        ]
        let result = try profile(lines)
        #expect(result.status == 0, "\(result.stderrText)")
        let found = try findings(result).map { [$0["kind"], $0["source_file"], $0["first_line"]] }
        #expect(
            found == [
                [.string("blank_line"), .string("b.csv"), .int(3)],
                [.string("duplicate_row"), .string("b.csv"), .int(7)]
            ])
    }

    @Test func emptyInputIsZeroRows() throws {
        let result = try runDQCLI(
            ["profile", "--record-encoding", "base64", "--header-line", "a;b", "--format", "json", "-"], stdin: Data())
        #expect(result.status == 0, "\(result.stderrText)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["rows"] == .int(0))
        #expect(report["columns"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["a", "b"])
        #expect(report["source"]?["delimiter"] == .string(";"))
    }

    @Test(arguments: [
        ("zz", "RECORD is not base64"),
        ("YSxi\tYSxi", "the line has 1 tab"),
        ("\(RowHashTests.abHash)\t-\t0\tYSxiCg==", "LINE is not a line number"),
        ("\(RowHashTests.abHash)\t-\tx\tYSxiCg==", "LINE is not a line number"),
        ("4e80\t-\t1\tYSxiCg==", "HASH is not 32 hexadecimal digits"),
        ("\(RowHashTests.abHash)\t\t1\tYSxiCg==", "SOURCE is empty"),
        ("", "the line is empty"),
        (base64("a,b\nc,d\n"), "RECORD reads as 2 records"),
        ("\(RowHashTests.blankLineHash)\t-\t2\tYSxiCg==", "is not the record's row hash")
    ])
    func aBadInputLineExits65NamingIt(line: String, message: String) throws {
        let result = try profile([Self.base64("1,2\n"), line, Self.base64("3,4\n")])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.hasPrefix("dqcli: standard input, line 2: "), "\(result.stderrText)")
        #expect(result.stderrText.contains(message), "\(result.stderrText)")
    }

    @Test func aDialectOtherThanTheHashedOneIsRefused() throws {
        let hashed = try runDQCLI(["rowhash", "Fixtures/crafted/delim-semicolon.csv"])
        let result = try runDQCLI(
            ["profile", "--record-encoding", "base64", "--columns", "a", "--delimiter", ",", "-"], stdin: hashed.stdout)
        #expect(result.status == 65)
        #expect(result.stderrText.contains("is not the record's row hash"), "\(result.stderrText)")
    }

    @Test func strictReadingNamesTheRecordsSourceAndLine() throws {
        let line = "\(RowHashTests.abHash)\texport-3.csv\t1200\t\(Self.base64("1,2,3\n"))"
        let result = try profile([line], ["--columns", "a,b", "--strict"])
        #expect(result.status == 65)
        #expect(result.stderrText.hasPrefix("dqcli: export-3.csv, line 1200: ragged record"), "\(result.stderrText)")
    }

    @Test(arguments: [
        ["--columns", "a,b"],
        ["--record-encoding", "base64"],
        ["--record-encoding", "base64", "--columns", "a", "--header-line", "a"],
        ["--record-encoding", "base64", "--columns", "a", "--no-header"],
        ["--record-encoding", "base64", "--columns", "a", "--invalid-rows", "/tmp/x.csv"],
        ["--record-encoding", "base64", "--header-line", ""],
        ["--record-encoding", "hex", "--columns", "a"]
    ])
    func misusedOptionsExit64(_ arguments: [String]) throws {
        let result = try runDQCLI(["profile"] + arguments + ["-"], stdin: Data())
        #expect(result.status == 64, "\(arguments): \(result.stderrText)")
    }

    @Test func profileStillNeedsAFileOutsidePartitionMode() throws {
        let result = try runDQCLI(["profile"])
        #expect(result.status == 64)
    }
}
