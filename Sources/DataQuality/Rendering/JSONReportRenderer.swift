/// Renders a ``Report``, or a ``CheckedReport`` with what a governed run found beside it, as the report
/// contract's JSON (`docs/report-contract.md`, `schema_version` 2).
///
/// Apart from the additions `source.delimiter_detected`, `malformed_causes`, `invalid_rows`, `options.redacted` and
/// `options.invalid_rows_include_nulls` (and the governance and finding additions below), the
/// output is byte for byte what the contract's reference implementation prints with Python's
/// `json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False)`: the same keys in the same order, two
/// spaces of indentation, non-ASCII text as itself (UTF-8), control characters escaped, `null` for absent
/// values, and a final newline. It is deterministic: the same report always gives the same text.
///
/// Key order:
/// - top level: `schema_version`, `tool`, `source`, `options`, `sources` (only for a report of several files),
///   `rows`, `blank_lines`, `comment_lines`, `ragged_rows`,
///   `malformed_rows`, `malformed_causes`, `duplicate_rows`, `invalid_rows`, `scores`, `grade`, `findings`, `columns`, then only
///   when present `rules` (a rule file was evaluated) and `drift` (a history was consulted);
/// - source: `path`, `bytes`, `delimiter`, `delimiter_detected`, `quote`, `header`, `encoding`, `bom`,
///   `compression`, `compressed_bytes`, `skipped_lines`, `sep_line`;
/// - options: `null_values`, `keys`, `grade_thresholds`, `duplicates`, `max_field_bytes`,
///   `exact_distinct_limit`, `encoding`, `skip_lines`, `comment`, `redacted`, `invalid_rows_include_nulls`, `rules` when a rule file was given,
///   and `rows_are_events` (true) when the rule file declares its rows events;
/// - column: `name`, `index`, `type`, `count`, `nulls`, `null_tokens`, `distinct`, `distinct_is_estimate`, `type_counts`,
///   `type_mismatches`, `whitespace_issues`, `min`, `max`, `mean`, `stddev`, `min_length`, `max_length`,
///   `top_values`, `scores`, `grade`, `findings`, `format`, `conforming`, the distributions, and
///   `nulls_expected` (true) only when the rule file expects the column's nulls;
/// - finding: `kind`, `count`, `example`, `first_line`, then only when present `byte_offset`, `source_file`,
///   `first_line_is_part_relative`, `message`, `dominant_format`, `formats` (sorted by format), `columns`,
///   `rule` (`rule_violation` findings).
///
/// Numbers: counts are JSON integers; fractions and statistics use the shortest text that reads back to the
/// same binary64 (`0.9`, `1.0`, `1e-05`, `1e+16`); NaN and infinities never appear (they become `null`).
/// A ``BoundValue/bigInteger(_:)`` is a JSON string of its digits, as the contract says.
public struct JSONReportRenderer: Sendable {
    /// Spaces per indentation level (the contract's output uses 2).
    public var indent: Int

    /// Creates a renderer.
    /// - Parameter indent: spaces per level, at least 0 (default 2, the contract's layout).
    public init(indent: Int = 2) {
        self.indent = Swift.max(0, indent)
    }

    /// The report as JSON text, ending with a newline.
    /// - Parameter report: any report (hand-built ones included; nothing is recomputed or re-sorted except
    ///   the `formats` object of `mixed_formats` findings, which is always printed sorted by format).
    /// - Returns: UTF-8-ready text; write it with `String.utf8`.
    /// - Complexity: O(n) time and memory in the size of the output (a few hundred bytes per column plus the
    ///   findings' examples).
    public func render(_ report: Report) -> String {
        render(CheckedReport(report: report))
    }

    /// The report and its governed run's additions as JSON text, ending with a newline: `invalid_rows`,
    /// `options.invalid_rows_include_nulls` and `options.rules`, `rules` and `drift` come from `checked`, the
    /// rest from its report (see ``render(_:)-(Report)``).
    public func render(_ checked: CheckedReport) -> String {
        jsonValue(of: checked).serialized(indent: indent) + "\n"
    }

