import Foundation
import Testing

/// `--skip-lines`, Excel's `sep=` line and `--comment` on the command line (issue 14, item 7), and inputs that
/// are not a CSV (item 8). The shared cases 51, 53 and 62 of `../shared/cases-v2` are ported here: only the keys
/// this part decides (rows, blank and comment lines, skipped lines, the sep line, the delimiter, column names,
/// line numbers and offsets of findings, exit codes and messages); their number and date values belong to
/// schema_version 2's other parts and are not asserted.
@Suite struct PreambleCommandTests {
    private func jsonReport(_ arguments: [String]) throws -> JSON {
        let run = try runDQCLI(["profile"] + arguments + ["--format", "json"])
        #expect(run.status == 0, "\(arguments): \(run.stderrText)")
        return try JSONParser.parse(run.stdout)
    }

    private func column(_ report: JSON, _ name: String) -> JSON? {
        report["columns"]?.arrayValue?.first { $0["name"] == .string(name) }
    }

    private func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dq-preamble-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `../shared/cases-v2/51-excel-sep-line` (Fixtures/preambles/excel-sep-line.csv, byte-identical).
    @Test func sharedCase51ExcelSepLine() throws {
        let report = try jsonReport(["Fixtures/preambles/excel-sep-line.csv"])
        #expect(report["source"]?["sep_line"] == .bool(true))
        #expect(report["source"]?["skipped_lines"] == .int(0))
        #expect(report["source"]?["delimiter"] == .string(";"))
        #expect(report["rows"] == .int(4))
        #expect(report["ragged_rows"] == .int(0))
        #expect(report["blank_lines"] == .int(0))
        #expect(report["comment_lines"] == .int(0))
        #expect(
            report["columns"]?.arrayValue?.map { $0["name"] } == [.string("Name"), .string("Betrag"), .string("Datum")])
        let betrag = column(report, "Betrag")
        #expect(betrag?["nulls"] == .int(1))
        #expect(betrag?["findings"]?.arrayValue?.first?["kind"] == .string("null"))
        #expect(betrag?["findings"]?.arrayValue?.first?["first_line"] == .int(5))
    }

    /// `../shared/cases-v2/53-comment-lines` (Fixtures/preambles/comment-lines.csv, byte-identical).
    @Test func sharedCase53CommentLines() throws {
        let report = try jsonReport(["Fixtures/preambles/comment-lines.csv", "--comment", "#"])
        #expect(report["comment_lines"] == .int(4))
        #expect(report["blank_lines"] == .int(1))
        #expect(report["rows"] == .int(3))
        #expect(report["options"]?["comment"] == .string("#"))
        #expect(report["columns"]?.arrayValue?.first?["name"] == .string("id"))
        let finding = report["findings"]?.arrayValue?.first
        #expect(finding?["kind"] == .string("blank_line"))
        #expect(finding?["first_line"] == .int(7))
        #expect(finding?["byte_offset"] == .int(109))
        #expect(column(report, "status")?["distinct"] == .int(3))
        #expect(column(report, "status")?["max"] == .string("open\n# inside quotes: not a comment"))
        #expect(column(report, "id")?["max"] == .int(3))
        #expect(column(report, "score")?["max"] == .int(9))
        #expect(report["grade"] == .string("A"))
    }

    @Test func skipLinesSkipsAndCountsTheLines() throws {
        let report = try jsonReport(["Fixtures/preambles/title-preamble.csv", "--skip-lines", "3"])
        #expect(report["source"]?["skipped_lines"] == .int(3))
        #expect(report["options"]?["skip_lines"] == .int(3))
        #expect(report["rows"] == .int(4))
        #expect(report["blank_lines"] == .int(0))
        #expect(report["ragged_rows"] == .int(0))
        #expect(report["columns"]?.arrayValue?.first?["name"] == .string("id"))
        // More lines than the file has: all 3 of three-lines.csv.
        let beyond = try jsonReport(["Fixtures/preambles/three-lines.csv", "--skip-lines", "9"])
        #expect(beyond["source"]?["skipped_lines"] == .int(3))
        #expect(beyond["rows"] == .int(0))
    }

    /// The table words the preamble hint instead of a delimiter hint, wrapped at 80 columns.
    @Test func aTitleAboveTheHeaderIsHintedAsAPreamble() throws {
        let run = try runDQCLI(["profile", "Fixtures/preambles/title-preamble.csv", "--color", "never"])
        #expect(run.status == 0)
        let lines = run.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 3)
        #expect(lines.dropFirst(2).first == "the first 3 lines have 1 field and later lines have 4: a preamble? try")
        #expect(lines.dropFirst(3).first == "  --skip-lines 3")
        #expect(!run.stdoutText.contains("--delimiter"))
    }

    @Test(arguments: [
        (["--skip-lines", "-1"], "Error: --skip-lines -1: must be a whole number, at least 0."),
        (["--comment", "\""], "Error: --comment '\"': must differ from the quote."),
        (["--comment", "'", "--quote", "'"], "Error: --comment ''': must differ from the quote."),
        (["--comment", ";", "--delimiter", ";"], "Error: --comment ';': must differ from the delimiter."),
        (["--comment", "tab", "--tabs"], "Error: --comment 'tab': must differ from the delimiter."),
        (["--comment", "ab"], "Error: --comment 'ab': must be a single byte other than CR and LF.")
    ])
    func aCommentOrSkipThatCannotBeIsAUsageError(_ arguments: [String], _ firstLine: String) throws {
        let run = try runDQCLI(["profile", "Fixtures/preambles/comment-lines.csv"] + arguments)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrText.hasPrefix(firstLine + "\n"), "\(run.stderrText)")
    }

    /// The failing-rows pass and `rowhash` read the records where the profile does: after the skipped line,
    /// stepping over comment lines, with the lines of the file. `x` on line 6 is the one type mismatch.
    @Test func failingRowsAndRowHashesSkipThePreambleAndComments() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.csv").path
        try Data("title \"odd\n# c \"odd\nid,n\n1,5\n# c2\n2,x\n3,7\n".utf8).write(to: URL(fileURLWithPath: input))
        let failing = folder.appendingPathComponent("failing.csv").path
        let run = try runDQCLI([
            "profile", input, "--skip-lines", "1", "--comment", "#", "--invalid-rows", failing, "--format", "json"
        ])
        #expect(run.status == 0)
        let report = try JSONParser.parse(run.stdout)
        #expect(report["rows"] == .int(3))
        #expect(report["comment_lines"] == .int(2))
        #expect(report["invalid_rows"] == .int(1))
        #expect(
            try String(contentsOfFile: failing, encoding: .utf8) == "line,reasons,id,n\r\n6,n: type_mismatch,2,x\r\n")
        let hashes = try runDQCLI(["rowhash", input, "--skip-lines", "1", "--comment", "#"])
        #expect(hashes.status == 0)
        // Each record's bytes end where the next record or comment line starts: `1,5\n`, `2,x\n`, `3,7\n`.
        let records = hashes.stdoutText.split(separator: "\n").map { $0.split(separator: "\t").dropFirst(2) }
        #expect(records.map { Array($0) } == [["4", "MSw1Cg=="], ["6", "Mix4Cg=="], ["7", "Myw3Cg=="]])
    }

    /// `--threads 2` on a file large enough to be cut (17 MiB): a skipped line with an odd number of quotes, and
    /// a comment line with one quote before the middle, give the report of one thread (distinct values exact, so
    /// no estimate depends on the cut; ChunkedPreambleTests checks that such files are cut).
    @Test func twoThreadsGiveTheReportOfOneWithOddQuotesInThePreamble() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.csv").path
        var text = "Export of \"orders\" by \"tool\n# a note\nid,note,amount\n"
        var number = 0
        while text.utf8.count < 17 << 20 {
            number += 1
            text += "\(number),\"two\nlines \(number % 1000)\",\(number % 97)\n"
            if number == 300_000 { text += "# checkpoint \"\(number)\n" }
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let arguments = [
            path, "--skip-lines", "1", "--comment", "#", "--no-duplicates", "--exact-distinct-limit", "1000000",
            "--format", "json"
        ]
        let one = try runDQCLI(["profile"] + arguments + ["--threads", "1"])
        let two = try runDQCLI(["profile"] + arguments + ["--threads", "2"])
        #expect(one.status == 0)
        #expect(two.stdoutText == one.stdoutText)
        let report = try JSONParser.parse(one.stdout)
        #expect(report["rows"] == .int(number))
        #expect(report["comment_lines"] == .int(2))
        #expect(report["source"]?["skipped_lines"] == .int(1))
    }

    /// Not a CSV: exit 65 with what the file looks like and what to do; no report, no history row and no
    /// failing-rows file. The first case is `../shared/cases-v2/62-zip-archive` (Fixtures/not-csv/zip-archive.zip,
    /// byte-identical).
    @Test(arguments: [
        (
            "Fixtures/not-csv/zip-archive.zip",
            "not a CSV: the input starts like a ZIP archive (a .zip file, or an .xlsx, .ods or .docx one): unzip it, or export the sheet as CSV."
        ),
        (
            "Fixtures/not-csv/elf-header.bin",
            "not a CSV: the input starts like an ELF executable: give the CSV file instead."
        ),
        (
            "Fixtures/not-csv/utf16le-no-bom.csv",
            "not a CSV as it stands: the input looks like UTF-16LE without a byte order mark (50% of the first 98 bytes are NUL, every one at an odd offset): try --encoding utf-16le."
        ),
        (
            "Fixtures/not-csv/utf16be-no-bom.csv",
            "not a CSV as it stands: the input looks like UTF-16BE without a byte order mark (50% of the first 98 bytes are NUL, every one at an even offset): try --encoding utf-16be."
        )
    ])
    func notACSVIsExit65AndLeavesNothing(_ path: String, _ message: String) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json").path
        let history = folder.appendingPathComponent("history.db").path
        let failing = folder.appendingPathComponent("failing.csv").path
        let run = try runDQCLI([
            "profile", path, "--format", "json", "--output", report, "--history", history, "--invalid-rows", failing
        ])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrText == "dqcli: \(path): \(message)\n")
        #expect(!FileManager.default.fileExists(atPath: report))
        #expect(!FileManager.default.fileExists(atPath: history))
        #expect(!FileManager.default.fileExists(atPath: failing))
        let piped = try runDQCLI(["profile", "-"], stdin: try Data(contentsOf: fixtureURL(path)))
        #expect(piped.status == 65)
        #expect(piped.stderrText == "dqcli: standard input: \(message)\n")
    }
}
