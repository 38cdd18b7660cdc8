import Foundation
import Testing

@testable import DataQuality

private let numberRulesRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func profile(_ fixture: String, rules text: String) throws -> (Report, RuleSet) {
    let rules = try RuleFileParser().parse(text: text, path: "numbers.yml")
    var options = ProfileOptions()
    options.rules = rules
    let report = try Profiler(options: options).profile(
        fileAt: numberRulesRoot.appendingPathComponent(fixture).path)
    return (report, rules)
}

/// A rule file's `decimal_mark`, `number_format` and `unit`, and `suggest` writing them.
@Suite struct NumberRuleTests {
    /// `numbers-formats.csv` (see Fixtures/README.md): in `fourdigit` only `5678` (line 3) is outside `1,234.5`;
    /// in `unitfirst` `1,234` (line 2) and `5,678` (line 3) have no unit, so 2 values break `unit: $`; in
    /// `neutral` every value is in `1,234.5` (the neutral ones fit any grouping).
    @Test func numberFormatAndUnitJudgeValues() throws {
        let (report, rules) = try profile(
            "Fixtures/crafted/numbers-formats.csv",
            rules: """
                columns:
                  fourdigit:
                    number_format: "1,234.5"
                  unitfirst:
                    unit: "$"
                  neutral:
                    number_format: "1,234.5"
                """)
        let results = RuleEvaluator(rules: rules).evaluate(report, now: 0)
        func result(_ column: String, _ rule: String) throws -> RuleResult {
            try #require(results.first { $0.column == column && $0.rule == rule })
        }
        let format = try result("fourdigit", "number_format")
        #expect(!format.passed)
        #expect(format.observed == .integer(1))
        #expect(format.firstLine == 3)
        #expect(format.example == "5678")
        #expect(format.message == "1 value not in the number format 1,234.5, first at line 3: `5678`.")
        let unit = try result("unitfirst", "unit")
        #expect(unit.observed == .integer(2))
        #expect(unit.firstLine == 2)
        #expect(unit.example == "1,234")
        #expect(try result("neutral", "number_format").passed)
    }

    /// `decimal_mark: ","` on `count` of `numbers-ambiguous-point.csv` reads `1.234`, `12.005`, `640` as the
    /// integers 1234, 12005, 640 (format `1.234,5`); `total` keeps the convention its values decide.
    @Test func aColumnsDecimalMarkSetsItsConvention() throws {
        let (report, _) = try profile(
            "Fixtures/crafted/numbers-ambiguous-point.csv", rules: "columns:\n  count:\n    decimal_mark: \",\"\n")
        let count = try #require(report.columns.first { $0.name == "count" })
        #expect(count.type == .integer)
        #expect(count.format == "1.234,5")
        #expect(count.max == .integer(12005))
        let total = try #require(report.columns.first { $0.name == "total" })
        #expect(total.format == "1,234.5")
    }

    /// `range` on cases-v2 40's European export judges each value as the column reads its numbers (comma-decimal,
    /// with its grouping and unit). By hand: `preis` reads 1234.5, 89.9, 12, 2045, 999.99, 1500 (lines 2 to 7), so
    /// `{min: 10, max: 1000}` is broken by 1.234,50, 2.045,00 and 1500,00 (3, first at line 2); 1500,00 is
    /// already a mixed format, so conforming falls from 5 to 3. `rabatt` reads 12.5, 5, 0, 7.5, 10, 0: only
    /// `12,5 %` (line 2) is above 10. `versand` reads 3.1, 4.5, 3.1, 12, 0, 25: only `€ 0,00` (line 6) is below 1.
    @Test func rangeJudgesWrittenNumbersAsTheColumnReadsThem() throws {
        let (report, rules) = try profile(
            "Fixtures/cases-v2/40-european-semicolon-export/input.csv",
            rules: """
                columns:
                  preis:
                    range: {min: 10, max: 1000}
                  rabatt:
                    range: {min: 0, max: 10}
                  versand:
                    range: {min: 1}
                """)
        let results = RuleEvaluator(rules: rules).evaluate(report, now: 0)
        let ranges = results.filter { $0.rule == "range" }
        #expect(ranges.map(\.column) == ["preis", "rabatt", "versand"])
        #expect(ranges.map(\.passed) == [false, false, false])
        #expect(ranges.map(\.observed) == [.integer(3), .integer(1), .integer(1)])
        #expect(ranges.map(\.firstLine) == [2, 2, 6])
        #expect(ranges.map(\.example) == ["1.234,50", "12,5 %", "€ 0,00"])
        #expect(report.columns.map(\.conforming) == [6, 3, 5, 5])
        let preis = try #require(report.columns.first { $0.name == "preis" })
        #expect(preis.scores.consistency == 3.0 / 6.0)
        #expect(preis.min == .decimal(12.0))
        #expect(preis.max == .decimal(2045.0))
    }

