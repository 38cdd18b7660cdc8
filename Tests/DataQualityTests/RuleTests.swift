import Foundation
import Testing

@testable import DataQuality

private let rulesRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/rules")

/// Fixtures/rules/every-rule.csv under Fixtures/rules/every-rule.yml: each rule fails exactly once.
///
/// The file has 12 data records: 10 well-formed (line 11 repeats line 10 exactly), a ragged record (line 12)
/// and a malformed one (line 13). Every cell of the last two is non-null and non-conforming, so a column's
/// best conforming count is 10 of 12. The values breaking one rule each (by hand, from the file):
/// status `pending` (line 6, allowed values), ref `R06` (line 7, pattern), code `007` (line 8, type integer:
/// a leading-zero string), amount `150` (line 8, range 0...100), closed_on `11/20/2026` (line 8, format
/// YYYY-MM-DD; the column's only value, so its dominant format), shipped `2025-12-31` (line 9, range 2026),
/// name `Maximiliana` (line 9, 11 scalars, length 2...10).
@Suite struct RuleScoringTests {
    static func profile(withRules: Bool, exactDistinctLimit: Int = ProfileOptions.defaultExactDistinctLimit) throws
        -> (Report, RuleSet)
    {
        let rules = try RuleFileParser().parse(fileAt: rulesRoot.appendingPathComponent("every-rule.yml").path)
        var options = ProfileOptions()
        options.exactDistinctLimit = exactDistinctLimit
        if withRules { options.rules = rules }
        let report = try Profiler(options: options).profile(
            fileAt: rulesRoot.appendingPathComponent("every-rule.csv").path)
        return (report, rules)
    }

    static let now = ISOTime.seconds("2026-11-29T00:00:00Z")!

