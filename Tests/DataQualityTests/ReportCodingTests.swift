import DataQuality
import Foundation
import Testing

private let codingRepositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Every input file under Fixtures/ (CSV, the compressed ones, the fuzzer's extension-less inputs; not the expected
/// reports, rule files, notes, the damaged compressed streams of Fixtures/compressed/damaged, the inputs of
/// Fixtures/not-csv or the shared cases that exit 65 (``refusedCaseInputs``), which are refused), relative to the
/// repository root, sorted.
private let fixtureInputs: [String] = {
    let fixtures = codingRepositoryRoot.appendingPathComponent("Fixtures")
    let notInputs: Set<String> = ["json", "md", "yml", "gitattributes"]
    let files =
        FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: [.isRegularFileKey])?
        .compactMap { $0 as? URL }
        .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        .filter { !notInputs.contains($0.pathExtension) && !$0.lastPathComponent.hasPrefix(".") }
        .filter { !["damaged", "not-csv"].contains($0.deletingLastPathComponent().lastPathComponent) } ?? []
    return files.map { String($0.path.dropFirst(codingRepositoryRoot.path.count + 1)) }
        .filter { !refusedFuzzInputs.keys.contains($0) && !refusedCaseInputs.contains($0) }.sorted()
}()

/// The shared cases whose expected exit is 65, so they have no report: a cut gzip stream and a ZIP archive (their
/// sentences are checked by SharedCasesTests).
private let refusedCaseInputs: Set<String> = [
    "Fixtures/cases-v2/50-gzip-cut/input.csv.gz", "Fixtures/cases-v2/62-zip-archive/input.zip"
]

/// Inputs that are read only with an option, as the contract says, and the options they are read with:
/// UTF-16LE without a byte order mark is not a CSV unless its encoding is named (``bomLessUTF16IsRefused()``), and
/// the shared case 53 is read with `--comment '#'`, as its expected.json says.
private let inputOptions: [String: ProfileOptions] = {
    var utf16LittleEndian = ProfileOptions()
    utf16LittleEndian.encoding = .utf16LittleEndian
    var comments = ProfileOptions()
    comments.commentByte = UInt8(ascii: "#")
    return [
        "Fixtures/encodings/zones-utf16le-no-bom.csv": utf16LittleEndian,
        "Fixtures/cases-v2/53-comment-lines/input.csv": comments
    ]
}()

/// The report of a fixture input, read with its options (``inputOptions``).
private func fixtureReport(_ relativePath: String) throws -> Report {
    try Profiler(options: inputOptions[relativePath] ?? ProfileOptions())
        .profile(fileAt: codingRepositoryRoot.appendingPathComponent(relativePath).path)
}

/// Fuzzer inputs (four option bytes, then the CSV bytes) that the contract's "Not a CSV" rule refuses when read
/// whole, with their NUL bytes' share of the input: they have no report to decode.
private let refusedFuzzInputs: [String: NotCSVKind] = [
    "Fixtures/fuzz/key-repeat-across-cut-past-distinct-bound": .binaryData(nulPercent: 28, window: 278),
    "Fixtures/fuzz/malformed-cause-too-long-before-stray-quote": .binaryData(nulPercent: 52, window: 102)
]

/// `report` as its JSON can carry it, checked against `decoded` (what `JSONDecoder` read from that JSON), and
/// how many bounds needed the second rule below:
/// - date, datetime and time distributions are ISO 8601 text rounded to the microsecond: `decoded`'s are put in
///   place after checking that each of their numbers is within a microsecond of `report`'s;
/// - a whole decimal token (`1e3`, `2.0`) as `min`/`max` of a decimal column that also holds integer tokens is
///   written `1000.0` but reads back as the integer `1000` (`Decoder` does not show a number's spelling): the
///   integer is put in place after checking it is the same number.
private func expectation(for report: Report, decoded: Report) -> (expected: Report, wholeDecimalBounds: Int) {
    var expected = report
    expected.source.delimiterAlternative = nil  // not in the JSON (advice the table words)
    expected.source.preambleHint = nil
    var wholeDecimalBounds = 0
    for (index, column) in report.columns.enumerated() where index < decoded.columns.count {
        let theirs = decoded.columns[index]
        if case .decimal(let value)? = column.min, case .integer(let integer)? = theirs.min, Double(integer) == value {
            expected.columns[index].min = theirs.min
            wholeDecimalBounds += 1
        }
        if case .decimal(let value)? = column.max, case .integer(let integer)? = theirs.max, Double(integer) == value {
            expected.columns[index].max = theirs.max
            wholeDecimalBounds += 1
        }
        guard let mine = column.valueDistribution, let read = theirs.valueDistribution,
            [.date, .datetime, .time].contains(mine.scale)
        else { continue }
        let tolerance = mine.scale == .date ? 1e-6 / 86_400 : 1e-6
        let numbers = { (distribution: Distribution) in
            [distribution.p25, distribution.median, distribution.p75]
                + distribution.histogram.flatMap { [$0.lower, $0.upper] }
        }
        #expect(numbers(mine).count == numbers(read).count)
        for (left, right) in zip(numbers(mine), numbers(read)) {
            #expect(abs(left - right) <= tolerance, "column \(column.name): \(left) and \(right)")
        }
        expected.columns[index].valueDistribution = read
    }
    return (expected, wholeDecimalBounds)
}

