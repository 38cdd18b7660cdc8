/// The profile of one CSV source, as defined by the report contract (`docs/report-contract.md`,
/// `schema_version` 2).
///
/// Every count is a number of records, cells or values; every fraction is in `0...1`. A `Report` is a plain
/// value: it holds no reference to the source and can cross tasks freely. Render it with
/// ``JSONReportRenderer`` (the contract's JSON) or ``TableReportRenderer`` (the terminal table); read a saved
/// JSON report back with `JSONDecoder` (`Codable`, the contract's keys; see `Report+Codable.swift` for the two
/// details JSON cannot carry back).
public struct Report: Sendable, Equatable {
    /// The contract version this report follows (2).
    public static let schemaVersion = 2
    /// The contract versions a saved report may have to be read back: 1 (its keys are those of 2 but for the
    /// ones 2 added, which read as absent) and 2.
    public static let readableSchemaVersions = 1...2

    /// Where the bytes came from and how they were read.
    public var source: SourceDescription
    /// The options that shaped the numbers.
    public var options: ReportOptions
    /// Each file's source, in the order given, when several files make this one report (a combined run of
    /// ``ManyInputCheck``); ``source`` is then the first file's. Nil for a report of one input. JSON key `sources`.
    public var sources: [SourceDescription]?
    /// Data records: every record after the header, blank lines excluded; ragged, malformed and duplicate
    /// records included.
    public var rows: Int
    /// Lines with no bytes between line endings, outside quotes, anywhere in the file (skipped, `sep=` and
    /// comment lines excluded).
    public var blankLines: Int
    /// Lines skipped as comments (``ProfileOptions/commentByte``); 0 without a comment byte. JSON key
    /// `comment_lines`.
    public var commentLines = 0
    /// Records that are not malformed and whose field count differs from the header's.
    public var raggedRows: Int
    /// Records that break the quoting rules or hold a field longer than the field limit (header included).
    public var malformedRows: Int
    /// The malformed records by cause: `field_too_long` (a field over the field limit),
    /// `quote_in_unquoted_field`, `text_after_closing_quote`, `unterminated_quote`; causes that did not occur
    /// are absent, and the counts add up to ``malformedRows``. JSON key `malformed_causes` (an addition to the
    /// contract), keys sorted.
    public var malformedCauses: [String: Int]
    /// Data records equal to an earlier non-malformed record, field by field; `nil` when not checked.
    public var duplicateRows: Int?
    /// Dataset scores; `uniqueness` is `nil` when duplicates were not checked.
    public var scores: Scores
    /// The dataset grade, from `scores.overall`.
    public var grade: Grade
    /// Dataset-level findings, sorted by first line (absent last), then kind.
    public var findings: [Finding]
    /// One profile per header field, in file order.
    public var columns: [ColumnProfile]

    /// Creates a report from its parts (the profiler builds these; tests and renderers may too).
    public init(
        source: SourceDescription, options: ReportOptions, rows: Int, blankLines: Int, raggedRows: Int,
        malformedRows: Int, duplicateRows: Int?, scores: Scores, grade: Grade, findings: [Finding],
        columns: [ColumnProfile], malformedCauses: [String: Int] = [:]
    ) {
        self.malformedCauses = malformedCauses
        self.source = source
        self.options = options
        self.rows = rows
        self.blankLines = blankLines
        self.raggedRows = raggedRows
        self.malformedRows = malformedRows
        self.duplicateRows = duplicateRows
        self.scores = scores
        self.grade = grade
        self.findings = findings
        self.columns = columns
    }
}

