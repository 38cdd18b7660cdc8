/// The numbers of one run that the history keeps and drift compares: dataset totals and per-column metrics.
///
/// Built from a ``Report`` (``init(report:dataset:runTime:)``), read back from the history database, or read
/// from a saved JSON report (``init(reportJSON:dataset:)``), so `dqcli diff` compares two files the same way
/// the history compares runs.
public struct RunMetrics: Sendable, Equatable {
    /// The run's id in the history database; `nil` before it is stored.
    public var id: Int64?
    /// The dataset name (rule file, `--dataset`, or the file's name).
    public var dataset: String
    /// Run time, seconds since the Unix epoch (`--now` or the clock).
    public var runTime: Int64
    /// The source path as given.
    public var source: String
    /// Data records.
    public var rows: Int
    /// Dataset scores.
    public var scores: Scores
    /// Dataset grade.
    public var grade: Grade
    /// Duplicate rows, `nil` when not checked.
    public var duplicateRows: Int?
    /// Ragged records.
    public var raggedRows: Int
    /// Malformed records.
    public var malformedRows: Int
    /// Failed rules at error level.
    public var rulesFailed: Int
    /// Failed rules at warn level.
    public var rulesWarned: Int
    /// Per-column metrics, in file order.
    public var columns: [ColumnMetrics]

    /// Creates metrics from their parts.
    public init(
        id: Int64? = nil, dataset: String, runTime: Int64, source: String, rows: Int, scores: Scores, grade: Grade,
        duplicateRows: Int?, raggedRows: Int, malformedRows: Int, rulesFailed: Int, rulesWarned: Int,
        columns: [ColumnMetrics]
    ) {
        self.id = id
        self.dataset = dataset
        self.runTime = runTime
        self.source = source
        self.rows = rows
        self.scores = scores
        self.grade = grade
        self.duplicateRows = duplicateRows
        self.raggedRows = raggedRows
        self.malformedRows = malformedRows
        self.rulesFailed = rulesFailed
        self.rulesWarned = rulesWarned
        self.columns = columns
    }

    /// The metrics of a report and its rule results (`rules_failed`, `rules_warned`).
    public init(_ checked: CheckedReport, dataset: String, runTime: Int64) {
        self.init(report: checked.report, rules: checked.rules, dataset: dataset, runTime: runTime)
    }

    /// The metrics of a report, with the rule file's results when one was evaluated.
    public init(report: Report, rules: [RuleResult]? = nil, dataset: String, runTime: Int64) {
        let results = rules ?? []
        self.init(
            dataset: dataset, runTime: runTime, source: report.source.path, rows: report.rows, scores: report.scores,
            grade: report.grade, duplicateRows: report.duplicateRows, raggedRows: report.raggedRows,
            malformedRows: report.malformedRows, rulesFailed: results.filter(\.failsCheck).count,
            rulesWarned: results.filter { !$0.passed && $0.level == .warn }.count,
            columns: report.columns.map(ColumnMetrics.init(column:)))
    }

    /// The column named `name`, if any.
    public func column(named name: String) -> ColumnMetrics? {
        columns.first { $0.name == name }
    }
}

/// One column's metrics in a run.
public struct ColumnMetrics: Sendable, Equatable {
    /// The header text.
    public var name: String
    /// The column type.
    public var type: ColumnType
    /// Null values.
    public var nulls: Int
    /// Nulls over rows, 0...1 (0 with no rows).
    public var nullFraction: Double
    /// Distinct non-null values (an estimate past the exact limit).
    public var distinct: Int
    /// Column scores.
    public var scores: Scores
    /// Column grade.
    public var grade: Grade
    /// An integer or decimal column's number format (``ColumnProfile/format``), `""` when plain; nil for other
    /// types and in runs recorded before it was kept.
    public var numberFormat: String?
    /// An integer or decimal column's unit (``ColumnProfile/unit``), `""` for none; nil for other types and in
    /// runs recorded before it was kept.
    public var unit: String?

    /// Creates column metrics.
    public init(
        name: String, type: ColumnType, nulls: Int, nullFraction: Double, distinct: Int, scores: Scores, grade: Grade,
        numberFormat: String? = nil, unit: String? = nil
    ) {
        self.name = name
        self.type = type
        self.nulls = nulls
        self.nullFraction = nullFraction
        self.distinct = distinct
        self.scores = scores
        self.grade = grade
        self.numberFormat = numberFormat
        self.unit = unit
    }

    /// The metrics of a column profile.
    public init(column: ColumnProfile) {
        let isNumber = column.type == .integer || column.type == .decimal
        self.init(
            name: column.name, type: column.type, nulls: column.nulls,
            nullFraction: column.count > 0 ? Double(column.nulls) / Double(column.count) : 0, distinct: column.distinct,
            scores: column.scores, grade: column.grade, numberFormat: isNumber ? column.format ?? "" : nil,
            unit: isNumber ? column.unit ?? "" : nil)
    }
}
