/// What lowers a column's grade most: the reason its `overall` score (contract, "Column scores": conforming /
/// rows) falls short, as the table, Markdown and HTML reports show it in their main-finding column.
public enum MainFinding: Sendable, Equatable {
    /// A column finding that counts non-conforming or null values.
    case finding(Finding)
    /// Cells of ragged or malformed records: each counts in `rows` and none conforms.
    case cellsInBadRecords(Int)
}

extension Report {
    /// The column whose main finding a summary of the report shows: of the columns that have one
    /// (``ColumnProfile/mainFinding``), the worst (``ColumnProfile/isWorse(than:)``); nil when none has.
    /// O(c × findings) for c columns.
    public var worstColumnWithMainFinding: ColumnProfile? {
        columns.filter { $0.mainFinding != nil }.min { $0.isWorse(than: $1) }
    }
}

extension ColumnProfile {
    /// Whether this column comes before `other` worst first: by overall score, then grade, then file order.
    public func isWorse(than other: ColumnProfile) -> Bool {
        if scores.overall != other.scores.overall { return scores.overall < other.scores.overall }
        if grade != other.grade { return grade < other.grade }
        return index < other.index
    }

    /// Column findings that lower the score: each counts values that do not conform or are null.
    /// (`leading_zeros`, `non_finite` and `case_variants_not_checked` count conforming values or say what was
    /// not checked, so they never explain a grade.)
    public static let scoreLoweringKinds: Set<FindingKind> = [
        .typeMismatch, .mixedFormats, .whitespace, .invalidUTF8, .controlCharacters, .caseVariant, .null,
        .ruleViolation, .duplicateValue
    ]

    /// What lowers the column's score most: among the findings of ``scoreLoweringKinds`` the one with the
    /// largest count (the first such in the report's order), unless the cells of ragged or malformed records
    /// outnumber it: then ``MainFinding/cellsInBadRecords(_:)``. `nil` when nothing lowers the score.
    /// O(findings + types).
    public var mainFinding: MainFinding? {
        var best: Finding?
        for finding in findings where Self.scoreLoweringKinds.contains(finding.kind) {
            if best.map({ finding.count > $0.count }) ?? true { best = finding }
        }
        // Every non-null value of a well-formed record is recognised as some type; the rest of the column's
        // non-null cells sit in ragged or malformed records.
        let recognised = typeCounts.reduce(0) { $0 + $1.count }
        let cellsInBadRecords = count - nulls - recognised
        if cellsInBadRecords > 0 && cellsInBadRecords > best?.count ?? 0 {
            return .cellsInBadRecords(cellsInBadRecords)
        }
        return best.map { .finding($0) }
    }
}