/// Where a report's bytes came from and the dialect they were read with.
public struct SourceDescription: Sendable, Equatable {
    /// The path as given; `-` for standard input; a caller's label for buffers and rows.
    public var path: String
    /// Bytes read, BOM included.
    public var bytes: Int
    /// The field delimiter byte (given or detected).
    public var delimiter: UInt8
    /// Whether ``delimiter`` was detected (by the contract's sniffing rule) rather than given. JSON key
    /// `delimiter_detected` (an addition to the contract).
    public var delimiterWasDetected: Bool
    /// The quote byte.
    public var quote: UInt8
    /// Whether the first record was read as a header.
    public var header: Bool
    /// `utf-8`, `windows-1252` or `utf-16` (see the contract's encoding rule).
    public var encoding: String
    /// Whether a UTF-8 byte-order mark was removed from the start.
    public var byteOrderMark: Bool
    /// How the stored input was compressed (it was decompressed, and ``bytes`` counts the decompressed text);
    /// nil for a plain input, rows, partition lines and merged states. JSON key `compression`.
    public var compression: Compression?
    /// The stored input's size in bytes when it was compressed; nil otherwise. JSON key `compressed_bytes`.
    public var compressedBytes: Int?
    /// The lines skipped before anything was read (``ProfileOptions/linesToSkip``, fewer when the text has
    /// fewer). JSON key `skipped_lines`.
    public var skippedLines = 0
    /// Whether an Excel `sep=` line was read (it named the delimiter unless one was given, and is no record).
    /// JSON key `sep_line`.
    public var separatorLine = false
    /// When the records' field count settles only after the first lines (a title above the header): how many
    /// lines to skip (``PreambleHint``). Not in the JSON report (advice, as ``delimiterAlternative``); the table
    /// words it. Nil otherwise, and in reports merged from states or read in partition mode.
    public var preambleHint: PreambleHint?
    /// When the delimiter was given and left a single column: a sniffing candidate that reads the input as
    /// more columns (``DelimiterAlternative``). Not in the JSON report (it is advice, not a measurement); the
    /// table words it. Nil otherwise, and in reports merged from states or read in partition mode.
    public var delimiterAlternative: DelimiterAlternative?

    /// Creates a source description.
    public init(
        path: String, bytes: Int, delimiter: UInt8, quote: UInt8, header: Bool, encoding: String,
        byteOrderMark: Bool, delimiterWasDetected: Bool = false, compression: Compression? = nil,
        compressedBytes: Int? = nil
    ) {
        self.path = path
        self.bytes = bytes
        self.delimiter = delimiter
        self.delimiterWasDetected = delimiterWasDetected
        self.compression = compression
        self.compressedBytes = compressedBytes
        self.quote = quote
        self.header = header
        self.encoding = encoding
        self.byteOrderMark = byteOrderMark
    }
}

/// A delimiter other than the given one that would read the input as more columns: for a steward who gave
/// `--delimiter '|'` to a comma-separated file and got one column.
public struct DelimiterAlternative: Sendable, Equatable {
    /// The candidate byte: `,` `;` TAB or `|`, chosen from the first 64 KiB by the contract's sniffing rule.
    public var delimiter: UInt8
    /// The most common field count of the sampled records read with ``delimiter`` (at least 2).
    public var columns: Int
}

/// Advice for an input whose first lines are no records (a title, an export note above the header): the first
/// ``lines`` lines have ``fieldsBefore`` fields and the records after them ``fieldsAfter``, so every data row is
/// ragged against a header that is not one. Found in the first 64 KiB from where records begin.
public struct PreambleHint: Sendable, Equatable {
    /// The lines before the first record of the settled count: the lines to skip
    /// (``ProfileOptions/linesToSkip``).
    public var lines: Int
    /// The field count of the records on those lines (all the same).
    public var fieldsBefore: Int
    /// The field count every later sampled record has (at least 2, more than ``fieldsBefore``).
    public var fieldsAfter: Int

    /// The hint in Swift's terms: `the first 3 lines have 1 field and later lines have 4: a preamble? set
    /// linesToSkip to 3`.
    public var description: String { text(skipping: "set linesToSkip to") }

    /// The hint with the way to skip the lines worded by the caller (`try --skip-lines`).
    func text(skipping: String) -> String {
        let first = lines == 1 ? "the first line has" : "the first \(lines) lines have"
        return "\(first) \(fieldsBefore) field\(fieldsBefore == 1 ? "" : "s") and later lines have \(fieldsAfter): "
            + "a preamble? \(skipping) \(lines)"
    }
}

/// The options recorded in a report: what shaped its numbers.
public struct ReportOptions: Sendable, Equatable {
    /// Null tokens applied, in order, deduplicated.
    public var nullValues: [String]
    /// Key column names.
    public var keys: [String]
    /// Grade thresholds.
    public var gradeThresholds: GradeThresholds
    /// Whether duplicate rows were checked.
    public var duplicates: Bool
    /// The field limit in bytes (counted after unquoting).
    public var maxFieldBytes: Int
    /// The per-column bound of the exact distinct set.
    public var exactDistinctLimit: Int
    /// Whether raw string values were replaced by their shapes (``Report/redacted()``). JSON key `redacted`.
    public var redacted: Bool
    /// Whether the rule file declared the rows events (``DatasetRules/rowsAreEvents``), so the dataset's
    /// `overall` leaves uniqueness out. JSON key `rows_are_events`, written only when true.
    public var rowsAreEvents: Bool
    /// The encoding the caller named (``ProfileOptions/encoding``: its canonical name), nil when none was named
    /// (``SourceDescription/encoding`` says what was read). JSON key `encoding`.
    public var encoding: String?
    /// The lines asked to be skipped (``ProfileOptions/linesToSkip``). JSON key `skip_lines`.
    public var linesToSkip = 0
    /// The comment byte (``ProfileOptions/commentByte``), nil for none. JSON key `comment` (a one-character
    /// string, or null).
    public var commentByte: UInt8?
    /// The decimal mark given for every column (``ProfileOptions/decimalMark``), nil when each column decides.
    /// JSON key `decimal_mark` (`.`, `,` or null).
    public var decimalMark: DecimalMark?

