import Foundation
import Testing

@testable import DataQuality

/// Counts of one take the singular, in messages and in the table.
@Suite struct MessageGrammarTests {
    /// `a,b` then `1`: the record on line 2 has 1 field, the header 2.
    @Test func strictRaggedMessageSaysOneField() throws {
        var options = ProfileOptions()
        options.strict = true
        #expect(
            throws: ProfileError(
                code: .raggedRecord, message: "ragged record: 1 field where the header has 2.", path: "-", line: 2,
                byteOffset: 4)
        ) {
            try Profiler(options: options).profile(bytes: Array("a,b\n1\n".utf8))
        }
    }

    private func column(_ findings: [Finding]) -> ColumnProfile {
        ColumnProfile(
            name: "x", index: 0, type: .string, count: 3, nulls: 0, distinct: 3, distinctIsEstimate: false,
            format: nil, typeCounts: [(.string, 3)], typeMismatches: 0, whitespaceIssues: 0, min: nil, max: nil,
            mean: nil, stddev: nil, minLength: 1, maxLength: 2, topValues: [],
            scores: Scores(completeness: 1, consistency: 0.5, uniqueness: 1, overall: 0.5), grade: .f,
            findings: findings, conforming: 1)
    }

    @Test(arguments: [
        (FindingKind.controlCharacters, 1, "1 control character (line 2)"),
        (.controlCharacters, 2, "2 control characters (line 2)"),
        (.typeMismatch, 1, "1 type mismatch (line 2)"),
        (.caseVariant, 2, "2 case variants (line 2)")
    ])
    func tableMainFindingAgreesInNumber(kind: FindingKind, count: Int, expected: String) {
        let finding = Finding(kind: kind, count: count, example: "a\u{1}", firstLine: 2)
        #expect(TableReportRenderer.mainFinding(of: column([finding])) == expected)
    }

    /// One data row under `rows: {min: 2}` and a null under `max_null_fraction: 0.5`.
    @Test func ruleMessagesForOneRow() throws {
        let rules = try RuleFileParser().parse(
            text: "dataset:\n  rows: {min: 2}\ncolumns:\n  x:\n    max_null_fraction: 0.5\n", path: "one.yml")
        let report = try Profiler().profile(bytes: Array("x\nNA\n".utf8))
        let messages = RuleEvaluator(rules: rules).evaluate(report, now: 0).map(\.message)
        #expect(messages.contains("1 row; allowed at least 2."))
        #expect(messages.contains("1 of 1 value is null (100.0%); allowed 50.0%."))
    }

    private static let rulesRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rules")

    /// The failed rules' messages for Fixtures/rules/rule-messages.csv under rule-messages.yml, by the rule's line.
    private func failedMessages(_ name: String) throws -> [Int: String] {
        let rules = try RuleFileParser().parse(fileAt: Self.rulesRoot.appendingPathComponent(name + ".yml").path)
        var options = ProfileOptions()
        options.rules = rules
        let report = try Profiler(options: options).profile(
            fileAt: Self.rulesRoot.appendingPathComponent(name + ".csv").path)
        let results = RuleEvaluator(rules: rules).evaluate(report, now: ISOTime.seconds("2026-01-01T00:00:00Z")!)
        return Dictionary(uniqueKeysWithValues: results.filter { !$0.passed }.map { ($0.ruleLine, $0.message) })
    }

    /// Half-open ranges read as words ("at least 1000", "below 0"), never as `1000...` before the period, and a
    /// value or column name ending in a period is quoted. Lines of rule-messages.csv: 2 is id 1, 3 is id 2
    /// (amount -3), 4 is id 3 (name `Catherine.`, 10 scalars; day 2021-03-01); 3 data rows; column `Dr.` is not
    /// in the rule file.
    @Test func halfOpenRangesAndTrailingPeriods() throws {
        let messages = try failedMessages("rule-messages")
        #expect(
            messages == [
                4: "3 rows; allowed at least 1000.",
                5: "1 column not in the rule file: `Dr.`.",
                10: "1 value below 0, first at line 3: `-3`.",
                12: "1 value with a length above 5, first at line 4: `Catherine.`.",
                13: "1 value outside the allowed values `Ann`, `Bo`, first at line 4: `Catherine.`.",
                15: "1 value after 2021-01-31, first at line 4: `2021-03-01`."
            ])
    }

    /// Every message of every rule (each fails once in every-rule.csv) ends with exactly one period.
    @Test(arguments: ["every-rule", "rule-messages"])
    func everyRuleMessageEndsWithOnePeriod(_ name: String) throws {
        let messages = try failedMessages(name)
        #expect(messages.count >= 6)
        for (line, message) in messages {
            #expect(message.hasSuffix(".") && !message.hasSuffix(".."), "rule line \(line): \(message)")
        }
    }
}