    @Test func everyRuleFailsExactlyOnce() throws {
        let (report, rules) = try Self.profile(withRules: true)
        let results = RuleEvaluator(rules: rules).evaluate(report, now: Self.now)
        let failed = results.filter { !$0.passed }.map { ($0.column ?? "", $0.rule) }
        let expected: [(String, String)] = [
            ("", "rows"), ("", "max_duplicate_rows"), ("", "max_ragged_rows"), ("", "max_malformed_rows"),
            ("", "min_grade"), ("shipped", "freshness"), ("", "column_order"), ("", "allow_unexpected_columns"),
            ("id", "unique"), ("status", "allowed_values"), ("status", "min_grade"), ("code", "type"),
            ("ref", "pattern"), ("amount", "range"), ("shipped", "range"), ("name", "length"),
            ("closed_on", "date_format"), ("note", "max_null_fraction"), ("customer", "required")
        ]
        #expect(failed.map(\.0) == expected.map(\.0))
        #expect(failed.map(\.1) == expected.map(\.1))
        // Each value rule is broken by exactly one value, at the line read off the file.
        let valueRules = results.filter {
            ["type", "allowed_values", "pattern", "range", "length", "date_format"].contains($0.rule)
        }
        #expect(valueRules.map(\.observed) == Array(repeating: RuleValue.integer(1), count: 7))
        #expect(valueRules.map(\.firstLine) == [6, 8, 7, 8, 9, 9, 8])
        #expect(
            valueRules.map(\.example) == ["pending", "007", "R06", "150", "2025-12-31", "Maximiliana", "11/20/2026"])
        // Observed values of the other rules, by hand.
        func observed(_ column: String?, _ rule: String) -> RuleValue? {
            results.first { $0.column == column && $0.rule == rule }?.observed
        }
        #expect(observed(nil, "rows") == .integer(12))
        #expect(observed(nil, "max_duplicate_rows") == .integer(1))
        #expect(observed("id", "unique") == .integer(1))
        #expect(observed("note", "max_null_fraction") == .number(2.0 / 12.0))
        #expect(observed("shipped", "freshness") == .text("2026-06-30"))
        #expect(observed("customer", "required") == .bool(false))
        #expect(results.filter { $0.rule == "required" && $0.passed }.count == 9)
        // Every line of the rule file that holds a rule is cited.
        #expect(results.first { $0.column == "amount" && $0.rule == "range" }?.ruleLine == 25)
    }

    @Test func eachValueRuleLowersItsColumnByOneValue() throws {
        let (plain, _) = try Self.profile(withRules: false)
        let (ruled, _) = try Self.profile(withRules: true)
        func column(_ report: Report, _ name: String) -> ColumnProfile { report.columns.first { $0.name == name }! }
        // Without rules, each of these columns conforms in all 10 well-formed records (12 rows); with its rule, 9.
        for name in ["code", "status", "ref", "amount", "shipped", "name"] {
            #expect(column(plain, name).conforming == 10, "\(name)")
            #expect(column(ruled, name).conforming == 9, "\(name)")
            #expect(column(ruled, name).scores.consistency == 9.0 / 12.0, "\(name)")
            #expect(column(ruled, name).scores.overall == 9.0 / 12.0, "\(name)")
        }
        // The type rule replaces the inferred type: `007` made code a string column.
        #expect(column(plain, "code").type == .string)
        #expect(column(ruled, "code").type == .integer)
        #expect(column(ruled, "code").typeMismatches == 1)
        // closed_on: 9 nulls, its one value conformed (1 of 3 non-null cells), the format rule takes it.
        #expect(column(plain, "closed_on").conforming == 1)
        #expect(column(plain, "closed_on").scores.consistency == 1.0 / 3.0)
        #expect(column(ruled, "closed_on").conforming == 0)
        #expect(column(ruled, "closed_on").scores.consistency == 0)
        // Columns without value rules do not move.
        for name in ["id", "note", "extra"] {
            #expect(column(plain, name).scores == column(ruled, name).scores, "\(name)")
        }
        // Dataset: 120 cells; conforming 89 without rules (id 10, code 10, status 10, ref 10, amount 10,
        // shipped 10, name 10, closed_on 1, note 8, extra 10), 82 with them; 109 non-null cells; 1 duplicate.
        #expect(plain.scores.overall == 89.0 / 120.0 * (1 - 1.0 / 12.0))
        #expect(ruled.scores.consistency == 82.0 / 109.0)
        #expect(abs(ruled.scores.overall - 82.0 / 120.0 * 11.0 / 12.0) < 1e-15)
        // Findings name the rule and its first line.
        let finding = column(ruled, "amount").findings.first { $0.kind == .ruleViolation }
        #expect(finding == Finding(kind: .ruleViolation, count: 1, example: "150", firstLine: 8, rule: "range"))
    }

    @Test func streamingPathCountsTheSameAsTheExactTable() throws {
        let (exact, _) = try Self.profile(withRules: true)
        let (streaming, _) = try Self.profile(withRules: true, exactDistinctLimit: 1)
        for (left, right) in zip(exact.columns, streaming.columns) {
            #expect(left.conforming == right.conforming, "\(left.name)")
            #expect(
                left.findings.filter { $0.kind == .ruleViolation }
                    == right.findings.filter { $0.kind == .ruleViolation },
                "\(left.name)")
        }
    }

    /// Chunks merged with rules give the one-pass figures, with exact tables and past the exact bound.
    @Test(arguments: [2, 3, 5])
    func chunkedProfileWithRulesEqualsOnePass(parts: Int) throws {
        let rules = try RuleFileParser().parse(fileAt: rulesRoot.appendingPathComponent("every-rule.yml").path)
        let path = rulesRoot.appendingPathComponent("every-rule.csv").path
        for limit in [100_000, 1] {
            var options = ProfileOptions()
            options.rules = rules
            options.exactDistinctLimit = limit
            let onePass = try Profiler(options: options).profile(
                fileAt: path, chunking: ChunkingPolicy(parts: 1, minimumBytesPerPart: 1))
            let inChunks = try #require(
                try ParallelFileDriver.profile(
                    path: path, options: options, policy: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1)))
            for (left, right) in zip(onePass.columns, inChunks.columns) {
                #expect(left.conforming == right.conforming, "\(left.name), limit \(limit)")
                #expect(left.findings == right.findings, "\(left.name), limit \(limit)")
            }
            #expect(onePass.scores == inChunks.scores)
        }
    }

    @Test func tallyMergeAddsCountsAndKeepsTheEarliestFirst() {
        var left = ValueRuleTally(ruleCount: 2)
        var info = ValueInfo()
        info.valueClass = ValueClass.finiteInteger
        left.add(mask: 0b01, count: 2, first: FirstSeen(line: 9, example: [0x39]), info: info)
        var right = ValueRuleTally(ruleCount: 2)
        right.add(mask: 0b11, count: 1, first: FirstSeen(line: 4, example: [0x34]), info: info)
        var merged = left
        merged.merge(right)
        var reversed = right
        reversed.merge(left)
        #expect(merged.violations == [3, 1])
        #expect(merged.firsts.map { $0?.line } == [4, 4])
        #expect(merged.cleanBreakingByClass[Int(ValueClass.finiteInteger)] == 3)
        #expect(reversed.violations == merged.violations)
        #expect(reversed.firsts.map { $0?.line } == merged.firsts.map { $0?.line })
        var identity = ValueRuleTally(ruleCount: 2)
        identity.merge(left)
        #expect(identity.violations == left.violations)
    }

    @Test func warnLevelRulesDoNotFailTheCheck() throws {
        let rules = try RuleFileParser().parse(
            text: "columns:\n  n:\n    range: {min: 0, max: 5, level: warn}\n", path: "inline.yml")
        var options = ProfileOptions()
        options.rules = rules
        let report = try Profiler(options: options).profile(rows: [["1"], ["9"]], columnNames: ["n"])
        let results = RuleEvaluator(rules: rules).evaluate(report, now: 0)
        let range = try #require(results.first { $0.rule == "range" })
        #expect(!range.passed && range.level == .warn && !range.failsCheck)
        #expect(range.firstLine == 3)
    }
}