    /// Past the exact bound (limit 2: every number column overflows) the range judges each occurrence while
    /// the convention is not known yet, so it counts under both and takes the column's at the end: the same
    /// violations as with exact tables (the `rangeJudges...` test above), in one pass and in chunks.
    @Test(arguments: [1, 3])
    func rangePastTheExactBoundJudgesUnderTheColumnsConvention(parts: Int) throws {
        let rules = try RuleFileParser().parse(
            text: "columns:\n  preis:\n    range: {min: 10, max: 1000}\n  rabatt:\n    range: {min: 0, max: 10}\n"
                + "  versand:\n    range: {min: 1}\n",
            path: "numbers.yml")
        var options = ProfileOptions()
        options.rules = rules
        options.decimalMark = .comma
        options.exactDistinctLimit = 2
        let path = numberRulesRoot.appendingPathComponent("Fixtures/cases-v2/40-european-semicolon-export/input.csv")
            .path
        let report = try Profiler(options: options).profile(
            fileAt: path, chunking: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1))
        let violations = report.columns.map { column in column.findings.filter { $0.kind == .ruleViolation } }
        #expect(
            violations == [
                [],
                [Finding(kind: .ruleViolation, count: 3, example: "1.234,50", firstLine: 2, rule: "range")],
                [Finding(kind: .ruleViolation, count: 1, example: "12,5 %", firstLine: 2, rule: "range")],
                [Finding(kind: .ruleViolation, count: 1, example: "€ 0,00", firstLine: 6, rule: "range")]
            ])
    }

    @Test(arguments: [
        (
            "columns:\n  n:\n    number_format: \"1.234.5\"\n",
            "numbers.yml, line 3, key columns.n.number_format: unknown number format `1.234.5`; expected 1234.5 as it would be written in it, such as 1,234.5, 1.234,5, 1 234,5, $1,234.5, 1234,5% or EUR 1.234,5."
        ),
        (
            "columns:\n  n:\n    unit: \"XYZ\"\n",
            "numbers.yml, line 3, key columns.n.unit: unknown unit `XYZ`; expected %, $, €, £, ¥, ₹ or an ISO 4217 code such as EUR, USD or CHF."
        ),
        (
            "columns:\n  n:\n    decimal_mark: \";\"\n",
            "numbers.yml, line 3, key columns.n.decimal_mark: unknown decimal mark `;`; expected \".\" or \",\"."
        )
    ])
    func anUnknownValueNamesItsLineAndKey(_ text: String, _ message: String) throws {
        let error = #expect(throws: RuleFileError.self) { try RuleFileParser().parse(text: text, path: "numbers.yml") }
        #expect(error?.description == message)
    }

    /// `suggest` on `numbers-formats.csv`: `neutral` (format `1,234.5`, no mixed values) gets `number_format`;
    /// `unitfirst` has mixed formats, so neither rule; `exponent` is plain (no format).
    @Test func suggestWritesNumberFormatsAndUnits() throws {
        let text = try RuleSuggester().suggest(
            fileAt: numberRulesRoot.appendingPathComponent("Fixtures/crafted/numbers-formats.csv").path,
            options: ProfileOptions())
        #expect(text.contains("number_format: \"1,234.5\""))
        #expect(!text.contains("unit:"))
        let units = try RuleSuggester().suggest(
            fileAt: numberRulesRoot.appendingPathComponent("Fixtures/crafted/numbers-ambiguous-comma.csv").path,
            options: ProfileOptions())
        #expect(units.contains("number_format: \"1.234,5\""))
        #expect(units.contains("number_format: \"1234,5\""))
    }

    /// `suggest` on cases-v2 40's European export writes `rabatt`'s `1234,5%` and `%`, and `versand`'s
    /// `€1234,5` and `€` (`preis` has a mixed value, so none); the suggested file then passes on the same file:
    /// every number is read with its format's decimal mark.
    @Test func suggestedUnitsPassOnTheirFile() throws {
        let path = numberRulesRoot.appendingPathComponent("Fixtures/cases-v2/40-european-semicolon-export/input.csv")
            .path
        let text = try RuleSuggester().suggest(fileAt: path, options: ProfileOptions())
        #expect(text.contains("number_format: \"1234,5%\"\n    unit: \"%\""))
        #expect(text.contains("number_format: \"€1234,5\"\n    unit: \"€\""))
        #expect(!text.contains("number_format: \"1.234,5\""))
        let (report, rules) = try profile("Fixtures/cases-v2/40-european-semicolon-export/input.csv", rules: text)
        let results = RuleEvaluator(rules: rules).evaluate(report, now: 0)
        let numberRules = results.filter { ["number_format", "unit"].contains($0.rule) }
        #expect(numberRules.count == 4)
        #expect(numberRules.filter { !$0.passed }.isEmpty)
    }
}

