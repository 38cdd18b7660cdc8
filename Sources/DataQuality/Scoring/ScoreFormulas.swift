/// The report contract's score formulas (`docs/report-contract.md`, "Column scores" and "Dataset scores";
/// `docs/report-additions.md`, `options.rows_are_events`), as pure functions of counts.
///
/// A rule file's effect enters through the counts: a value that breaks a value rule is not counted in
/// `conforming`, and `rows_are_events` is an argument of the dataset formula.
extension Scores {
    /// A column's scores (contract, "Column scores"): completeness = (rows - nulls) / rows; consistency =
    /// conforming / (rows - nulls), 1 when that is 0; uniqueness = distinct / non-null values in well-formed
    /// records, 1 when there are none; overall = conforming / rows, times uniqueness for a key column. With no
    /// rows every score is 0. O(1).
    /// - Parameters:
    ///   - rows: the report's data records (the cells of ragged and malformed records are non-null and do not
    ///     conform).
    ///   - nulls: null values in well-formed records.
    ///   - nonNullValues: non-null values in well-formed records.
    ///   - conforming: conforming values (after case variants and the column's value rules).
    ///   - distinct: distinct non-null values in well-formed records.
    ///   - isKey: whether the column was named a key (`--key`).
    ///   - nullsExpected: the rule file expects the column's nulls (``ColumnRules/expectsNulls(_:rows:)``): they
    ///     leave the numerator and the denominator of completeness and overall, which count the rows - nulls
    ///     cells that are not null (each 1 when there are none), as `docs/report-additions.md` says.
    static func column(
        rows: Int, nulls: Int, nonNullValues: Int, conforming: Int, distinct: Int, isKey: Bool,
        nullsExpected: Bool = false
    ) -> Scores {
        guard rows > 0 else { return Scores(completeness: 0, consistency: 0, uniqueness: 0, overall: 0) }
        let nonNullCells = rows - nulls
        let counted = nullsExpected ? nonNullCells : rows
        let overall =
            counted == 0
            ? 1
            : isKey && nonNullValues > 0
                ? Double(conforming) * Double(distinct) / (Double(counted) * Double(nonNullValues))
                : Double(conforming) / Double(counted)
        return Scores(
            completeness: counted > 0 ? Double(nonNullCells) / Double(counted) : 1,
            consistency: nonNullCells > 0 ? Double(conforming) / Double(nonNullCells) : 1,
            uniqueness: nonNullValues > 0 ? Double(distinct) / Double(nonNullValues) : 1,
            overall: overall)
    }

    /// The dataset's scores (contract, "Dataset scores"): completeness = non-null cells / (rows x columns);
    /// consistency = conforming cells / non-null cells, 1 when there are none; uniqueness = 1 - duplicate rows /
    /// rows; overall = conforming cells / (rows x columns) x uniqueness. Without a duplicate check uniqueness is
    /// `nil` and overall has no uniqueness factor (contract, `duplicate_rows`); when rows are events it has none
    /// either (additions, `rows_are_events`). With no rows or no columns every score is 0 (uniqueness too, when
    /// duplicates were checked). O(1).
    /// - Parameters:
    ///   - rows: the report's data records.
    ///   - columns: the report's columns.
    ///   - nonNullCells: the sum over columns of rows - nulls.
    ///   - conformingCells: the sum over columns of conforming values.
    ///   - duplicateRows: the report's `duplicate_rows`; `nil` when duplicates were not checked.
    ///   - rowsAreEvents: the rule file's `dataset: {rows_are_events: true}`.
    ///   - expectedNullCells: the nulls of the columns whose nulls the rule file expects: they leave the cells
    ///     that completeness and overall divide by (each 1 when no cell is left).
    static func dataset(
        rows: Int, columns: Int, nonNullCells: Int, conformingCells: Int, duplicateRows: Int?, rowsAreEvents: Bool,
        expectedNullCells: Int = 0
    ) -> Scores {
        let cells = rows * columns
        guard cells > 0 else {
            return Scores(completeness: 0, consistency: 0, uniqueness: duplicateRows == nil ? nil : 0, overall: 0)
        }
        let counted = cells - expectedNullCells
        let conformingShare = counted > 0 ? Double(conformingCells) / Double(counted) : 1
        // Equal rows that are separate events are not a fault: the overall score leaves uniqueness out.
        let overall =
            rowsAreEvents
            ? conformingShare
            : duplicateRows.map {
                counted > 0
                    ? Double(conformingCells) * Double(rows - $0) / (Double(counted) * Double(rows))
                    : Double(rows - $0) / Double(rows)
            } ?? conformingShare
        return Scores(
            completeness: counted > 0 ? Double(nonNullCells) / Double(counted) : 1,
            consistency: nonNullCells > 0 ? Double(conformingCells) / Double(nonNullCells) : 1,
            uniqueness: duplicateRows.map { 1 - Double($0) / Double(rows) }, overall: overall)
    }
}

extension GradeThresholds {
    /// The grade of a column or of the dataset (contract, "Grades" and "Dataset scores"): `F` with no data
    /// rows, else the grade `overall` earns (``grade(for:)``).
    /// - Parameters:
    ///   - overall: the `scores.overall` fraction.
    ///   - rows: the report's data records.
    func grade(overall: Double, rows: Int) -> Grade {
        rows == 0 ? .f : grade(for: overall)
    }
}