    /// Creates the recorded options.
    public init(
        nullValues: [String], keys: [String], gradeThresholds: GradeThresholds, duplicates: Bool,
        maxFieldBytes: Int, exactDistinctLimit: Int, redacted: Bool = false, rowsAreEvents: Bool = false,
        encoding: String? = nil, linesToSkip: Int = 0, commentByte: UInt8? = nil
    ) {
        self.encoding = encoding
        self.linesToSkip = linesToSkip
        self.commentByte = commentByte
        self.rowsAreEvents = rowsAreEvents
        self.redacted = redacted
        self.nullValues = nullValues
        self.keys = keys
        self.gradeThresholds = gradeThresholds
        self.duplicates = duplicates
        self.maxFieldBytes = maxFieldBytes
        self.exactDistinctLimit = exactDistinctLimit
    }
}

/// A minimum or maximum: a number for numeric columns, an ISO 8601 text for dates and times, the raw text
/// for strings.
public enum BoundValue: Sendable, Equatable {
    /// An integer token within the signed 64-bit range.
    case integer(Int64)
    /// An integer token outside the signed 64-bit range, as its digits (with a `-` sign when negative).
    case bigInteger(String)
    /// Any other number, as its nearest binary64.
    case decimal(Double)
    /// A date, time, datetime (ISO 8601) or string value.
    case text(String)
}

/// A value and how often it occurs.
public struct ValueCount: Sendable, Equatable, Codable {
    /// The value's bytes decoded as UTF-8 (invalid bytes replaced by U+FFFD).
    public var value: String
    /// Occurrences (an estimate when the column's `distinctIsEstimate` is true).
    public var count: Int

    /// Creates a value count.
    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// The profile of one column.
public struct ColumnProfile: Sendable, Equatable {
    /// The header text exactly (BOM removed), or `column_N` (1-based) without a header.
    public var name: String
    /// 0-based position.
    public var index: Int
    /// The column type.
    public var type: ColumnType
    /// Equals the report's `rows`.
    public var count: Int
    /// Null values in well-formed records.
    public var nulls: Int
    /// Those nulls by token (the value trimmed of spaces and tabs; `""` for an empty or whitespace-only value),
    /// in UTF-8 byte order of the tokens; empty without nulls.
    public var nullTokens: [(token: String, count: Int)]
    /// Distinct non-null values in well-formed records (raw bytes); an estimate when `distinctIsEstimate`.
    public var distinct: Int
    /// True when the column has more distinct values than the exact-distinct limit: `distinct` then comes
    /// from HyperLogLog and `topValues` from a frequent-items sketch.
    public var distinctIsEstimate: Bool
    /// The dominant format of a boolean, date, datetime or time column; of an integer or decimal column the
    /// dominant number format (`1,234.5`, `1.234,5`, `$1,234.5`, `1234,5%`), `nil` when plain (no unit, no
    /// grouping, `.` as decimal mark); `nil` otherwise.
    public var format: String?
    /// The unit of an integer or decimal column's dominant number format (`%`, `$`, `€`, `£`, `¥`, `₹`, or an
    /// ISO 4217 code such as `EUR`); `nil` when it has none, and for other types.
    public var unit: String?
    /// Non-null values recognised as each type (before widening), zero entries omitted, in the contract's
    /// type order.
    public var typeCounts: [(type: ColumnType, count: Int)]
    /// Non-null values that do not fit `type`.
    public var typeMismatches: Int
    /// Non-null values with leading or trailing space, tab or U+00A0.
    public var whitespaceIssues: Int
    /// Minimum over conforming values (see ``BoundValue``); `nil` for booleans, empty columns, or none.
    public var min: BoundValue?
    /// Maximum over conforming values.
    public var max: BoundValue?
    /// Mean of conforming finite numbers (numeric columns).
    public var mean: Double?
    /// Sample standard deviation (n - 1) of conforming finite numbers; `nil` when fewer than 2.
    public var stddev: Double?
    /// Shortest non-null value, in Unicode scalars.
    public var minLength: Int?
    /// Longest non-null value, in Unicode scalars.
    public var maxLength: Int?
    /// Up to 5 most frequent non-null values, ties by byte order (each cut to its first 100 Unicode scalars).
    public var topValues: [ValueCount]
    /// Whether a top value or a string `min`/`max` was longer than 100 Unicode scalars and is shown cut to its
    /// first 100 (ranking and order used the whole values).
    public var valuesTruncated: Bool
    /// Column scores.
    public var scores: Scores
    /// The column grade.
    public var grade: Grade
    /// Column-level findings, sorted by first line (absent last), then kind.
    public var findings: [Finding]
    /// Conforming values.
    public var conforming: Int
    /// The distribution of the conforming values of an integer, decimal, date, datetime or time column;
    /// `nil` for other types or when none conforms (an addition to the contract, see
    /// `docs/report-additions.md`).
    public var valueDistribution: Distribution?
    /// The distribution of the lengths of the non-null values, in Unicode scalars; `nil` when all are null.
    public var lengthDistribution: Distribution?
    /// The rule file expects the column's nulls (`nullable: true`, or a `max_null_fraction` the run meets): they
    /// left its completeness and overall scores and the dataset's (an addition, see `docs/report-additions.md`).
    public var nullsExpected: Bool