    /// The ordered JSON tree of a report and its additions (what ``render(_:)-(CheckedReport)`` prints).
    func jsonValue(of checked: CheckedReport) -> JSONValue {
        let report = checked.report
        return .object(
            [
                ("schema_version", .int(Report.schemaVersion)),
                ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
                ("source", Self.json(report.source)),
                (
                    "options",
                    Self.json(
                        report.options, invalidRowsIncludeNulls: checked.invalidRowsIncludeNulls,
                        ruleFile: checked.ruleFile)
                )
            ] + Self.sources(report) + [
                ("rows", .int(report.rows)),
                ("blank_lines", .int(report.blankLines)),
                ("comment_lines", .int(report.commentLines)),
                ("ragged_rows", .int(report.raggedRows)),
                ("malformed_rows", .int(report.malformedRows)),
                (
                    "malformed_causes",
                    .object(report.malformedCauses.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
                ),
                ("duplicate_rows", .optional(report.duplicateRows, JSONValue.int)),
                ("invalid_rows", .optional(checked.invalidRows, JSONValue.int)),
                ("scores", Self.json(report.scores)),
                ("grade", .string(report.grade.rawValue)),
                ("findings", .array(report.findings.map(Self.json))),
                ("columns", .array(report.columns.map(Self.json)))
            ] + Self.governance(checked))
    }

    /// `sources`, present only for a report of several files.
    static func sources(_ report: Report) -> [(key: String, value: JSONValue)] {
        guard let sources = report.sources else { return [] }
        return [("sources", .array(sources.map(json)))]
    }

    /// The additions of rule files and history, present only when they were used: `rules`, then `drift`.
    static func governance(_ checked: CheckedReport) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        if let rules = checked.rules { members.append(("rules", .array(rules.map(\.jsonValue)))) }
        if let drift = checked.drift { members.append(("drift", .array(drift.map(\.jsonValue)))) }
        return members
    }

    /// A byte as a one-character string, reading it as Latin-1 (so `0x09` is a tab, `0xA7` is `§`).
    static func latin1Character(_ byte: UInt8) -> String {
        String(Character(Unicode.Scalar(byte)))
    }

    static func json(_ source: SourceDescription) -> JSONValue {
        .object([
            ("path", .string(source.path)),
            ("bytes", .int(source.bytes)),
            ("delimiter", .string(latin1Character(source.delimiter))),
            ("delimiter_detected", .bool(source.delimiterWasDetected)),
            ("quote", .string(latin1Character(source.quote))),
            ("header", .bool(source.header)),
            ("encoding", .string(source.encoding)),
            ("bom", .bool(source.byteOrderMark)),
            ("compression", .optional(source.compression) { .string($0.rawValue) }),
            ("compressed_bytes", .optional(source.compressedBytes, JSONValue.int)),
            ("skipped_lines", .int(source.skippedLines)),
            ("sep_line", .bool(source.separatorLine))
        ])
    }

    /// The `options` object: the report's options, then the governed run's `invalid_rows_include_nulls` and
    /// `rules` (the rule file's path, only when one was evaluated) in their places.
    static func json(_ options: ReportOptions, invalidRowsIncludeNulls: Bool = false, ruleFile: String? = nil)
        -> JSONValue
    {
        let thresholds = options.gradeThresholds
        return .object(
            [
                ("null_values", .array(options.nullValues.map(JSONValue.string))),
                ("keys", .array(options.keys.map(JSONValue.string))),
                (
                    "grade_thresholds",
                    .object([
                        ("A", .number(thresholds.a)), ("B", .number(thresholds.b)),
                        ("C", .number(thresholds.c)), ("D", .number(thresholds.d))
                    ])
                ),
                ("duplicates", .bool(options.duplicates)),
                ("max_field_bytes", .int(options.maxFieldBytes)),
                ("exact_distinct_limit", .int(options.exactDistinctLimit)),
                ("encoding", .optional(options.encoding, JSONValue.string)),
                ("skip_lines", .int(options.linesToSkip)),
                ("comment", .optional(options.commentByte) { .string(latin1Character($0)) }),
                ("decimal_mark", .optional(options.decimalMark) { .string($0.rawValue) }),
                ("redacted", .bool(options.redacted)),
                ("invalid_rows_include_nulls", .bool(invalidRowsIncludeNulls))
            ] + (ruleFile.map { [("rules", JSONValue.string($0))] } ?? [])
                + (options.rowsAreEvents ? [("rows_are_events", JSONValue.bool(true))] : []))
    }

    static func json(_ scores: Scores) -> JSONValue {
        .object([
            ("completeness", .number(scores.completeness)),
            ("consistency", .number(scores.consistency)),
            ("uniqueness", .optional(scores.uniqueness, JSONValue.number)),
            ("overall", .number(scores.overall))
        ])
    }

    static func json(_ bound: BoundValue?) -> JSONValue {
        switch bound {
        case nil: .null
        case .integer(let value)?: .integer(value)
        case .bigInteger(let digits)?: .string(digits)
        case .decimal(let value)?: .number(value)
        case .text(let text)?: .string(text)
        }
    }