/// The fixtures with a whole decimal token as a bound of a decimal column that holds integer tokens, and how
/// many such bounds: `amount`'s max `1e3` in invalid-rows.csv and its min `2.00` in redaction.csv; `exponent`'s
/// min `-4e+1` and max `1e3` in numbers-formats.csv.
private let fixturesWithWholeDecimalBounds = [
    "Fixtures/crafted/invalid-rows.csv": 1, "Fixtures/crafted/redaction.csv": 1,
    "Fixtures/crafted/numbers-formats.csv": 2
]

@Suite struct ReportCodingTests {
    @Test func gradePrintsItsLetter() {
        #expect(Grade.allCases.map { "\($0)" } == ["A", "B", "C", "D", "F"])
        #expect(String(describing: Grade.f) == "F")
    }

    @Test func everyFixtureIsCounted() {
        // find Fixtures -type f, less expected reports, rule files and notes, the 2 files of
        // Fixtures/compressed/damaged, the 4 of Fixtures/not-csv, the 2 refused shared cases and the 2 refused fuzzer
        // inputs: 145 by folder (cases 26, cases-v2 11, compressed 6, crafted 61, cron 3, encodings 9, fuzz 9,
        // generated 1, preambles 5, real 2, regressions 8, rules 4), 123 of them .csv, 9 .gz, 3 .zst, 1 .txt (the
        // UTF-16LE case 46) and the 9 extension-less fuzzer inputs.
        #expect(fixtureInputs.count == 145)
        #expect(fixtureInputs.filter { $0.hasSuffix(".csv") }.count == 123)
        #expect(fixtureInputs.filter { $0.hasSuffix(".gz") }.count == 9)
        #expect(fixtureInputs.filter { $0.hasSuffix(".zst") }.count == 3)
    }

    /// The BOM-less UTF-16LE copy read without its encoding is not a CSV: half its 7,120 bytes (the first 64 KiB
    /// hold them all) are NUL, every one at an odd offset.
    @Test func bomLessUTF16IsRefused() {
        let path = codingRepositoryRoot.appendingPathComponent("Fixtures/encodings/zones-utf16le-no-bom.csv").path
        let error = #expect(throws: ProfileError.self) { try Profiler().profile(fileAt: path) }
        #expect(error?.problem == .notCSV(.utf16WithoutByteOrderMark(bigEndian: false, nulPercent: 50, window: 7_120)))
        #expect(error?.code == .notCSV)
    }

    @Test(arguments: refusedFuzzInputs.keys.sorted())
    func aRefusedFuzzInputHasNoReport(_ relativePath: String) {
        let path = codingRepositoryRoot.appendingPathComponent(relativePath).path
        let error = #expect(throws: ProfileError.self) { try Profiler().profile(fileAt: path) }
        #expect(error?.problem == .notCSV(refusedFuzzInputs[relativePath]!))
    }

