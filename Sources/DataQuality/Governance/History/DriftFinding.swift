/// A run moved too far from earlier runs of its dataset.
///
/// JSON (in the report's `drift` array and `dqcli diff --format json`): `{"kind", "column", "baseline",
/// "before", "after", "change", "limit", "message"}`.
public struct DriftFinding: Sendable, Equatable {
    /// What moved.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case columnAdded = "column_added"
        case columnRemoved = "column_removed"
        case columnRetyped = "column_retyped"
        /// An integer or decimal column's unit changed (`EUR` to none).
        case unitChange = "unit_change"
        /// An integer or decimal column's number format changed with the same unit (`1,234.5` to `1.234,5`).
        case numberFormatChange = "number_format_change"
        case rowCountChange = "row_count_change"
        case nullFractionChange = "null_fraction_change"
        case distinctChange = "distinct_change"
        case consistencyChange = "consistency_change"
        case gradeDrop = "grade_drop"
    }

    /// What the run is compared with.
    public enum Baseline: String, Sendable, Equatable {
        /// The previous run of the dataset (by run time, then id).
        case previous
        /// The median of the last N earlier runs (``DriftLimits/window``).
        case median
    }

    /// What moved.
    public var kind: Kind
    /// The column concerned, or `nil` for the dataset.
    public var column: String?
    /// The comparison's baseline.
    public var baseline: Baseline
    /// The baseline's value (a count, fraction, type or grade).
    public var before: RuleValue
    /// This run's value.
    public var after: RuleValue
    /// The change measured against the limit (relative for rows and distinct counts, absolute for fractions,
    /// letters for grades); `nil` for added, removed and retyped columns.
    public var change: Double?
    /// The limit that was exceeded; `nil` where any change counts.
    public var limit: Double?
    /// One sentence describing the drift.
    public var message: String

    /// Creates a finding.
    public init(
        kind: Kind, column: String?, baseline: Baseline, before: RuleValue, after: RuleValue, change: Double?,
        limit: Double?, message: String
    ) {
        self.kind = kind
        self.column = column
        self.baseline = baseline
        self.before = before
        self.after = after
        self.change = change
        self.limit = limit
        self.message = message
    }

    var jsonValue: JSONValue {
        .object([
            ("kind", .string(kind.rawValue)),
            ("column", .optional(column, JSONValue.string)),
            ("baseline", .string(baseline.rawValue)),
            ("before", before.jsonValue),
            ("after", after.jsonValue),
            ("change", .optional(change, JSONValue.number)),
            ("limit", .optional(limit, JSONValue.number)),
            ("message", .string(message))
        ])
    }

    /// The findings as the JSON text `dqcli diff --format json` prints (an array, 2-space indent, final newline).
    public static func renderJSON(_ findings: [DriftFinding]) -> String {
        JSONValue.array(findings.map(\.jsonValue)).serialized() + "\n"
    }
}