/// Drift of a number column's unit and number format between runs (the history keeps both from schema
/// version 3; runs recorded before hold nil and are not compared).
@Suite struct NumberDriftTests {
    private static func run(format: String?, unit: String?, time: Int64) -> RunMetrics {
        let scores = Scores(completeness: 1, consistency: 1, uniqueness: 1, overall: 1)
        return RunMetrics(
            dataset: "d", runTime: time, source: "d.csv", rows: 10, scores: scores, grade: .a, duplicateRows: 0,
            raggedRows: 0, malformedRows: 0, rulesFailed: 0, rulesWarned: 0,
            columns: [
                ColumnMetrics(
                    name: "amount", type: .decimal, nulls: 0, nullFraction: 0, distinct: 10, scores: scores, grade: .a,
                    numberFormat: format, unit: unit)
            ])
    }

    @Test func aChangedUnitOrNumberFormatIsDrift() {
        let detector = DriftDetector()
        let plain = Self.run(format: "", unit: "", time: 1)
        let euro = Self.run(format: "1.234,5 EUR", unit: "EUR", time: 2)
        let unit = detector.findings(current: euro, earlier: [plain])
        #expect(unit.map(\.kind) == [.unitChange])
        #expect(unit.first?.message == "column amount changed unit from none to EUR.")
        #expect(unit.first?.before == RuleValue.none)
        #expect(unit.first?.after == .text("EUR"))
        let grouped = Self.run(format: "1,234.5", unit: "", time: 3)
        let format = detector.findings(current: grouped, earlier: [plain])
        #expect(format.map(\.kind) == [.numberFormatChange])
        #expect(format.first?.message == "column amount changed number format from none to 1,234.5.")
        let unrecorded = Self.run(format: nil, unit: nil, time: 0)
        #expect(detector.findings(current: euro, earlier: [unrecorded]).isEmpty)
    }

    /// The metrics of a report: a number column records its format and unit (`""` for none), other columns nil.
    @Test func columnMetricsRecordNumberFormats() throws {
        let report = try Profiler().profile(
            fileAt: numberRulesRoot.appendingPathComponent("Fixtures/cases-v2/40-european-semicolon-export/input.csv")
                .path
        )
        let metrics = RunMetrics(report: report, dataset: "d", runTime: 0)
        #expect(metrics.columns.map(\.numberFormat) == [nil, "1.234,5", "1234,5%", "€1234,5"])
        #expect(metrics.columns.map(\.unit) == [nil, "", "%", "€"])
    }
}
