/// A dataset's agreed quality standard, read from a YAML rule file by ``RuleFileParser``.
///
/// One rule set describes one dataset: its name, owner and description, the columns it must have and what
/// each must satisfy, dataset-level gates and the drift limits that history comparisons use. Every rule
/// remembers the rule-file line it was written on and its level (`error` fails a check, `warn` only reports).
///
/// Value-level rules (``ColumnRules/type``, allowed values, pattern, ranges, length, date format) shape the
/// profile itself: a value that breaks one does not conform, so it lowers the column's consistency, overall
/// score and grade. Pass the rule set in ``ProfileOptions/rules``, then evaluate the finished report with
/// ``RuleEvaluator``.
public struct RuleSet: Sendable, Equatable {
    /// The rule file's path as given (used in messages and recorded in reports).
    public var path: String
    /// Dataset name, owner, description and dataset-level rules.
    public var dataset: DatasetRules
    /// Per-column rules, in rule-file order.
    public var columns: [ColumnRules]
    /// Limits for drift findings against earlier runs.
    public var drift: DriftLimits

    /// Creates a rule set.
    public init(
        path: String, dataset: DatasetRules = DatasetRules(), columns: [ColumnRules] = [],
        drift: DriftLimits = DriftLimits()
    ) {
        self.path = path
        self.dataset = dataset
        self.columns = columns
        self.drift = drift
    }

    /// The rules of the column named `name` (exact header text), if any.
    /// - Complexity: O(columns); ``columnsByName`` answers many names at once.
    public func column(named name: String) -> ColumnRules? {
        columns.first { $0.name == name }
    }

