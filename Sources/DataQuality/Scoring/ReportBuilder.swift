/// Builds a ``Report`` from a ``ProfileState``: the one way from a state to a report. The steps: each column's
/// evidence (``ColumnEvidence``) scored into its profile (``ColumnEvidence/profile(name:index:rows:isKey:thresholds:)``),
/// the dataset's scores (``Scores/dataset(rows:columns:nonNullCells:conformingCells:duplicateRows:rowsAreEvents:)``)
/// and findings (``DatasetFindings``), the grade, and the positions resolved to sources.
public enum ReportBuilder {
    /// The report of a state under a scoring policy: column types and formats, conformance, bounds, moments,
    /// distributions, scores, grades and findings.
    /// - Parameters:
    ///   - state: the state, of one pass or merged.
    ///   - policy: the grade thresholds and the rules that shape the score; its rule file must be the one
    ///     the state was made with.
    ///   - source: where the state's bytes came from (its byte count decides the `no_data` message).
    /// - Throws: ``ProfileError`` `unknownKeyColumn` when the state read no record and the settings name key
    ///   columns; `invalidState` when the state holds impossible values or its rule tallies do not fit the
    ///   policy's rules.
    /// - Complexity: O(size of the state), plus sorting an exact table's distinct values.
    public static func report(from state: ProfileState, policy: ScoringPolicy, source: SourceDescription) throws
        -> Report
    {
        var scored = state
        scored.rules = policy.rules
        do {
            try scored.checkPlausible()
        } catch is StateReadingError {
            throw ProfileError(code: .invalidState, message: "the state holds impossible values.")
        }
        if !state.header.started, let key = state.settings.keys.first {
            throw ProfileError(.unknownKeyColumn(name: key), path: state.sources.names.first ?? "-")
        }
        return try build(from: scored, policy: policy, source: source).report
    }

    /// The report of a state the caller knows to be sound (a driver's snapshot, a checked state), and each
    /// column's conformance judge (the failing-rows pass judges single values by them).
    /// - Parameter linesToSkip: the lines the caller asked to skip (``ProfileOptions/linesToSkip``), which the
    ///   report's options repeat; the state's settings do not hold them.
    /// - Throws: ``ProfileError`` `invalidState` when a table or sketch of the state is damaged.
    /// - Complexity: as ``report(from:policy:source:)``.
    static func build(from state: ProfileState, policy: ScoringPolicy, source: SourceDescription, linesToSkip: Int = 0)
        throws -> (report: Report, judges: [ConformanceJudge])
    {
        var options = state.settings.options(rules: policy.rules)
        options.gradeThresholds = policy.gradeThresholds
        let thresholds = policy.gradeThresholds
        let names = state.columnNames
        let contexts = ColumnContext.columns(named: names, options: options)
        let rows = state.records.rows
        let totals: [ColumnTotals]
        do {
            let recognizer = NumberFormatRecognizer()
            var evidence = try state.columns.indices.map { index in
                try ColumnEvidence(state.columns[index], context: contexts[index], recognizer: recognizer)
            }
            let conventions = DecimalConventionTally.conventions(
                ofColumns: evidence.map {
                    $0.numbers?.needs ?? $0.sketches?.writtenNumbers.needs ?? DecimalConventionTally()
                },
                decimalMark: options.decimalMark.map { $0 == .comma ? .commaDecimal : .pointDecimal })
            // A rule file's `decimal_mark` sets its column's convention (the first column of a name, as the rules
            // judge it).
            var ruleMarks = options.rules.map(\.columnsByName)?.compactMapValues { $0.decimalMark?.value } ?? [:]
            for index in evidence.indices {
                let mark = ruleMarks.removeValue(forKey: names[index])
                evidence[index].adopt(mark.map { $0 == .comma ? .commaDecimal : .pointDecimal } ?? conventions[index])
            }
            totals = evidence.indices.map { index in
                evidence[index].profile(
                    name: names[index], index: index, rows: rows, isKey: contexts[index].isKey,
                    thresholds: thresholds)
            }
        } catch is StateReadingError {
            throw ProfileError(code: .invalidState, message: "the state holds impossible values.")
        }
        let duplicateRows = options.checksDuplicates && !state.duplicates.isUnknown ? state.duplicates.count : nil
        let rowsAreEvents = options.rules?.dataset.rowsAreEvents ?? false
        let scores = Scores.dataset(
            rows: rows, columns: names.count, nonNullCells: totals.reduce(0) { $0 + $1.nonNullCells },
            conformingCells: totals.reduce(0) { $0 + $1.conformingCells }, duplicateRows: duplicateRows,
            rowsAreEvents: rowsAreEvents, expectedNullCells: totals.reduce(0) { $0 + $1.expectedNullCells })
        var report = Report(
            source: source,
            options: ReportOptions(
                nullValues: options.uniqueNullValues, keys: options.uniqueKeys, gradeThresholds: thresholds,
                duplicates: options.checksDuplicates, maxFieldBytes: options.maxFieldBytes,
                exactDistinctLimit: options.exactDistinctLimit, rowsAreEvents: rowsAreEvents,
                encoding: options.encoding?.name, linesToSkip: linesToSkip, commentByte: options.commentByte),
            rows: rows, blankLines: state.records.blankLines, raggedRows: state.records.ragged,
            malformedRows: state.records.malformed, duplicateRows: duplicateRows, scores: scores,
            grade: thresholds.grade(overall: scores.overall, rows: rows),
            findings: DatasetFindings.of(
                state, byteOrderMark: source.byteOrderMark, encoding: source.encoding,
                encodingIsNamed: options.encoding != nil, bytes: source.bytes, duplicateRows: duplicateRows),
            columns: totals.map(\.profile), malformedCauses: state.records.malformedCauses.byCause)
        report.commentLines = state.records.commentLines ?? 0
        report.options.decimalMark = options.decimalMark
        return (state.sources.resolving(report), totals.map(\.judge))
    }
}