/// `dataset: {rows_are_events: true}`: an event log whose equal rows are separate events. The log below has 4
/// records, the second and fourth equal to the first (2 duplicate rows, uniqueness 1 - 2/4 = 0.5), and 8 cells,
/// of which `x` (an integer column's mismatch) is the one non-conforming: 7 / 8 = 0.875.
@Suite struct RowsAreEventsTests {
    static let log = Array("event,amount\nclick,1\nclick,1\nview,x\nclick,1\n".utf8)

    static func report(_ ruleText: String?) throws -> Report {
        var options = ProfileOptions()
        options.rules = try ruleText.map { try RuleFileParser().parse(text: $0, path: "events.yml") }
        return try Profiler(options: options).profile(bytes: log, sourceName: "events.csv")
    }

    @Test func overallLeavesUniquenessOutWhileDuplicatesAreStillCounted() throws {
        let events = try Self.report("dataset:\n  rows_are_events: true\n")
        #expect(events.duplicateRows == 2)
        #expect(events.findings.map(\.kind) == [.duplicateRow])
        #expect(events.scores == Scores(completeness: 1, consistency: 0.875, uniqueness: 0.5, overall: 0.875))
        #expect(events.grade == .d)
        #expect(events.options.rowsAreEvents)
        let json = JSONReportRenderer().render(events)
        #expect(json.contains("\"invalid_rows_include_nulls\": false,\n    \"rows_are_events\": true\n  },"), "\(json)")
    }

    /// Without the setting, or with it false, the contract's formula: 0.875 x 0.5.
    @Test(arguments: [nil, "dataset:\n  rows_are_events: false\n"])
    func theContractFormulaStaysTheDefault(_ ruleText: String?) throws {
        let report = try Self.report(ruleText)
        #expect(report.scores == Scores(completeness: 1, consistency: 0.875, uniqueness: 0.5, overall: 0.4375))
        #expect(report.grade == .f)
        #expect(!report.options.rowsAreEvents)
        #expect(!JSONReportRenderer().render(report).contains("rows_are_events"))
    }

    @Test func theSettingIsTrueOrFalse() throws {
        let error = #expect(throws: RuleFileError.self) {
            try RuleFileParser().parse(text: "dataset:\n  rows_are_events: often\n", path: "events.yml")
        }
        #expect(
            error?.description
                == "events.yml, line 2, key dataset.rows_are_events: expected true or false, found `often`.")
    }
}

@Suite struct RuleFileParserTests {
    /// (fixture, line, key, words the message must hold), each read off the fixture by hand.
    static let badFiles: [(String, Int?, String?, String)] = [
        ("unknown-key.yml", 3, "columns.species.typo", "unknown key `typo`"),
        ("wrong-value-type.yml", 3, "columns.species.max_null_fraction", "expected a number"),
        ("bad-regex.yml", 3, "columns.species.pattern", "not a valid regular expression"),
        ("impossible-range.yml", 3, "columns.body_mass_g.range", "impossible range"),
        ("unknown-level.yml", 3, "columns.species.type.level", "unknown level `fatal`"),
        ("unknown-type.yml", 3, "columns.species.type", "unknown type `text`"),
        ("unknown-grade.yml", 3, "dataset.min_grade", "unknown grade `E`"),
        ("bad-duration.yml", 4, "dataset.freshness.max_age", "not a duration"),
        ("unknown-format.yml", 3, "columns.species.date_format", "unknown format `DD-MM`"),
        ("not-yaml.yml", 3, nil, "not valid YAML"),
        ("not-a-list.yml", 3, "columns.sex.allowed_values", "expected a list"),
        ("fraction-above-one.yml", 3, "columns.species.max_null_fraction", "fraction in 0...1"),
        ("duplicate-key.yml", 4, "columns.species.type", "`type` is written twice in the same mapping; first on line 3")
    ]

