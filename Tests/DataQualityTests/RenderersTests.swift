import Foundation
import Testing

@testable import DataQuality

// MARK: - Hand-built reports

private func scores(_ value: Double, uniqueness: Double? = 1.0) -> Scores {
    Scores(completeness: value, consistency: value, uniqueness: uniqueness, overall: value)
}

private func column(
    _ name: String, index: Int, type: ColumnType = .integer, min: BoundValue? = .integer(1),
    max: BoundValue? = .integer(9), mean: Double? = 5.0, findings: [Finding] = []
) -> ColumnProfile {
    ColumnProfile(
        name: name, index: index, type: type, count: 3, nulls: 1, distinct: 2, distinctIsEstimate: false,
        format: nil, typeCounts: [(.integer, 2)], typeMismatches: 0, whitespaceIssues: 0, min: min, max: max,
        mean: mean, stddev: nil, minLength: 1, maxLength: 2, topValues: [ValueCount(value: "1", count: 1)],
        scores: scores(0.9), grade: .c, findings: findings, conforming: 2)
}

private func report(
    columns: [ColumnProfile], delimiter: UInt8 = UInt8(ascii: ","), duplicateRows: Int? = 0,
    findings: [Finding] = [], path: String = "orders.csv"
) -> Report {
    Report(
        source: SourceDescription(
            path: path, bytes: 42, delimiter: delimiter, quote: UInt8(ascii: "\""), header: true,
            encoding: "utf-8", byteOrderMark: false),
        options: ReportOptions(
            nullValues: ["", "NA"], keys: ["id"], gradeThresholds: .default, duplicates: duplicateRows != nil,
            maxFieldBytes: 67_108_864, exactDistinctLimit: 100_000),
        rows: 3, blankLines: 1, raggedRows: 0, malformedRows: 0, duplicateRows: duplicateRows,
        scores: scores(0.9, uniqueness: duplicateRows == nil ? nil : 1.0), grade: .c, findings: findings,
        columns: columns)
}

/// The keys of the JSON object members printed at exactly `indent` spaces, in order.
private func keys(in json: String, indent: Int) -> [String] {
    let prefix = String(repeating: " ", count: indent) + "\""
    return json.split(separator: "\n").compactMap { line in
        guard line.hasPrefix(prefix), !line.dropFirst(indent + 1).hasPrefix(" ") else { return nil }
        let rest = line.dropFirst(prefix.count)
        guard let end = rest.firstIndex(of: "\""), rest[end...].hasPrefix("\": ") else { return nil }
        return String(rest[..<end])
    }
}

// MARK: - JSON

