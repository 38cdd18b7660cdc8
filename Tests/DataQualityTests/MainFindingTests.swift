import Foundation
import Testing

@testable import DataQuality

/// The table's MAIN FINDING explains the column's grade.
@Suite struct MainFindingTests {
    /// A column of 10 rows: `nulls` nulls, `recognised` non-null values in well-formed records (the rest of
    /// the 10 cells sit in ragged or malformed records).
    private func column(nulls: Int = 0, recognised: Int = 10, _ findings: [Finding]) -> ColumnProfile {
        ColumnProfile(
            name: "x", index: 0, type: .string, count: 10, nulls: nulls, distinct: 3, distinctIsEstimate: false,
            format: nil, typeCounts: [(.string, recognised)], typeMismatches: 0, whitespaceIssues: 0, min: nil,
            max: nil, mean: nil, stddev: nil, minLength: 1, maxLength: 2, topValues: [],
            scores: Scores(completeness: 1, consistency: 0.5, uniqueness: 1, overall: 0.5), grade: .f,
            findings: findings, conforming: 5)
    }

    @Test func findingsThatDoNotLowerTheScoreNeverWin() {
        let notices = [
            Finding(kind: .leadingZeros, count: 9, example: "007", firstLine: 2),
            Finding(kind: .nonFinite, count: 8, example: "inf", firstLine: 3),
            Finding(kind: .caseVariantsNotChecked, count: 1, example: nil, firstLine: nil)
        ]
        #expect(TableReportRenderer.mainFinding(of: column(notices)) == "-")
        let withNull = notices + [Finding(kind: .null, count: 1, example: "", firstLine: 7)]
        #expect(TableReportRenderer.mainFinding(of: column(nulls: 1, recognised: 9, withNull)) == "1 null (line 7)")
    }

    @Test func largestScoreLoweringCountWinsFirstOnTies() {
        let findings = [
            Finding(kind: .whitespace, count: 2, example: " a", firstLine: 2),
            Finding(kind: .typeMismatch, count: 3, example: "b", firstLine: 3),
            Finding(kind: .controlCharacters, count: 3, example: "c\u{1}", firstLine: 4),
            Finding(kind: .leadingZeros, count: 5, example: "01", firstLine: 5)
        ]
        #expect(TableReportRenderer.mainFinding(of: column(findings)) == "3 type mismatches (line 3)")
    }

    @Test func ruleViolationNamesItsRule() {
        let finding = Finding(kind: .ruleViolation, count: 2, example: "pending", firstLine: 5, rule: "allowed_values")
        #expect(TableReportRenderer.mainFinding(of: column([finding])) == "2 allowed values violations (line 5)")
    }

    /// 10 rows, 1 null, 5 recognised values: 4 cells in ragged or malformed records.
    @Test func cellsOfBadRecordsWinWhenTheyOutnumberEveryFinding() {
        let three = [Finding(kind: .whitespace, count: 3, example: " a", firstLine: 2)]
        #expect(
            TableReportRenderer.mainFinding(of: column(nulls: 1, recognised: 5, three))
                == "4 cells in ragged or malformed rows")
        let four = [Finding(kind: .whitespace, count: 4, example: " a", firstLine: 2)]
        #expect(TableReportRenderer.mainFinding(of: column(nulls: 1, recognised: 5, four)) == "4 whitespace (line 2)")
        #expect(
            TableReportRenderer.mainFinding(of: column(recognised: 9, [])) == "1 cell in ragged or malformed rows")
        #expect(
            TableReportRenderer.mainFinding(of: column(nulls: 1, recognised: 5, three), width: 32)
                == "4 cells in ragged/malformed rows")
        #expect(
            TableReportRenderer.mainFinding(of: column(nulls: 1, recognised: 5, three), width: 25)
                == "4 cells in bad rows")
    }

    /// `12 ` and ` (line 1,234)` take 16 columns of 20: the kind words get 4 (`typ…`).
    @Test func truncationKeepsTheCountAndTheLine() {
        let finding = Finding(kind: .typeMismatch, count: 12, example: "x", firstLine: 1234)
        #expect(TableReportRenderer.mainFinding(of: column([finding])) == "12 type mismatches (line 1,234)")
        #expect(TableReportRenderer.mainFinding(of: column([finding]), width: 20) == "12 typ… (line 1,234)")
        #expect(TableReportRenderer.mainFinding(of: column([finding]), width: 10) == "12 type m…")
    }

    // ColumnProfile.mainFinding, the choice the texts above word.

    @Test func choiceIsTheLargestScoreLoweringFinding() {
        let whitespace = Finding(kind: .whitespace, count: 3, example: " a", firstLine: 2)
        let findings = [
            Finding(kind: .null, count: 1, example: "", firstLine: 1), whitespace,
            Finding(kind: .leadingZeros, count: 5, example: "01", firstLine: 5)
        ]
        #expect(column(nulls: 1, recognised: 9, findings).mainFinding == .finding(whitespace))
    }

    /// 10 rows, 1 null, 5 recognised: 4 cells in bad records outnumber 3 whitespace values.
    @Test func choiceIsTheCellsOfBadRecordsWhenMore() {
        let three = [Finding(kind: .whitespace, count: 3, example: " a", firstLine: 2)]
        #expect(column(nulls: 1, recognised: 5, three).mainFinding == .cellsInBadRecords(4))
    }

    @Test func choiceIsNilWhenNothingLowersTheScore() {
        #expect(column([Finding(kind: .nonFinite, count: 2, example: "inf", firstLine: 3)]).mainFinding == nil)
    }

    /// Fixtures/cases/08-ragged-rows: 4 rows, 2 of them ragged (the case's hand count), so each column has 2
    /// cells in ragged records and no finding; the names are short, so the middle wording fits.
    @Test func raggedCaseShowsItsCellsInTheTable() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/cases/08-ragged-rows/input.csv").path
        let table = TableReportRenderer(width: 80).render(try Profiler().profile(fileAt: path))
        #expect(
            table.contains("\nname   string     0.0%        2   50.0% F     2 cells in ragged/malformed rows\n"),
            "\(table)")
    }
}