    /// Creates a column profile.
    public init(
        name: String, index: Int, type: ColumnType, count: Int, nulls: Int, distinct: Int,
        distinctIsEstimate: Bool, format: String?, typeCounts: [(type: ColumnType, count: Int)],
        typeMismatches: Int, whitespaceIssues: Int, min: BoundValue?, max: BoundValue?, mean: Double?,
        stddev: Double?, minLength: Int?, maxLength: Int?, topValues: [ValueCount], scores: Scores,
        grade: Grade, findings: [Finding], conforming: Int, valueDistribution: Distribution? = nil,
        lengthDistribution: Distribution? = nil, nullTokens: [(token: String, count: Int)] = [],
        nullsExpected: Bool = false, valuesTruncated: Bool = false
    ) {
        self.name = name
        self.index = index
        self.type = type
        self.count = count
        self.nulls = nulls
        self.nullTokens = nullTokens
        self.distinct = distinct
        self.distinctIsEstimate = distinctIsEstimate
        self.format = format
        self.typeCounts = typeCounts
        self.typeMismatches = typeMismatches
        self.whitespaceIssues = whitespaceIssues
        self.min = min
        self.max = max
        self.mean = mean
        self.stddev = stddev
        self.minLength = minLength
        self.maxLength = maxLength
        self.topValues = topValues
        self.valuesTruncated = valuesTruncated
        self.scores = scores
        self.grade = grade
        self.findings = findings
        self.conforming = conforming
        self.valueDistribution = valueDistribution
        self.lengthDistribution = lengthDistribution
        self.nullsExpected = nullsExpected
    }

    public static func == (lhs: ColumnProfile, rhs: ColumnProfile) -> Bool {
        lhs.name == rhs.name && lhs.index == rhs.index && lhs.type == rhs.type && lhs.count == rhs.count
            && lhs.nulls == rhs.nulls && lhs.distinct == rhs.distinct
            && lhs.nullTokens.map(\.token) == rhs.nullTokens.map(\.token)
            && lhs.nullTokens.map(\.count) == rhs.nullTokens.map(\.count)
            && lhs.distinctIsEstimate == rhs.distinctIsEstimate && lhs.format == rhs.format
            && lhs.unit == rhs.unit
            && lhs.typeCounts.map(\.type) == rhs.typeCounts.map(\.type)
            && lhs.typeCounts.map(\.count) == rhs.typeCounts.map(\.count)
            && lhs.typeMismatches == rhs.typeMismatches && lhs.whitespaceIssues == rhs.whitespaceIssues
            && lhs.min == rhs.min && lhs.max == rhs.max && lhs.mean == rhs.mean && lhs.stddev == rhs.stddev
            && lhs.minLength == rhs.minLength && lhs.maxLength == rhs.maxLength
            && lhs.topValues == rhs.topValues && lhs.valuesTruncated == rhs.valuesTruncated && lhs.scores == rhs.scores
            && lhs.grade == rhs.grade
            && lhs.findings == rhs.findings && lhs.conforming == rhs.conforming
            && lhs.valueDistribution == rhs.valueDistribution && lhs.lengthDistribution == rhs.lengthDistribution
            && lhs.nullsExpected == rhs.nullsExpected
    }
}

/// Advice a report carries as a typed value, for whoever presents it to word (`dqcli` names its flags): a
/// Swift caller switches on it, and its ``description`` words it in Swift's terms.
public enum ReportHint: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// A `max_duplicate_rows` rule cannot pass: duplicate rows were not checked
    /// (``ProfileOptions/checksDuplicates`` was off).
    case ruleNeedsDuplicateRows
    /// The duplicate rows across merged partial profiles are unknown: partition the records by ``RowHasher``'s
    /// hash and say so (`rowsPartitionedByHash`), or keep each part within its state's `rowPositionLimit` distinct
    /// rows so its state carries its row hashes.
    case mergedDuplicatesUnknown

