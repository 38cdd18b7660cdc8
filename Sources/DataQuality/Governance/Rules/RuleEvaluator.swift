/// Evaluates a ``RuleSet`` against a finished ``Report`` and returns the results, leaving the report as it is
/// (a ``CheckedReport`` composes them beside it).
///
/// Value-level rules were already applied while profiling (pass the rule set in ``ProfileOptions/rules``):
/// their violations are the report's `rule_violation` findings, which this evaluator turns into results.
/// Every other rule is judged on the report's numbers. A required column missing from the data fails the
/// `required` rule and its other rules are not evaluated.
///
/// Result order: dataset rules (rows, duplicates, ragged, malformed, grade, freshness, column order, unexpected
/// columns), then each column of the rule file in file order (required, type, null fraction, unique, allowed
/// values, pattern, range, length, date format, grade).
public struct RuleEvaluator: Sendable {
    /// The rules evaluated.
    public var rules: RuleSet

    /// Creates an evaluator.
    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// The result of every rule.
    /// - Parameters:
    ///   - report: a report profiled with this rule set in ``ProfileOptions/rules`` (else value rules pass
    ///     vacuously).
    ///   - now: the run time, seconds since the Unix epoch.
    /// - Complexity: O(rules + columns).
    public func evaluate(_ report: Report, now: Int64) -> [RuleResult] {
        var results: [RuleResult] = []
        datasetResults(report, now: now, into: &results)
        // Each rule column finds its data column by name here, not by a search of the report's columns (which
        // made a check quadratic in the columns).
        let columnsByName = Self.firstColumnsByName(report)
        for column in rules.columns {
            columnResults(column, column: columnsByName[column.name], into: &results)
        }
        return results
    }

    // MARK: - Dataset

    private func datasetResults(_ report: Report, now: Int64, into results: inout [RuleResult]) {
        let dataset = rules.dataset
        if let rule = dataset.rows {
            let passed = rule.value.contains(report.rows)
            results.append(
                RuleResult(
                    rule: "rows", column: nil, level: rule.level, passed: passed, observed: .integer(report.rows),
                    limit: .text(Self.rangeText(rule.value)), ruleLine: rule.line,
                    message: "\(report.rows) row\(report.rows == 1 ? "" : "s"); allowed \(Self.rangeWords(rule.value))."
                ))
        }
        if let rule = dataset.maxDuplicateRows {
            if let duplicates = report.duplicateRows {
                results.append(
                    countResult("max_duplicate_rows", nil, rule, duplicates, "duplicate rows"))
            } else {
                results.append(
                    RuleResult(
                        rule: "max_duplicate_rows", column: nil, level: rule.level, passed: false, observed: .none,
                        limit: .integer(rule.value), ruleLine: rule.line,
                        message: ReportHint.ruleNeedsDuplicateRows.description, hint: .ruleNeedsDuplicateRows))
            }
        }
        if let rule = dataset.maxRaggedRows {
            results.append(countResult("max_ragged_rows", nil, rule, report.raggedRows, "ragged rows"))
        }
        if let rule = dataset.maxMalformedRows {
            results.append(countResult("max_malformed_rows", nil, rule, report.malformedRows, "malformed rows"))
        }
        if let rule = dataset.minGrade {
            results.append(gradeResult(nil, rule, report.grade))
        }
        if let rule = dataset.freshness {
            results.append(freshnessResult(rule, report: report, now: now))
        }
        let dataNames = report.columns.map(\.name)
        let dataNameSet = Set(dataNames)
        let ruleNames = Set(rules.columns.map(\.name))
        if let rule = dataset.columnOrder, rule.value {
            let expected = rules.columns.map(\.name).filter(dataNameSet.contains)
            let seen = dataNames.filter(ruleNames.contains)
            let passed = expected == seen
            results.append(
                RuleResult(
                    rule: "column_order", column: nil, level: rule.level, passed: passed,
                    observed: .text(seen.joined(separator: ",")), limit: .text(expected.joined(separator: ",")),
                    ruleLine: rule.line,
                    message: passed
                        ? "the columns are in the rule file's order."
                        : "the columns are in the order \(Self.quotedList(seen)); the rule file lists \(Self.quotedList(expected))."
                ))
        }
        if let rule = dataset.allowUnexpectedColumns, !rule.value {
            let unexpected = dataNames.filter { !ruleNames.contains($0) }
            results.append(
                RuleResult(
                    rule: "allow_unexpected_columns", column: nil, level: rule.level, passed: unexpected.isEmpty,
                    observed: .integer(unexpected.count), limit: .integer(0), ruleLine: rule.line,
                    message: unexpected.isEmpty
                        ? "every column is named in the rule file."
                        : "\(unexpected.count) column\(unexpected.count == 1 ? "" : "s") not in the rule file: \(Self.quotedList(unexpected))."
                ))
        }
    }