@Suite struct JSONReportRendererTests {
    @Test func topLevelKeysFollowTheContractOrder() {
        let json = JSONReportRenderer().render(report(columns: [column("id", index: 0)]))
        #expect(
            keys(in: json, indent: 2) == [
                "schema_version", "tool", "source", "options", "rows", "blank_lines", "comment_lines", "ragged_rows",
                "malformed_rows", "malformed_causes", "duplicate_rows", "invalid_rows", "scores", "grade", "findings",
                "columns"
            ])
        #expect(json.hasPrefix("{\n  \"schema_version\": 2,\n  \"tool\": {\n    \"name\": \"dqcli\",\n"))
        #expect(json.hasSuffix("}\n"))
    }

    @Test func nestedKeysFollowTheOracleOrder() {
        let json = JSONReportRenderer().render(report(columns: [column("id", index: 0)]))
        // source, options, scores and tool members sit at indent 4; read them block by block.
        let level4 = keys(in: json, indent: 4)
        #expect(
            Array(level4.prefix(2 + 12 + 12 + 4)) == [
                "name", "version",
                "path", "bytes", "delimiter", "delimiter_detected", "quote", "header", "encoding", "bom", "compression",
                "compressed_bytes", "skipped_lines", "sep_line",
                "null_values", "keys", "grade_thresholds", "duplicates", "max_field_bytes", "exact_distinct_limit",
                "encoding", "skip_lines", "comment", "decimal_mark", "redacted", "invalid_rows_include_nulls",
                "completeness", "consistency", "uniqueness", "overall"
            ])
        #expect(
            json.contains(
                "\"grade_thresholds\": {\n      \"A\": 0.99,\n      \"B\": 0.95,\n      \"C\": 0.9,\n      \"D\": 0.8\n    }"
            ))
        #expect(
            keys(in: json, indent: 6).dropFirst(4) == [
                "name", "index", "type", "count", "nulls", "null_tokens", "distinct", "distinct_is_estimate",
                "type_counts",
                "type_mismatches", "whitespace_issues", "min", "max", "mean", "stddev", "min_length",
                "max_length", "top_values", "values_truncated", "scores", "grade", "findings", "format", "unit",
                "conforming",
                "quantiles_are_estimate", "quantiles", "histogram", "length_quantiles", "length_histogram"
            ])
    }

    @Test func findingKeysAppearOnlyWhenPresent() {
        let mixed = Finding(
            kind: .mixedFormats, count: 2, example: "1/2/2020", firstLine: 4, dominantFormat: "YYYY-MM-DD",
            formats: [("YYYY-MM-DD", 5), ("M/D/YYYY", 2)])
        let ragged = Finding(kind: .raggedRow, count: 1, example: "a,b", firstLine: 3, byteOffset: 17)
        let notice = Finding(kind: .duplicatesNotChecked, count: 1, example: nil, firstLine: nil)
        let json = JSONReportRenderer().render(
            report(columns: [column("d", index: 0, findings: [mixed])], duplicateRows: nil, findings: [ragged, notice]))
        #expect(
            json.contains(
                """
                    {
                      "kind": "ragged_row",
                      "count": 1,
                      "example": "a,b",
                      "first_line": 3,
                      "byte_offset": 17
                    },
                    {
                      "kind": "duplicates_not_checked",
                      "count": 1,
                      "example": null,
                      "first_line": null
                    }
                """))
        #expect(
            json.contains(
                """
                          "first_line": 4,
                          "dominant_format": "YYYY-MM-DD",
                          "formats": {
                            "M/D/YYYY": 2,
                            "YYYY-MM-DD": 5
                          }
                """))
    }

    @Test func stringsAreEscapedLikePythonWithoutEnsureASCII() {
        let name = "a\"b\\c\nd\u{01}e\té€😀\u{7F}"
        let json = JSONReportRenderer().render(report(columns: [column(name, index: 0)]))
        #expect(json.contains(#""name": "a\"b\\c\nd\u0001e\té€😀"# + "\u{7F}\","))
        #expect(JSONValue.quoted("\u{08}\u{0C}\r\u{1F}") == #""\b\f\r\u001f""#)
    }

    @Test func nilFieldsAreNullAndBoundsKeepTheirKind() {
        let json = JSONReportRenderer().render(
            report(
                columns: [
                    column("big", index: 0, min: .bigInteger("-123456789012345678901234567890"), max: .decimal(2.5)),
                    column("none", index: 1, min: nil, max: .text("zz"), mean: nil)
                ], duplicateRows: nil))
        #expect(json.contains("\"duplicate_rows\": null,"))
        #expect(json.contains("\"uniqueness\": null,"))
        #expect(json.contains("\"min\": \"-123456789012345678901234567890\",\n      \"max\": 2.5,"))
        #expect(json.contains("\"min\": null,\n      \"max\": \"zz\",\n      \"mean\": null,"))
        #expect(json.contains("\"min\": 1,") == false)
        #expect(json.contains("\"stddev\": null,"))
        #expect(json.contains("\"format\": null,"))
    }

    @Test func outputIsValidJSON() throws {
        let json = JSONReportRenderer().render(report(columns: [column("x\u{0}y", index: 0)], delimiter: 0x09))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let source = try #require(object["source"] as? [String: Any])
        #expect(source["delimiter"] as? String == "\t")
        #expect(json.contains("\"delimiter\": \"\\t\","))
    }

    @Test(arguments: [
        (1.0, "1.0"), (0.9, "0.9"), (-0.0, "-0.0"), (0.0, "0.0"), (1e-05, "1e-05"), (0.0001, "0.0001"),
        (1e16, "1e+16"), (1234567890123456.0, "1234567890123456.0"), (1.5e300, "1.5e+300"),
        (Double.leastNonzeroMagnitude, "5e-324"), (0.1 + 0.2, "0.30000000000000004"), (2.0 / 3.0, "0.6666666666666666"),
        (123.456, "123.456"), (-2.5e-7, "-2.5e-07")
    ])
    func doublesPrintLikePythonRepr(value: Double, expected: String) {
        #expect(JSONValue.format(value) == expected)
        #expect(JSONValue.number(value).serialized() == expected)
    }

    @Test(
        arguments: [
            (0, "0"), (7, "7"), (-7, "-7"), (1_000_000, "1000000"), (Int64.max, "9223372036854775807"),
            (Int64.min, "-9223372036854775808")
        ] as [(Int64, String)])
    func integersPrintTheirDecimalDigits(value: Int64, expected: String) {
        #expect(JSONValue.integer(value).serialized() == expected)
    }

    @Test func escapesAreWrittenBetweenRunsOfPlainText() {
        #expect(JSONValue.string("").serialized() == #""""#)
        #expect(JSONValue.string("\"").serialized() == #""\"""#)
        #expect(JSONValue.string("plain é€ text").serialized() == #""plain é€ text""#)
        #expect(JSONValue.string("ab\ncd\\ef\u{01}gh\"").serialized() == #""ab\ncd\\ef\u0001gh\"""#)
    }

    @Test func indentationDeeperThanItsSpacesRunIsWrittenWhole() {
        let deep = JSONValue.array([.array([.int(1)])]).serialized(indent: 40)
        let spaces = { (count: Int) in String(repeating: " ", count: count) }
        #expect(deep == "[\n" + spaces(40) + "[\n" + spaces(80) + "1\n" + spaces(40) + "]\n]")
    }

    @Test func nonFiniteDoublesBecomeNull() {
        #expect(JSONValue.format(.nan) == "null")
        #expect(JSONValue.format(.infinity) == "null")
        #expect(JSONValue.number(-.infinity).serialized() == "null")
    }

    @Test func emptyContainersPrintCompactly() {
        #expect(JSONValue.object([]).serialized() == "{}")
        #expect(JSONValue.array([]).serialized() == "[]")
        #expect(JSONValue.object([("a", .array([.int(1)]))]).serialized() == "{\n  \"a\": [\n    1\n  ]\n}")
    }
}