    static func json(_ finding: Finding) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("kind", .string(finding.kind.rawValue)),
            ("count", .int(finding.count)),
            ("example", .optional(finding.example, JSONValue.string)),
            ("first_line", .optional(finding.firstLine, JSONValue.int))
        ]
        if let byteOffset = finding.byteOffset { members.append(("byte_offset", .int(byteOffset))) }
        if let sourceFile = finding.sourceFile { members.append(("source_file", .string(sourceFile))) }
        if finding.firstLineIsPartRelative { members.append(("first_line_is_part_relative", .bool(true))) }
        if let message = finding.presentedMessage { members.append(("message", .string(message))) }
        if let dominant = finding.dominantFormat { members.append(("dominant_format", .string(dominant))) }
        if let formats = finding.formats {
            // Python sorts the keys by code point; so do we (ties keep their order).
            let sorted = formats.enumerated().sorted { lhs, rhs in
                let l = lhs.element.format.unicodeScalars
                let r = rhs.element.format.unicodeScalars
                if l.elementsEqual(r) { return lhs.offset < rhs.offset }
                return l.lexicographicallyPrecedes(r)
            }
            members.append(("formats", .object(sorted.map { ($0.element.format, .int($0.element.count)) })))
        }
        if let columns = finding.columns { members.append(("columns", .array(columns.map(JSONValue.int)))) }
        if let rule = finding.rule { members.append(("rule", .string(rule))) }
        return .object(members)
    }

    static func json(_ column: ColumnProfile) -> JSONValue {
        .object(
            [
                ("name", .string(column.name)),
                ("index", .int(column.index)),
                ("type", .string(column.type.rawValue)),
                ("count", .int(column.count)),
                ("nulls", .int(column.nulls)),
                ("null_tokens", .object(column.nullTokens.map { ($0.token, .int($0.count)) })),
                ("distinct", .int(column.distinct)),
                ("distinct_is_estimate", .bool(column.distinctIsEstimate)),
                ("type_counts", .object(column.typeCounts.map { ($0.type.rawValue, .int($0.count)) })),
                ("type_mismatches", .int(column.typeMismatches)),
                ("whitespace_issues", .int(column.whitespaceIssues)),
                ("min", json(column.min)),
                ("max", json(column.max)),
                ("mean", .optional(column.mean, JSONValue.number)),
                ("stddev", .optional(column.stddev, JSONValue.number)),
                ("min_length", .optional(column.minLength, JSONValue.int)),
                ("max_length", .optional(column.maxLength, JSONValue.int)),
                (
                    "top_values",
                    .array(column.topValues.map { .object([("value", .string($0.value)), ("count", .int($0.count))]) })
                ),
                ("values_truncated", .bool(column.valuesTruncated)),
                ("scores", json(column.scores)),
                ("grade", .string(column.grade.rawValue)),
                ("findings", .array(column.findings.map(json))),
                ("format", .optional(column.format, JSONValue.string)),
                ("unit", .optional(column.unit, JSONValue.string)),
                ("conforming", .int(column.conforming)),
                ("quantiles_are_estimate", .bool(column.quantilesAreEstimate)),
                ("quantiles", json(quantilesOf: column.valueDistribution)),
                ("histogram", json(histogramOf: column.valueDistribution)),
                ("length_quantiles", json(quantilesOf: column.lengthDistribution)),
                ("length_histogram", json(histogramOf: column.lengthDistribution))
            ] + (column.nullsExpected ? [("nulls_expected", .bool(true))] : []))
    }

    /// A number on a distribution's scale: a JSON number for numbers and lengths, ISO 8601 text otherwise.
    static func json(_ value: Double, on distribution: Distribution) -> JSONValue {
        switch distribution.scale {
        case .number, .length: .number(value)
        case .date, .datetime, .time: .string(distribution.text(value))
        }
    }

    static func json(quantilesOf distribution: Distribution?) -> JSONValue {
        guard let distribution else { return .null }
        return .object([
            ("p25", json(distribution.p25, on: distribution)),
            ("median", json(distribution.median, on: distribution)),
            ("p75", json(distribution.p75, on: distribution))
        ])
    }

    static func json(histogramOf distribution: Distribution?) -> JSONValue {
        guard let distribution else { return .null }
        return .array(
            distribution.histogram.map { bin in
                .object([
                    ("lower", json(bin.lower, on: distribution)), ("upper", json(bin.upper, on: distribution)),
                    ("count", .int(bin.count))
                ])
            })
    }
}
