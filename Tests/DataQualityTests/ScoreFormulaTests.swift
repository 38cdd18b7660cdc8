import Testing

@testable import DataQuality

/// The contract's score formulas, with values worked out by hand from "Column scores" and "Dataset scores"
/// (docs/report-contract.md) and `rows_are_events` (docs/report-additions.md).
@Suite struct ScoreFormulaTests {
    /// 10 rows, 2 nulls, 8 values, 6 conforming, 4 distinct: completeness 8/10, consistency 6/8,
    /// uniqueness 4/8, overall 6/10.
    @Test func columnScoresFollowTheContract() {
        let scores = Scores.column(rows: 10, nulls: 2, nonNullValues: 8, conforming: 6, distinct: 4, isKey: false)
        #expect(scores == Scores(completeness: 0.8, consistency: 0.75, uniqueness: 0.5, overall: 0.6))
    }

    /// The same column as a key: overall 6/10 x 4/8 = 0.3.
    @Test func aKeyColumnsOverallIsMultipliedByItsUniqueness() {
        let scores = Scores.column(rows: 10, nulls: 2, nonNullValues: 8, conforming: 6, distinct: 4, isKey: true)
        #expect(scores == Scores(completeness: 0.8, consistency: 0.75, uniqueness: 0.5, overall: 0.3))
    }

    /// 4 rows, one of them ragged: 3 values in well-formed records, all conforming and distinct. The ragged
    /// cell is non-null and does not conform: completeness 4/4, consistency 3/4, uniqueness 3/3, overall 3/4.
    @Test func cellsOfBadRecordsAreNonNullAndDoNotConform() {
        let scores = Scores.column(rows: 4, nulls: 0, nonNullValues: 3, conforming: 3, distinct: 3, isKey: false)
        #expect(scores == Scores(completeness: 1, consistency: 0.75, uniqueness: 1, overall: 0.75))
    }

    @Test func anAllNullColumnIsConsistentAndUniqueButScoresZero() {
        let expected = Scores(completeness: 0, consistency: 1, uniqueness: 1, overall: 0)
        #expect(
            Scores.column(rows: 5, nulls: 5, nonNullValues: 0, conforming: 0, distinct: 0, isKey: false) == expected)
        #expect(Scores.column(rows: 5, nulls: 5, nonNullValues: 0, conforming: 0, distinct: 0, isKey: true) == expected)
    }

    /// Expected nulls (a rule file's `nullable: true`): the 2 nulls leave the 10 rows, so completeness 8/8,
    /// consistency 6/8 as before, uniqueness 4/8, overall 6/8; as a key 6/8 x 4/8.
    @Test func expectedNullsLeaveCompletenessAndOverall() {
        let scores = Scores.column(
            rows: 10, nulls: 2, nonNullValues: 8, conforming: 6, distinct: 4, isKey: false, nullsExpected: true)
        #expect(scores == Scores(completeness: 1, consistency: 0.75, uniqueness: 0.5, overall: 0.75))
        let key = Scores.column(
            rows: 10, nulls: 2, nonNullValues: 8, conforming: 6, distinct: 4, isKey: true, nullsExpected: true)
        #expect(key == Scores(completeness: 1, consistency: 0.75, uniqueness: 0.5, overall: 0.375))
    }

    /// A column whose every cell is an expected null has no cell left to judge: completeness and overall 1.
    @Test func anAllNullColumnWhoseNullsAreExpectedScoresOne() {
        let scores = Scores.column(
            rows: 5, nulls: 5, nonNullValues: 0, conforming: 0, distinct: 0, isKey: false, nullsExpected: true)
        #expect(scores == Scores(completeness: 1, consistency: 1, uniqueness: 1, overall: 1))
    }

    /// 10 rows x 3 columns, 3 of the nulls expected: 27 cells count, 27 non-null, 24 conforming, 2 duplicate
    /// rows: completeness 27/27, consistency 24/27, overall 24/27 x 8/10.
    @Test func expectedNullCellsLeaveTheDatasetsCells() {
        let scores = Scores.dataset(
            rows: 10, columns: 3, nonNullCells: 27, conformingCells: 24, duplicateRows: 2, rowsAreEvents: false,
            expectedNullCells: 3)
        #expect(
            scores
                == Scores(
                    completeness: 1, consistency: 8.0 / 9.0, uniqueness: 0.8, overall: 24.0 * 8.0 / (27.0 * 10.0)))
    }

    @Test func aColumnWithoutRowsScoresZero() {
        let scores = Scores.column(rows: 0, nulls: 0, nonNullValues: 0, conforming: 0, distinct: 0, isKey: true)
        #expect(scores == Scores(completeness: 0, consistency: 0, uniqueness: 0, overall: 0))
    }

    /// 10 rows x 3 columns = 30 cells, 27 non-null, 24 conforming, 2 duplicate rows: completeness 27/30,
    /// consistency 24/27, uniqueness 1 - 2/10, overall 24/30 x 8/10 = 0.64.
    @Test func datasetScoresFollowTheContract() {
        let scores = Scores.dataset(
            rows: 10, columns: 3, nonNullCells: 27, conformingCells: 24, duplicateRows: 2, rowsAreEvents: false)
        #expect(scores == Scores(completeness: 0.9, consistency: 8.0 / 9.0, uniqueness: 0.8, overall: 0.64))
    }

    /// Rows that are events keep their uniqueness score, but overall is 24/30 without it.
    @Test func rowsAreEventsLeavesUniquenessOutOfOverall() {
        let scores = Scores.dataset(
            rows: 10, columns: 3, nonNullCells: 27, conformingCells: 24, duplicateRows: 2, rowsAreEvents: true)
        #expect(scores == Scores(completeness: 0.9, consistency: 8.0 / 9.0, uniqueness: 0.8, overall: 0.8))
    }

    @Test func withoutADuplicateCheckUniquenessIsNullAndNoFactor() {
        let scores = Scores.dataset(
            rows: 10, columns: 3, nonNullCells: 27, conformingCells: 24, duplicateRows: nil, rowsAreEvents: false)
        #expect(scores == Scores(completeness: 0.9, consistency: 8.0 / 9.0, uniqueness: nil, overall: 0.8))
    }

    /// 4 rows x 2 columns, every cell null: the 4 equal rows hold 3 duplicates, uniqueness 1 - 3/4.
    @Test func anAllNullDatasetIsConsistentButScoresZero() {
        let scores = Scores.dataset(
            rows: 4, columns: 2, nonNullCells: 0, conformingCells: 0, duplicateRows: 3, rowsAreEvents: false)
        #expect(scores == Scores(completeness: 0, consistency: 1, uniqueness: 0.25, overall: 0))
    }

    @Test func aDatasetWithoutRowsScoresZero() {
        #expect(
            Scores.dataset(
                rows: 0, columns: 3, nonNullCells: 0, conformingCells: 0, duplicateRows: 0, rowsAreEvents: true)
                == Scores(completeness: 0, consistency: 0, uniqueness: 0, overall: 0))
        #expect(
            Scores.dataset(
                rows: 0, columns: 3, nonNullCells: 0, conformingCells: 0, duplicateRows: nil, rowsAreEvents: false)
                == Scores(completeness: 0, consistency: 0, uniqueness: nil, overall: 0))
    }

    @Test func noRowsGradeFWhateverTheScore() {
        #expect(GradeThresholds.default.grade(overall: 1, rows: 0) == .f)
        #expect(GradeThresholds.default.grade(overall: 0.99, rows: 1) == .a)
        #expect(GradeThresholds.default.grade(overall: 0.9499, rows: 1) == .c)
    }
}