    /// The rules of each column by name (the first of a repeated name, as ``column(named:)``).
    /// - Complexity: O(columns) to build; then O(1) per name.
    public var columnsByName: [String: ColumnRules] {
        Dictionary(columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// How much a failing rule matters: `error` fails `dqcli check` (exit 1), `warn` is reported only.
public enum RuleLevel: String, Sendable, Equatable, CaseIterable {
    case error, warn
}

/// One rule's limit, its level and the rule-file line it was written on (1-based).
public struct RuleLimit<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The limit (a count, a fraction, a range, a set of values...).
    public var value: Value
    /// `error` (default) or `warn`.
    public var level: RuleLevel
    /// The 1-based line of the rule in its file; 0 for rules built in code.
    public var line: Int

    /// Creates a limit.
    public init(_ value: Value, level: RuleLevel = .error, line: Int = 0) {
        self.value = value
        self.level = level
        self.line = line
    }
}

/// An inclusive range with either end optional. Both ends, when present, satisfy `min <= max`.
public struct RuleRange<Bound: Sendable & Equatable & Comparable>: Sendable, Equatable {
    /// The smallest allowed value, or no lower bound.
    public var min: Bound?
    /// The largest allowed value, or no upper bound.
    public var max: Bound?

    /// Creates a range.
    public init(min: Bound? = nil, max: Bound? = nil) {
        self.min = min
        self.max = max
    }

    /// Whether `value` lies within the range.
    public func contains(_ value: Bound) -> Bool {
        if let min, value < min { return false }
        if let max, value > max { return false }
        return true
    }
}

/// A date or datetime range: each end as its ISO 8601 text and as seconds since 1970-01-01T00:00:00Z. A
/// date given as the upper end includes the whole day (its seconds are that day's 23:59:59).
public struct TemporalRange: Sendable, Equatable {
    /// Seconds since the Unix epoch (UTC; a datetime without a zone is read as UTC).
    public var seconds: RuleRange<Int64>
    /// The ends as written in the rule file.
    public var minText: String?
    /// The upper end as written.
    public var maxText: String?

    /// Creates a range from its ends.
    public init(seconds: RuleRange<Int64>, minText: String?, maxText: String?) {
        self.seconds = seconds
        self.minText = minText
        self.maxText = maxText
    }
}

/// Freshness: the newest value of a date or datetime column must be no older than `maximumAgeSeconds`
/// before the run time.
public struct FreshnessRule: Sendable, Equatable {
    /// The date or datetime column whose maximum is checked.
    public var column: String
    /// The largest allowed age in seconds.
    public var maximumAgeSeconds: Int64
    /// The age as written (`36h`, `2d`).
    public var maximumAgeText: String

    /// Creates a freshness rule.
    public init(column: String, maximumAgeSeconds: Int64, maximumAgeText: String) {
        self.column = column
        self.maximumAgeSeconds = maximumAgeSeconds
        self.maximumAgeText = maximumAgeText
    }
}

/// The dataset part of a rule file: identity and dataset-level rules.
public struct DatasetRules: Sendable, Equatable {
    /// The dataset's name (the history key); `nil` uses `--dataset` or the file name.
    public var name: String?
    /// Who answers for the dataset.
    public var owner: String?
    /// What the dataset is.
    public var description: String?
    /// Allowed number of data rows.
    public var rows: RuleLimit<RuleRange<Int>>?
    /// Most duplicate rows allowed.
    public var maxDuplicateRows: RuleLimit<Int>?
    /// Most ragged rows allowed.
    public var maxRaggedRows: RuleLimit<Int>?
    /// Most malformed rows allowed.
    public var maxMalformedRows: RuleLimit<Int>?
    /// Lowest acceptable dataset grade.
    public var minGrade: RuleLimit<Grade>?
    /// Newest date of a column no older than an age.
    public var freshness: RuleLimit<FreshnessRule>?
    /// When true, the data's columns must appear in the rule file's column order (extra columns aside).
    public var columnOrder: RuleLimit<Bool>?
    /// When false, a data column the rule file does not name fails the `unexpected_columns` rule.
    public var allowUnexpectedColumns: RuleLimit<Bool>?
    /// When true, each row records an event (or an observation) rather than a thing with an identity, so equal
    /// rows are separate occurrences: duplicate rows are still counted (`duplicate_rows`, the dataset's
    /// `uniqueness`, the `duplicate_row` finding, `max_duplicate_rows`), but the dataset's `overall` score is
    /// conforming cells / cells, without the uniqueness factor. Rule-file key `rows_are_events`; default false.
    public var rowsAreEvents = false

    /// Creates dataset rules (all absent by default).
    public init() {}
}

/// The rules of one column. Absent rules are not checked.
public struct ColumnRules: Sendable, Equatable {
    /// The header text exactly.
    public var name: String
    /// The 1-based rule-file line of the column's entry.
    public var line: Int
    /// What the column holds.
    public var description: String?
    /// Who answers for the column.
    public var owner: String?
    /// Whether the column must be present (default true, at error level).
    public var required: RuleLimit<Bool>
    /// The column's type: replaces the inferred type when judging conformance.
    public var type: RuleLimit<ColumnType>?
    /// Largest allowed null fraction, 0...1 (`nullable: false` is 0).
    public var maxNullFraction: RuleLimit<Double>?
    /// `nullable: true`: the column's nulls are expected, however many (see ``expectsNulls(_:rows:)``).
    public var nullable = false
    /// The null tokens of this column, in order, deduplicated: they replace the run's list (the options' null
    /// values) for this column only; emptiness stays null. Nil: the run's list.
    public var nullValues: [String]?
    /// When true, non-null values must not repeat.
    public var unique: RuleLimit<Bool>?
    /// The only values allowed (compared with the raw value's text exactly).
    public var allowedValues: RuleLimit<[String]>?
    /// A regular expression every non-null value must match whole.
    public var pattern: RuleLimit<RulePattern>?
    /// Range of numeric values: integers and decimals, each read as its column reads numbers (decimal mark,
    /// grouping, unit, trailing minus, parentheses).
    public var numberRange: RuleLimit<RuleRange<Double>>?
    /// Range of date and datetime values.
    public var dateRange: RuleLimit<TemporalRange>?
    /// Range of lengths, in Unicode scalars.
    public var length: RuleLimit<RuleRange<Int>>?
    /// The one format allowed for dates, datetimes, times and booleans (a contract format name such as
    /// `YYYY-MM-DD`).
    public var dateFormat: RuleLimit<String>?
    /// How the column's numbers are read (for this column, in place of ``ProfileOptions/decimalMark`` and of
    /// the convention its values would decide).
    public var decimalMark: RuleLimit<DecimalMark>?
    /// The one number format allowed (a contract format name such as `1.234,5`, `$1,234.5` or `1234,5%`): a
    /// number in another format, read with the format's decimal mark, breaks it.
    public var numberFormat: RuleLimit<String>?
    /// The one unit allowed (`%`, `$`, `€`, `£`, `¥`, `₹` or an ISO 4217 code such as `EUR`): a number with
    /// another unit or none breaks it.
    public var unit: RuleLimit<String>?
    /// Lowest acceptable column grade.
    public var minGrade: RuleLimit<Grade>?

    /// Creates the rules of a column; only `required` is set (true, error level).
    public init(name: String, line: Int = 0) {
        self.name = name
        self.line = line
        self.required = RuleLimit(true, line: line)
    }

    /// The null fraction `max_null_fraction` judges: `nulls / rows`, 0 without rows.
    public static func nullFraction(_ nulls: Int, rows: Int) -> Double {
        rows > 0 ? Double(nulls) / Double(rows) : 0
    }

    /// Whether `fraction` is within `max_null_fraction` (a tolerance of 1e-12 for the fraction's rounding).
    public func meetsMaxNullFraction(_ fraction: Double) -> Bool {
        maxNullFraction.map { fraction <= $0.value + 1e-12 } ?? true
    }

    /// Whether the rules expect the column's `nulls` of `rows`: `nullable: true`, or a `max_null_fraction` above 0
    /// that the fraction meets. Expected nulls leave the column's and the dataset's completeness and overall
    /// scores (`docs/report-additions.md`, `nulls_expected`); over the allowance every null counts.
    public func expectsNulls(_ nulls: Int, rows: Int) -> Bool {
        if nullable { return true }
        guard let limit = maxNullFraction, limit.value > 0 else { return false }
        return meetsMaxNullFraction(Self.nullFraction(nulls, rows: rows))
    }

    /// Whether any rule judges individual values (so the profiler must see them).
    var hasValueRules: Bool {
        type != nil || allowedValues != nil || pattern != nil || numberRange != nil || dateRange != nil
            || length != nil || dateFormat != nil || numberFormat != nil || unit != nil
    }
}

/// A regular expression that must match a whole value (Swift `Regex` syntax, which accepts the common
/// PCRE/ICU forms: classes, anchors, quantifiers, groups). Equal when the pattern texts are equal.
public struct RulePattern: Sendable, Equatable {
    /// The pattern as written.
    public let text: String
    nonisolated(unsafe) let regex: Regex<AnyRegexOutput>

    /// Compiles `text`.
    /// - Throws: the regex parser's error when `text` is not a valid pattern.
    public init(_ text: String) throws {
        self.text = text
        self.regex = try Regex(text)
    }

    /// Whether `value` matches the pattern whole.
    public func matches(_ value: String) -> Bool {
        (try? regex.wholeMatch(in: value)) != nil
    }

    public static func == (lhs: RulePattern, rhs: RulePattern) -> Bool { lhs.text == rhs.text }
}

/// How far a run may move from earlier runs of its dataset before a drift finding is raised.
///
/// Fractions are absolute differences of fractions (0.05 = 5 percentage points), except `rowCountChange`
/// and `distinctChange`, which are changes relative to the baseline (0.1 = 10%).
public struct DriftLimits: Sendable, Equatable {
    /// Runs in the median baseline (the last N earlier runs of the dataset). Default 5.
    public var window = 5
    /// Relative row-count change allowed. Default 0.1.
    public var rowCountChange = 0.1
    /// Absolute null-fraction change allowed per column. Default 0.05.
    public var nullFractionChange = 0.05
    /// Relative distinct-count change allowed per column. Default 0.25.
    public var distinctChange = 0.25
    /// Absolute consistency change allowed per column. Default 0.05.
    public var consistencyChange = 0.05
    /// Grade letters a column or the dataset may drop before a finding. Default 1 (any drop).
    public var gradeDrop = 1

    /// Creates the default limits.
    public init() {}
}