    private func freshnessResult(_ rule: RuleLimit<FreshnessRule>, report: Report, now: Int64) -> RuleResult {
        let freshness = rule.value
        func result(_ passed: Bool, _ observed: RuleValue, _ message: String) -> RuleResult {
            RuleResult(
                rule: "freshness", column: freshness.column, level: rule.level, passed: passed, observed: observed,
                limit: .text(freshness.maximumAgeText), ruleLine: rule.line, message: message)
        }
        guard let column = report.columns.first(where: { $0.name == freshness.column }) else {
            return result(false, .none, "no column `\(freshness.column)` to measure freshness on.")
        }
        guard column.type == .date || column.type == .datetime, case .text(let newestText)? = column.max,
            let newest = ISOTime.seconds(newestText, endOfDay: column.type == .date)
        else {
            return result(false, .none, "column `\(freshness.column)` holds no conforming date or datetime values.")
        }
        let age = now - newest
        let passed = age <= freshness.maximumAgeSeconds
        return result(
            passed, .text(newestText),
            "the newest value is \(newestText), \(Self.durationText(age)) before the run time \(ISOTime.text(now)); allowed \(freshness.maximumAgeText)."
        )
    }

    // MARK: - Columns

    /// The report's columns by name (the first of a repeated name).
    private static func firstColumnsByName(_ report: Report) -> [String: ColumnProfile] {
        Dictionary(report.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The results of one rule column; `column` is the report's column of that name, if any.
    private func columnResults(_ rules: ColumnRules, column: ColumnProfile?, into results: inout [RuleResult]) {
        let name = rules.name
        guard let column else {
            let required = rules.required
            results.append(
                RuleResult(
                    rule: "required", column: name, level: required.level, passed: !required.value,
                    observed: .bool(false), limit: .bool(required.value), ruleLine: required.line,
                    message: required.value
                        ? "the required column `\(name)` is missing." : "the optional column `\(name)` is absent."))
            return
        }
        results.append(
            RuleResult(
                rule: "required", column: name, level: rules.required.level, passed: true, observed: .bool(true),
                limit: .bool(rules.required.value), ruleLine: rules.required.line, message: "the column is present."))
        if let rule = rules.type {
            let first = column.findings.first { $0.kind == .typeMismatch }
            let mismatches = column.typeMismatches
            results.append(
                RuleResult(
                    rule: "type", column: name, level: rule.level, passed: mismatches == 0,
                    observed: .integer(mismatches), limit: .text(rule.value.rawValue), ruleLine: rule.line,
                    firstLine: first?.firstLine, example: first?.example,
                    message: mismatches == 0
                        ? "every value is \(Self.article(rule.value.rawValue))."
                        : "\(mismatches) value\(mismatches == 1 ? " is" : "s are") not \(Self.article(rule.value.rawValue))\(Self.firstText(first))."
                ))
        }
        if let rule = rules.maxNullFraction {
            let fraction = ColumnRules.nullFraction(column.nulls, rows: column.count)
            let passed = rules.meetsMaxNullFraction(fraction)
            results.append(
                RuleResult(
                    rule: "max_null_fraction", column: name, level: rule.level, passed: passed,
                    observed: .number(fraction), limit: .number(rule.value), ruleLine: rule.line,
                    firstLine: passed ? nil : column.findings.first { $0.kind == .null }?.firstLine,
                    message:
                        "\(column.nulls) of \(column.count) value\(column.count == 1 ? " is" : "s are") null (\(Self.percent(fraction))); allowed \(Self.percent(rule.value))."
                ))
        }
        if let rule = rules.unique, rule.value {
            let nonNull = column.typeCounts.reduce(0) { $0 + $1.count }
            let repeats = max(0, nonNull - column.distinct)
            results.append(
                RuleResult(
                    rule: "unique", column: name, level: rule.level, passed: repeats == 0, observed: .integer(repeats),
                    limit: .integer(0), ruleLine: rule.line,
                    message: repeats == 0
                        ? "no non-null value repeats\(column.distinctIsEstimate ? " (by estimate)" : "")."
                        : "\(repeats) non-null value\(repeats == 1 ? " repeats" : "s repeat") an earlier one\(column.distinctIsEstimate ? " (by estimate)" : "")."
                ))
        }
        /// `breaking` says how the counted values break the rule: `outside the range 30...60`.
        func valueRule<Value>(_ key: String, _ rule: RuleLimit<Value>?, _ limit: String, _ breaking: String) {
            guard let rule else { return }
            let finding = column.findings.first { $0.kind == .ruleViolation && $0.rule == key }
            let count = finding?.count ?? 0
            results.append(
                RuleResult(
                    rule: key, column: name, level: rule.level, passed: count == 0, observed: .integer(count),
                    limit: .text(limit), ruleLine: rule.line, firstLine: finding?.firstLine, example: finding?.example,
                    message: "\(count) value\(count == 1 ? "" : "s") \(breaking)\(Self.firstText(finding))."))
        }
        if let rule = rules.allowedValues {
            // Each value in its own quotes: a value may hold the comma that joins them in `limit`.
            valueRule(
                "allowed_values", rule, rule.value.joined(separator: ","),
                "outside the allowed values \(Self.quotedList(rule.value))")
        }
        if let rule = rules.pattern {
            valueRule("pattern", rule, rule.value.text, "not matching the pattern `\(rule.value.text)`")
        }
        if let range = rules.numberRange {
            valueRule(
                "range", range, Self.rangeText(range.value),
                Self.outsideWords(range.value, "below", "above", "the range"))
        }
        if let range = rules.dateRange {
            let ends = RuleRange(min: range.value.minText, max: range.value.maxText)
            valueRule("range", range, Self.rangeText(ends), Self.outsideWords(ends, "before", "after", "the range"))
        }
        if let rule = rules.length {
            valueRule(
                "length", rule, Self.rangeText(rule.value),
                "with a length " + Self.outsideWords(rule.value, "below", "above", ""))
        }
        if let rule = rules.dateFormat {
            valueRule("date_format", rule, rule.value, "not in the format \(rule.value)")
        }
        if let rule = rules.numberFormat {
            valueRule("number_format", rule, rule.value, "not in the number format \(rule.value)")
        }
        if let rule = rules.unit {
            valueRule("unit", rule, rule.value, "without the unit \(rule.value)")
        }
        if let rule = rules.minGrade {
            results.append(gradeResult(name, rule, column.grade))
        }
    }

    // MARK: - Pieces

    private func countResult(_ key: String, _ column: String?, _ rule: RuleLimit<Int>, _ count: Int, _ what: String)
        -> RuleResult
    {
        RuleResult(
            rule: key, column: column, level: rule.level, passed: count <= rule.value, observed: .integer(count),
            limit: .integer(rule.value), ruleLine: rule.line,
            message: "\(what): \(count); allowed at most \(rule.value).")
    }

    private func gradeResult(_ column: String?, _ rule: RuleLimit<Grade>, _ grade: Grade) -> RuleResult {
        RuleResult(
            rule: "min_grade", column: column, level: rule.level, passed: grade >= rule.value,
            observed: .text(grade.rawValue), limit: .text(rule.value.rawValue), ruleLine: rule.line,
            message: "grade \(grade.rawValue); at least \(rule.value.rawValue) required.")
    }

    /// A range as the rule file's `limit` text: `30...60`, `30...` (no upper end), `...60`.
    static func rangeText<Bound>(_ range: RuleRange<Bound>) -> String {
        "\(boundText(range.min))...\(boundText(range.max))"
    }

    /// A range in a message's words, never ending in dots: `30...60`, `at least 30`, `at most 60`.
    static func rangeWords<Bound>(_ range: RuleRange<Bound>) -> String {
        switch (range.min, range.max) {
        case (let min?, nil): "at least \(boundText(min))"
        case (nil, let max?): "at most \(boundText(max))"
        default: rangeText(range)
        }
    }

    /// Where values outside a range lie, in a message's words: `below 30` (no upper end), `above 60` (no lower
    /// end), else `outside 30...60` (`outside the range 30...60` with `noun` `the range`).
    private static func outsideWords<Bound>(_ range: RuleRange<Bound>, _ below: String, _ above: String, _ noun: String)
        -> String
    {
        switch (range.min, range.max) {
        case (let min?, nil): "\(below) \(boundText(min))"
        case (nil, let max?): "\(above) \(boundText(max))"
        default: "outside " + (noun.isEmpty ? "" : noun + " ") + rangeText(range)
        }
    }

    private static func boundText<Bound>(_ value: Bound?) -> String {
        guard let value else { return "" }
        if let number = value as? Double {
            return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : JSONValue.format(number)
        }
        return "\(value)"
    }

    /// `, first at line 5: `900``: the example in backquotes, so its own last character (a period) never
    /// runs into the message's.
    private static func firstText(_ finding: Finding?) -> String {
        guard let finding, let line = finding.firstLine else { return "" }
        return ", first at line \(line)" + (finding.example.map { ": `\($0)`" } ?? "")
    }

    /// Column names in backquotes, comma-separated: `` `a`, `b.` ``.
    private static func quotedList(_ names: [String]) -> String {
        names.map { "`\($0)`" }.joined(separator: ", ")
    }

    private static func article(_ type: String) -> String {
        (type.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + type
    }

    /// A fraction as a percentage with one decimal: `3.2%`, `2.0%`.
    static func percent(_ fraction: Double) -> String {
        JSONValue.format((fraction * 1000).rounded() / 10) + "%"
    }

    /// `3d 4h`, `45m`, `-2h` (in the future).
    static func durationText(_ seconds: Int64) -> String {
        if seconds < 0 { return "-" + durationText(-seconds) }
        let days = seconds / 86_400
        let hours = seconds % 86_400 / 3600
        let minutes = seconds % 3600 / 60
        if days > 0 { return hours > 0 ? "\(days)d \(hours)h" : "\(days)d" }
        if hours > 0 { return minutes > 0 ? "\(hours)h \(minutes)m" : "\(hours)h" }
        return minutes > 0 ? "\(minutes)m" : "\(seconds)s"
    }
}