// MARK: - Table

@Suite struct TableReportRendererTests {
    private func wideReport() -> Report {
        let long = String(repeating: "very_long_column_name_", count: 10) + "ÉTÉ\n漢字漢字\u{202E}end"
        var columns = [
            column(
                long, index: 0, type: .string,
                findings: [
                    Finding(
                        kind: .whitespace, count: 123_456_789, example: " x", firstLine: 1_234_567_890),
                    Finding(kind: .null, count: 1, example: "", firstLine: 2)
                ])
        ]
        for index in 1..<30 {
            columns.append(
                column(
                    index == 1 ? "x\ny\u{202E}" : "c\(index)", index: index, type: .datetime,
                    findings: [Finding(kind: .typeMismatch, count: 3, example: "x", firstLine: 4)]))
        }
        let findings = [
            Finding(kind: .byteOrderMark, count: 1, example: nil, firstLine: 1, byteOffset: 0),
            Finding(
                kind: .raggedRow, count: 2, example: String(repeating: "a,\"b\r\n", count: 40), firstLine: 3,
                byteOffset: 9),
            Finding(kind: .duplicatesNotChecked, count: 1, example: nil, firstLine: nil)
        ]
        return report(
            columns: columns, duplicateRows: nil, findings: findings,
            path: "/data/" + String(repeating: "deeply/nested/", count: 10) + "orders.csv")
    }

