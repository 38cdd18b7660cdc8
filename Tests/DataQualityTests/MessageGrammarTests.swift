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
        (.caseVariant, 2, "2 case variants (line 2)"),
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
        #expect(messages.contains("1 row; allowed 2...."))
        #expect(messages.contains("1 of 1 value is null (100.0%); allowed 50.0%."))
    }
}