    /// The JSON `dqcli profile --format json` writes (``JSONReportRenderer``) decodes with `JSONDecoder` into
    /// the report the library made, and that report renders back to the same bytes.
    @Test(arguments: fixtureInputs)
    func decodesTheJSONReportOfEveryFixture(_ relativePath: String) throws {
        let direct = try fixtureReport(relativePath)
        let json = JSONReportRenderer().render(direct)
        let decoded = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
        let (expected, wholeDecimalBounds) = expectation(for: direct, decoded: decoded)
        #expect(wholeDecimalBounds == fixturesWithWholeDecimalBounds[relativePath] ?? 0)
        #expect(decoded == expected)
        // The renderer writes what it read: the same bytes, but for the whole decimal bounds' `.0`.
        #expect(JSONReportRenderer().render(decoded) == JSONReportRenderer().render(expected))
        if wholeDecimalBounds == 0 { #expect(JSONReportRenderer().render(decoded) == json) }
    }

    /// A report with a rule file's results (every rule kind, `max_null_fraction`'s fractions included) and
    /// `rows_are_events` decodes to itself and renders back byte for byte.
    @Test(arguments: [
        ("Fixtures/rules/every-rule.csv", "Fixtures/rules/every-rule.yml"),
        ("Fixtures/rules/rule-messages.csv", "Fixtures/rules/rule-messages.yml"),
        ("Fixtures/rules/door-events.csv", nil)
    ])
    func decodesRuleResults(_ data: String, _ ruleFile: String?) throws {
        let parser = RuleFileParser()
        let rules =
            try ruleFile.map { try parser.parse(fileAt: codingRepositoryRoot.appendingPathComponent($0).path) }
            ?? parser.parse(text: "dataset:\n  rows_are_events: true\n", path: "events.yml")
        var options = ProfileOptions()
        options.rules = rules
        let direct = try Profiler(options: options).profile(
            fileAt: codingRepositoryRoot.appendingPathComponent(data).path)
        let checked = CheckedReport(
            report: direct, ruleFile: rules.path,
            rules: RuleEvaluator(rules: rules).evaluate(direct, now: 1_764_381_600))
        let json = JSONReportRenderer().render(checked)
        let decoded = try JSONDecoder().decode(CheckedReport.self, from: Data(json.utf8))
        let (expected, wholeDecimalBounds) = expectation(for: direct, decoded: decoded.report)
        #expect(wholeDecimalBounds == 0)
        #expect(decoded == CheckedReport(report: expected, ruleFile: rules.path, rules: checked.rules))
        #expect(JSONReportRenderer().render(decoded) == json)
        #expect(decoded.report.options.rowsAreEvents == (ruleFile == nil))
        // A `Report` reads the same text, ignoring the run's additions.
        #expect(try JSONDecoder().decode(Report.self, from: Data(json.utf8)) == expected)
    }

    @Test func encodingWritesTheContractKeys() throws {
        let direct = try Profiler().profile(bytes: Array("id,when\n1,2024-01-02\n2,\n".utf8), sourceName: "a.csv")
        let encoded = try JSONEncoder().encode(direct)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["schema_version"] as? Int == 2)
        #expect(object["grade"] as? String == direct.grade.rawValue)
        #expect(object["blank_lines"] as? Int == 0)
        let columns = try #require(object["columns"] as? [[String: Any]])
        #expect(columns.map { $0["name"] as? String } == ["id", "when"])
        #expect(columns[1]["min"] as? String == "2024-01-02")
        #expect(columns[1]["nulls"] as? Int == 1)
        #expect(try JSONDecoder().decode(Report.self, from: encoded) == direct)
    }

    @Test func aReportOfAnotherSchemaVersionIsRefused() throws {
        let direct = try Profiler().profile(bytes: Array("a\n1\n".utf8), sourceName: "a.csv")
        let json = JSONReportRenderer().render(direct).replacingOccurrences(
            of: "\"schema_version\": 2,", with: "\"schema_version\": 3,")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Report.self, from: Data(json.utf8)) }
    }

    /// A report saved before schema_version 2 (yesterday's, for `dqcli diff`) is read: the keys 2 added read as
    /// absent, the others as written.
    @Test func aReportOfSchemaVersionOneIsRead() throws {
        let direct = try Profiler().profile(bytes: Array("a\n1\n".utf8), sourceName: "a.csv")
        let json = JSONReportRenderer().render(direct).replacingOccurrences(
            of: "\"schema_version\": 2,", with: "\"schema_version\": 1,")
        #expect(try JSONDecoder().decode(Report.self, from: Data(json.utf8)) == direct)
    }
}

/// `dqcli diff` reads saved reports through ``RunMetrics/init(reportJSON:dataset:path:)``.
@Suite struct SavedReportMetricsTests {
    @Test(arguments: fixtureInputs)
    func metricsOfASavedReportAreThoseOfTheReport(_ relativePath: String) throws {
        let direct = try fixtureReport(relativePath)
        let json = Data(JSONReportRenderer().render(direct).utf8)
        let read = try RunMetrics(reportJSON: json, dataset: "diff", path: "saved.json")
        #expect(read == RunMetrics(report: direct, dataset: "diff", runTime: 0))
    }

    @Test(arguments: [
        ("[1, 2]", "saved.json: not a JSON object."),
        ("{\"rows\": ", "saved.json: not valid JSON: unexpected end of file during JSON parse."),
        ("{bad", "saved.json: not valid JSON: invalid value around character 1."),
        ("{\"schema_version\": 1}", "saved.json: `source` is missing; is it a dqcli JSON report?"),
        (
            "{\"schema_version\": \"1\"}",
            "saved.json: `schema_version` does not hold what a dqcli JSON report holds there."
        ),
        ("{\"schema_version\": 3}", "saved.json: schema_version 3 is not one this library reads (1 to 2).")
    ])
    func anUnreadableReportIsNamed(_ text: String, _ message: String) {
        let error = #expect(throws: ReportReadError.self) {
            try RunMetrics(reportJSON: Data(text.utf8), dataset: "diff", path: "saved.json")
        }
        #expect(error?.description == message)
    }

    @Test func aMissingKeyInsideAColumnIsNamedByItsPath() throws {
        let direct = try Profiler().profile(bytes: Array("a,b\n1,2\n".utf8), sourceName: "a.csv")
        let json = JSONReportRenderer().render(direct).replacingOccurrences(of: "\"nulls\": 0,", with: "")
        let error = #expect(throws: ReportReadError.self) {
            try RunMetrics(reportJSON: Data(json.utf8), dataset: "diff", path: "saved.json")
        }
        #expect(error?.description == "saved.json: `columns.0.nulls` is missing; is it a dqcli JSON report?")
    }
}