    /// The hint in Swift's terms.
    public var description: String {
        switch self {
        case .ruleNeedsDuplicateRows:
            "duplicate rows were not checked (ProfileOptions.checksDuplicates is off), so the rule cannot pass."
        case .mergedDuplicatesUnknown:
            "duplicate rows across the merged parts are unknown: partition the records by RowHasher's hash (rowsPartitionedByHash), or keep each part within rowPositionLimit distinct rows so its state carries its row hashes"
        }
    }
}

/// One finding: what, how many, the first example and where it was first seen.
public struct Finding: Sendable, Equatable {
    /// The kind.
    public var kind: FindingKind
    /// Records (dataset kinds) or values (column kinds) affected; for `blank_name` and `duplicate_name` the
    /// number of columns; 1 for notices.
    public var count: Int
    /// The first affected value, or the first record's bytes without its line ending, cut to 100 Unicode
    /// scalars; `nil` for notices.
    public var example: String?
    /// The 1-based line the first affected record starts on; `nil` for notices.
    public var firstLine: Int?
    /// The 0-based byte offset where that record starts (dataset kinds that point at a record).
    public var byteOffset: Int?
    /// Extra detail: `no_data`'s reason.
    public var message: String?
    /// Typed advice in place of a ``message``: a merged report's `duplicates_not_checked` carries
    /// ``ReportHint/mergedDuplicatesUnknown``, which the renderers word as its JSON `message`.
    public var hint: ReportHint?
    /// `mixed_formats`: the dominant format.
    public var dominantFormat: String?
    /// `mixed_formats`: every format seen and its count, sorted by format text.
    public var formats: [(format: String, count: Int)]?
    /// `blank_name`, `duplicate_name`: the 0-based column indexes concerned.
    public var columns: [Int]?
    /// `rule_violation`: the rule broken (`allowed_values`, `pattern`, `range`, `length`, `date_format`).
    public var rule: String?
    /// The source file `firstLine` belongs to, when the report covers records of several sources (partition
    /// mode, merged partial profiles); `nil` for a profile of one input.
    public var sourceFile: String?
    /// True when `firstLine` counts records within one part of the input (records given without their
    /// source lines), not lines of the source file.
    public var firstLineIsPartRelative = false

    /// Creates a finding.
    public init(
        kind: FindingKind, count: Int, example: String?, firstLine: Int?, byteOffset: Int? = nil,
        message: String? = nil, dominantFormat: String? = nil, formats: [(format: String, count: Int)]? = nil,
        columns: [Int]? = nil, rule: String? = nil, hint: ReportHint? = nil
    ) {
        self.hint = hint
        self.kind = kind
        self.count = count
        self.example = example
        self.firstLine = firstLine
        self.byteOffset = byteOffset
        self.message = message
        self.dominantFormat = dominantFormat
        self.formats = formats
        self.columns = columns
        self.rule = rule
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.kind == rhs.kind && lhs.count == rhs.count && lhs.example == rhs.example
            && lhs.firstLine == rhs.firstLine && lhs.byteOffset == rhs.byteOffset && lhs.message == rhs.message
            && lhs.hint == rhs.hint
            && lhs.dominantFormat == rhs.dominantFormat && lhs.formats?.map(\.format) == rhs.formats?.map(\.format)
            && lhs.formats?.map(\.count) == rhs.formats?.map(\.count) && lhs.columns == rhs.columns
            && lhs.rule == rhs.rule && lhs.sourceFile == rhs.sourceFile
            && lhs.firstLineIsPartRelative == rhs.firstLineIsPartRelative
    }

    /// Sorts findings as the contract orders them: by first line (absent last), then kind; findings that name
    /// source files sort by (source file, line).
    static func contractOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.firstLine != nil && rhs.firstLine != nil, lhs.sourceFile != rhs.sourceFile {
            return (lhs.sourceFile ?? "") < (rhs.sourceFile ?? "")
        }
        switch (lhs.firstLine, rhs.firstLine) {
        case (let l?, let r?) where l != r: return l < r
        case (nil, _?): return false
        case (_?, nil): return true
        default: return lhs.kind.rawValue < rhs.kind.rawValue
        }
    }
}
