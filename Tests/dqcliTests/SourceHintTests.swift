import Foundation
import Testing

/// Hints about the source: a single column read with a detected delimiter or with a given one that another
/// candidate beats, and `source.delimiter_detected`.
@Suite struct SourceHintTests {
    /// crafted/delim-hash.csv separates `id#name#qty` by `#`, which is not a sniffing candidate: read as one
    /// column unless `--delimiter '#'` is given.
    static let hashFile = "Fixtures/crafted/delim-hash.csv"
    static let hint = "1 column: if the file uses another delimiter, give --delimiter."

    @Test func singleDetectedColumnGetsTheHint() throws {
        let table = try runDQCLI(["profile", Self.hashFile])
        #expect(table.status == 0, "stderr: \(table.stderrText)")
        let lines = table.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.count > 2 && lines[2] == Self.hint, "table: \(table.stdoutText)")
        let json = try JSONParser.parse(try runDQCLI(["profile", Self.hashFile, "--format", "json"]).stdout)
        #expect(json["source"]?["delimiter_detected"] == .bool(true))
        #expect(json["columns"]?.arrayValue?.count == 1)
    }

    @Test func givenDelimiterGetsNoHint() throws {
        let table = try runDQCLI(["profile", Self.hashFile, "--delimiter", "#"])
        #expect(table.status == 0, "stderr: \(table.stderrText)")
        #expect(!table.stdoutText.contains("give --delimiter"), "table: \(table.stdoutText)")
        let json = try JSONParser.parse(
            try runDQCLI(["profile", Self.hashFile, "--delimiter", "#", "--format", "json"]).stdout)
        #expect(json["source"]?["delimiter_detected"] == .bool(false))
        #expect(json["columns"]?.arrayValue?.count == 3)
        // Even a given delimiter that leaves one column gets no hint: the steward chose it.
        let single = try runDQCLI(["profile", Self.hashFile, "--delimiter", ";"])
        #expect(!single.stdoutText.contains("give --delimiter"), "table: \(single.stdoutText)")
    }

    /// penguins.csv is comma-separated: read with a given `|` (or `-t`) it is one column and grade A, so the
    /// hint names the delimiter that reads its 8 columns. The JSON keeps the contract's keys.
    @Test(arguments: [["--delimiter", "|"], ["-d", ";"], ["-t"]])
    func givenDelimiterThatLeavesOneColumnNamesOneThatGivesMore(_ dialect: [String]) throws {
        let table = try runDQCLI(["profile", "Fixtures/real/penguins.csv"] + dialect)
        #expect(table.status == 0, "stderr: \(table.stderrText)")
        let lines = table.stdoutText.split(separator: "\n").map(String.init)
        #expect(
            lines.count > 3
                && lines[2] == "1 column: the file may use another delimiter: --delimiter ',' gives 8 columns.")
        #expect(lines.count > 3 && lines[3] == "Grade A · overall 100.0%")
        let hinted = try JSONParser.parse(
            try runDQCLI(["profile", "Fixtures/real/penguins.csv", "--format", "json"] + dialect).stdout)
        let plain = try JSONParser.parse(
            try runDQCLI(["profile", "Fixtures/real/penguins.csv", "--format", "json"]).stdout)
        guard case .object(let hintedSource) = hinted["source"], case .object(let plainSource) = plain["source"] else {
            Issue.record("no source object")
            return
        }
        #expect(hintedSource.keys.sorted() == plainSource.keys.sorted())
    }

    @Test func severalDetectedColumnsGetNoHint() throws {
        let table = try runDQCLI(["profile", "Fixtures/crafted/delim-semicolon.csv"])
        #expect(!table.stdoutText.contains("give --delimiter"), "table: \(table.stdoutText)")
        let json = try JSONParser.parse(
            try runDQCLI(["profile", "Fixtures/crafted/delim-semicolon.csv", "--format", "json"]).stdout)
        #expect(json["source"]?["delimiter"] == .string(";"))
        #expect(json["source"]?["delimiter_detected"] == .bool(true))
    }
}