    @Test func linesNeverExceedTheWidth() {
        for width in [80, 60, 120] {
            let text = TableReportRenderer(width: width).render(wideReport())
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == 5 + 3 + 1 + 1 + 30)  // summary, findings, blank line, heading, columns
            for line in lines {
                #expect(TerminalText.width(String(line)) <= width, "\(line)")
                #expect(line.count <= width)
            }
        }
    }

    @Test func colourDoesNotCountTowardTheWidth() {
        let text = TableReportRenderer(width: 80, color: true).render(wideReport())
        #expect(text.contains("\u{1B}[33mC\u{1B}[0m"))
        for line in text.split(separator: "\n") {
            #expect(TerminalText.width(String(line)) <= 80)
        }
        #expect(!TableReportRenderer().render(wideReport()).contains("\u{1B}"))
    }

    @Test func controlCharactersFromTheDataAreMadeVisible() {
        let text = TableReportRenderer(width: 200).render(wideReport())
        #expect(text.contains("\nx⏎y\\u202E "))
        #expect(TerminalText.visible("ÉTÉ\n漢字\u{202E}\t\u{0}\u{85}") == "ÉTÉ⏎漢字\\u202E␉␀\\u0085")
        #expect(!text.contains("\r"))
        #expect(!text.unicodeScalars.contains("\u{202E}"))
    }

    @Test func summaryShowsGradeScoresAndStructuralFindings() {
        let text = TableReportRenderer().render(wideReport())
        #expect(text.contains("Grade C · overall 90.0%"))
        #expect(text.contains("completeness 90.0% · consistency 90.0% · uniqueness not checked"))
        #expect(text.contains("  2 ragged rows, first at line 3: a,\"b␍⏎"))
        #expect(text.contains("  duplicate rows not checked"))
        #expect(text.hasPrefix("dqcli · …"))
        #expect(text.contains("nested/orders.csv\n"))
    }

    @Test func mainFindingIsTheLargestCount() {
        let profile = column(
            "x", index: 0,
            findings: [
                Finding(kind: .null, count: 1, example: "", firstLine: 2),
                Finding(kind: .whitespace, count: 3, example: " a", firstLine: 4),
                Finding(kind: .caseVariantsNotChecked, count: 1, example: nil, firstLine: nil)
            ])
        #expect(TableReportRenderer.mainFinding(of: profile) == "3 whitespace (line 4)")
        #expect(TableReportRenderer.mainFinding(of: column("y", index: 0)) == "-")
    }

    @Test func percentagesNeverRoundToTheEnds() {
        #expect(Percentage.text(0.9996) == "99.9%")
        #expect(Percentage.text(1) == "100.0%")
        #expect(Percentage.text(0.0001) == "<0.1%")
        #expect(Percentage.text(0) == "0.0%")
        #expect(Percentage.text(0.961) == "96.1%")
    }
}

// MARK: - Atomic writer

@Suite struct AtomicFileWriterTests {
    private func makeFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("dq-atomic-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func missingFolderThrowsAndLeavesNothing() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("missing/report.json").path
        #expect(throws: AtomicWriteError.self) { try AtomicFileWriter.write("{}\n", to: target) }
        do {
            try AtomicFileWriter.write("{}\n", to: target)
        } catch {
            #expect(error.description.contains(target))
            #expect(error.description.contains("No such file or directory"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func replacesAnExistingFileAndLeavesNoTemporary() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.json").path
        try "old content, longer than the new one\n".write(toFile: target, atomically: false, encoding: .utf8)
        try AtomicFileWriter.write("new ✓\n", to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new ✓\n")
        try AtomicFileWriter.write(Data([0x41, 0x0A]), to: target)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data([0x41, 0x0A]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
    }

    @Test func aDirectoryAtTheTargetIsAnErrorAndLeavesNothing() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("sub").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        #expect(throws: AtomicWriteError.self) { try AtomicFileWriter.write("x", to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sub"])
    }
}
