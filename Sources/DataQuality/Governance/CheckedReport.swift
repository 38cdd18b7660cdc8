/// A report and what a governed run found beside it: the rule file's results, the drift against earlier runs,
/// and the count of failing rows written. The ``Report`` is the profile as built, untouched; the rest is composed
/// beside it, so no party changes a finished report.
///
/// The renderers render this value (``JSONReportRenderer/render(_:)-(CheckedReport)`` and the others): a plain
/// ``Report`` renders as a `CheckedReport` with nothing beside it. `Codable`: it reads a whole `dqcli` JSON
/// report back (`invalid_rows`, `options.invalid_rows_include_nulls`, `options.rules`, `rules`, `drift`), where
/// decoding a ``Report`` ignores those keys.
public struct CheckedReport: Sendable, Equatable {
    /// The profile.
    public var report: Report
    /// Data records written to the failing-rows file (see ``InvalidRowsRequest``), or `nil` when none was
    /// asked for. JSON key `invalid_rows` (an addition to the contract).
    public var invalidRows: Int?
    /// Whether records holding nulls counted as failing rows (``InvalidRowsRequest/includesNulls``). JSON key
    /// `options.invalid_rows_include_nulls`.
    public var invalidRowsIncludeNulls: Bool
    /// The rule file's path, when one was evaluated (its value rules also shaped the report's conformance).
    /// JSON key `options.rules`.
    public var ruleFile: String?
    /// The rule file's results (rule order: dataset rules, then each column's), or `nil` when no rule file was
    /// evaluated. JSON key `rules` (README.md, "Additions to the report").
    public var rules: [RuleResult]?
    /// Drift findings against earlier runs of the dataset, or `nil` when no history was consulted. JSON key
    /// `drift`.
    public var drift: [DriftFinding]?

    /// Composes a report with what was found beside it; every addition defaults to absent.
    public init(
        report: Report, invalidRows: Int? = nil, invalidRowsIncludeNulls: Bool = false, ruleFile: String? = nil,
        rules: [RuleResult]? = nil, drift: [DriftFinding]? = nil
    ) {
        self.report = report
        self.invalidRows = invalidRows
        self.invalidRowsIncludeNulls = invalidRowsIncludeNulls
        self.ruleFile = ruleFile
        self.rules = rules
        self.drift = drift
    }

    /// Failed rules at error level (none without a rule file).
    public var failedRules: [RuleResult] { (rules ?? []).filter(\.failsCheck) }
    /// Failed rules at warn level (none without a rule file).
    public var warnedRules: [RuleResult] { (rules ?? []).filter { !$0.passed && $0.level == .warn } }

    /// A copy whose report is ``Report/redacted()`` and whose rule results are ``RuleResult/redacted()``
    /// (their examples become shapes); failing-row counts and drift hold no data values and are kept.
    public func redacted() -> CheckedReport {
        var copy = self
        copy.report = report.redacted()
        copy.rules = rules?.map { $0.redacted() }
        return copy
    }
}

extension CheckedReport: Codable {
    private enum Key: String, CodingKey {
        case options
        case invalidRows = "invalid_rows"
        case rules, drift
    }

    private enum OptionKey: String, CodingKey {
        case invalidRowsIncludeNulls = "invalid_rows_include_nulls"
        case rules
    }

    /// Reads a whole `dqcli` JSON report: the ``Report`` (`Report.init(from:)`) and the additions beside it.
    /// - Throws: `DecodingError` as `Report.init(from:)`, or when an addition holds the wrong kind of value; the
    ///   additions may be absent.
    public init(from decoder: any Decoder) throws {
        // The report first: its errors (a missing key, another schema version) are the ones to name.
        let report = try Report(from: decoder)
        let container = try decoder.container(keyedBy: Key.self)
        let options = try container.nestedContainer(keyedBy: OptionKey.self, forKey: .options)
        self.init(
            report: report,
            invalidRows: try container.decodeIfPresent(Int.self, forKey: .invalidRows),
            invalidRowsIncludeNulls: try options.decodeIfPresent(Bool.self, forKey: .invalidRowsIncludeNulls) ?? false,
            ruleFile: try options.decodeIfPresent(String.self, forKey: .rules),
            rules: try container.decodeIfPresent([RuleResult].self, forKey: .rules),
            drift: try container.decodeIfPresent([DriftFinding].self, forKey: .drift))
    }
}
