/// What a finished column adds to the dataset totals.
struct ColumnTotals {
    var profile: ColumnProfile
    /// rows - nulls: every cell of a ragged or malformed record counts as non-null.
    var nonNullCells: Int
    var conformingCells: Int
    /// The column's nulls when the rule file expects them (they leave the dataset's scores' cells), else 0.
    var expectedNullCells: Int
    /// Judges single values by the same rules that counted `conformingCells` (the failing-rows pass).
    var judge: ConformanceJudge
}

extension ColumnEvidence {
    /// Settles the column type, dominant format and conformance, and builds the column's profile, in named
    /// steps: type choice (``conformanceJudge()``), conformance (``conformance(_:)``), distinct and top values,
    /// bounds, moments and distributions, scores and grade (``Scores/column(rows:nulls:nonNullValues:conforming:distinct:isKey:)``),
    /// findings (``findings(_:judge:distinct:isKey:mostFrequent:)``).
    /// - Parameters:
    ///   - rows: the report's data records (every cell of a ragged or malformed record is non-null and
    ///     non-conforming).
    func profile(name: String, index: Int, rows: Int, isKey: Bool, thresholds: GradeThresholds) -> ColumnTotals {
        var judge = conformanceJudge()
        let tally = conformance(&judge)
        // Data records but no well-formed one (each gives every column a value or a null): nothing was judged.
        let columnType = rows > 0 && nulls + nonNull == 0 ? ColumnType.unknown : judge.columnType
        let dominant = judge.dominantFormat
        let (distinct, wholeTopValues) = distinctAndTopValues()
        let (wholeMinimum, wholeMaximum) = bounds(
            columnType, dominantRank: dominant?.rank, dayFirst: state.counts.readsSlashDatesDayFirst,
            variants: judge.caseVariants, numbers: tally.numbers)
        let (topValues, minimum, maximum, valuesTruncated) = Self.shown(wholeTopValues, wholeMinimum, wholeMaximum)
        let (mean, deviation) = moments(columnType, numbers: tally.numbers)
        let selection = DistributionSelection(type: columnType, dominantRank: dominant?.rank)
        let distributions =
            table.map {
                ExactDistributions.of(
                    $0, selection: selection, classifier: context.classifier, numbers: tally.numbers)
            }
            ?? sketches!.distributions.distributions(selection)
        let nullsExpected = context.rules?.expectsNulls(nulls, rows: rows) ?? false
        let scores = Scores.column(
            rows: rows, nulls: nulls, nonNullValues: nonNull, conforming: tally.conforming, distinct: distinct,
            isKey: isKey, nullsExpected: nullsExpected)
        var profile = ColumnProfile(
            name: name, index: index, type: columnType, count: rows, nulls: nulls, distinct: distinct,
            distinctIsEstimate: !isExact, format: tally.numbers.map(\.formatName) ?? dominant?.name,
            typeCounts: typeCounts(judge),
            typeMismatches: tally.mismatches, whitespaceIssues: state.counts.whitespace, min: minimum,
            max: maximum, mean: mean, stddev: deviation, minLength: nonNull > 0 ? state.counts.minLength : nil,
            maxLength: nonNull > 0 ? state.counts.maxLength : nil, topValues: topValues, scores: scores,
            grade: thresholds.grade(overall: scores.overall, rows: rows),
            findings: findings(
                tally, judge: judge, distinct: distinct, isKey: isKey, mostFrequent: wholeTopValues.first?.value),
            conforming: tally.conforming,
            valueDistribution: distributions.value, lengthDistribution: distributions.length,
            nullTokens: state.nullTokens.inByteOrder.map { (token: $0.token, count: $0.tally.count) },
            nullsExpected: nullsExpected, valuesTruncated: valuesTruncated)
        profile.unit = tally.numbers?.unitName
        return ColumnTotals(
            profile: profile, nonNullCells: rows - nulls, conformingCells: tally.conforming,
            expectedNullCells: nullsExpected ? nulls : 0, judge: judge)
    }
}
