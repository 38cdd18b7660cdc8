/// What a finished column adds to the dataset totals.
struct ColumnTotals {
    var profile: ColumnProfile
    /// rows - nulls: every cell of a ragged or malformed record counts as non-null.
    var nonNullCells: Int
    var conformingCells: Int
    /// Judges single values by the same rules that counted `conformingCells` (the failing-rows pass).
    var judge: ConformanceJudge
}

extension ColumnEvidence {
    /// Settles the column type, dominant format and conformance, and builds the column's profile, in named
    /// steps: type choice (``conformanceJudge()``), conformance (``conformance(_:)``), distinct and top values,
    /// bounds, moments and distributions, scores and grade (``Scores/column(rows:nulls:nonNullValues:conforming:distinct:isKey:)``),
    /// findings (``findings(_:judge:distinct:isKey:)``).
    /// - Parameters:
    ///   - rows: the report's data records (every cell of a ragged or malformed record is non-null and
    ///     non-conforming).
    func profile(name: String, index: Int, rows: Int, isKey: Bool, thresholds: GradeThresholds) -> ColumnTotals {
        var judge = conformanceJudge()
        let tally = conformance(&judge)
        let columnType = judge.columnType
        let dominant = judge.dominantFormat
        let (distinct, topValues) = distinctAndTopValues()
        let (minimum, maximum) = bounds(
            columnType, dominantRank: dominant?.rank, dayFirst: state.counts.readsSlashDatesDayFirst,
            variants: judge.caseVariants, numbers: tally.numbers)
        let (mean, deviation) = moments(columnType, numbers: tally.numbers)
        let selection = DistributionSelection(type: columnType, dominantRank: dominant?.rank)
        let distributions =
            table.map {
                ExactDistributions.of(
                    $0, selection: selection, classifier: context.classifier, numbers: tally.numbers)
            }
            ?? sketches!.distributions.distributions(selection)
        let scores = Scores.column(
            rows: rows, nulls: nulls, nonNullValues: nonNull, conforming: tally.conforming, distinct: distinct,
            isKey: isKey)
        var profile = ColumnProfile(
            name: name, index: index, type: columnType, count: rows, nulls: nulls, distinct: distinct,
            distinctIsEstimate: !isExact, format: tally.numbers.map(\.formatName) ?? dominant?.name,
            typeCounts: typeCounts(judge),
            typeMismatches: tally.mismatches, whitespaceIssues: state.counts.whitespace, min: minimum,
            max: maximum, mean: mean, stddev: deviation, minLength: nonNull > 0 ? state.counts.minLength : nil,
            maxLength: nonNull > 0 ? state.counts.maxLength : nil, topValues: topValues, scores: scores,
            grade: thresholds.grade(overall: scores.overall, rows: rows),
            findings: findings(tally, judge: judge, distinct: distinct, isKey: isKey), conforming: tally.conforming,
            valueDistribution: distributions.value, lengthDistribution: distributions.length)
        profile.unit = tally.numbers?.unitName
        return ColumnTotals(
            profile: profile, nonNullCells: rows - nulls, conformingCells: tally.conforming, judge: judge)
    }
}