    @Test(arguments: badFiles.indices)
    func mistakeNamesItsLineAndKey(_ index: Int) throws {
        let (file, line, key, words) = Self.badFiles[index]
        let path = rulesRoot.appendingPathComponent("bad/" + file).path
        let error = #expect(throws: RuleFileError.self) { try RuleFileParser().parse(fileAt: path) }
        #expect(error?.line == line, "\(file)")
        #expect(error?.key == key, "\(file)")
        #expect(error?.message.contains(words) == true, "\(file): \(error?.message ?? "")")
        #expect(error?.description.hasPrefix(path + ", line ") == true)
    }

    /// Numbers in messages are printed as the rule file wrote them (`min 5`, was `min 5.0`; a date range's ends
    /// were seconds since the epoch), and a YAML syntax error reads as one sentence with single spaces (there
    /// was a double space where Yams' context and problem texts meet).
    @Test(arguments: [
        (
            "columns:\n  n:\n    range: {min: 5, max: 1}\n",
            "t.yml, line 3, key columns.n.range: impossible range: min 5 is above max 1."
        ),
        (
            "columns:\n  day:\n    range: {min: 2024-12-31, max: 2024-01-01}\n",
            "t.yml, line 3, key columns.day.range: impossible range: min 2024-12-31 is above max 2024-01-01."
        ),
        (
            "dataset:\n  rows: {min: 10, max: 2}\ncolumns: {}\n",
            "t.yml, line 2, key dataset.rows: impossible range: min 10 is above max 2."
        ),
        (
            "columns:\n  n:\n    max_null_fraction: 2\n",
            "t.yml, line 3, key columns.n.max_null_fraction: must be a fraction in 0...1, found 2."
        ),
        (
            "columns: {}\ndrift:\n  row_count_change: -1\n",
            "t.yml, line 3, key drift.row_count_change: must be at least 0, found -1."
        ),
        (
            "columns: [\n",
            "t.yml, line 2: not valid YAML: while parsing a flow node in line 2, column 1 did not find expected node content."
        )
    ])
    func messagesQuoteTheRuleFile(_ text: String, _ message: String) throws {
        let error = #expect(throws: RuleFileError.self) { try RuleFileParser().parse(text: text, path: "t.yml") }
        #expect(error?.description == message)
    }

    @Test func shorthandAndMappingFormsReadTheSame() throws {
        let rules = try RuleFileParser().parse(
            text: """
                dataset:
                  name: orders
                  max_duplicate_rows: {value: 3, level: warn}
                columns:
                  id: {type: integer, nullable: false, unique: true}
                  placed: {range: {min: 2024-01-01, max: 2024-12-31}}
                  note:
                drift:
                  window: 3
                  row_count_change: 0.05
                """, path: "inline.yml")
        #expect(rules.dataset.name == "orders")
        #expect(rules.dataset.maxDuplicateRows == RuleLimit(3, level: .warn, line: 3))
        #expect(rules.columns.map(\.name) == ["id", "placed", "note"])
        #expect(rules.columns[0].type == RuleLimit(.integer, line: 5))
        #expect(rules.columns[0].maxNullFraction?.value == 0)
        // 2024-01-01T00:00:00Z is 19723 days after the epoch; the upper date includes its whole day.
        let firstSecond: Int64 = 19_723 * 86_400
        let lastSecond: Int64 = 20_088 * 86_400 + 86_399
        #expect(rules.columns[1].dateRange?.value.seconds == RuleRange(min: firstSecond, max: lastSecond))
        #expect(rules.columns[2].hasValueRules == false)
        #expect(rules.drift.window == 3 && rules.drift.rowCountChange == 0.05 && rules.drift.gradeDrop == 1)
    }

    @Test func isoTimesReadAndPrint() {
        #expect(ISOTime.seconds("1970-01-01T00:00:00Z") == 0)
        #expect(ISOTime.seconds("1970-01-02") == 86_400)
        #expect(ISOTime.seconds("1970-01-01T01:00:00+01:00") == 0)
        #expect(ISOTime.seconds("2026-02-30") == nil)
        #expect(ISOTime.text(1_764_374_400) == "2025-11-29T00:00:00Z")
    }
}
