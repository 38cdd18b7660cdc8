import Yams

/// The sections of a rule file (`dataset`, `columns`, `drift`) and their rules, read through the shapes of
/// ``RuleFileReader``.
extension RuleFileReader {
    func ruleSet(_ root: Node) throws -> RuleSet {
        let entries = try mapping(root, nil)
        try checkKeys(entries, allowed: ["dataset", "columns", "drift"], nil)
        var rules = RuleSet(path: path)
        for entry in entries {
            switch entry.key {
            case "dataset": rules.dataset = try dataset(entry.value)
            case "columns": rules.columns = try columns(entry.value)
            default: rules.drift = try drift(entry.value)
            }
        }
        return rules
    }

    func dataset(_ node: Node) throws -> DatasetRules {
        let entries = try mapping(node, "dataset")
        try checkKeys(
            entries,
            allowed: [
                "name", "owner", "description", "rows", "max_duplicate_rows", "max_ragged_rows", "max_malformed_rows",
                "min_grade", "freshness", "column_order", "allow_unexpected_columns", "rows_are_events"
            ], "dataset")
        var rules = DatasetRules()
        for entry in entries {
            let key = "dataset." + entry.key
            let value = entry.value
            switch entry.key {
            case "name": rules.name = try text(value, key)
            case "owner": rules.owner = try text(value, key)
            case "description": rules.description = try text(value, key)
            case "rows": rules.rows = try range(value, key) { try integer($0, $1) }
            case "max_duplicate_rows": rules.maxDuplicateRows = try rule(value, key) { try integer($0, $1) }
            case "max_ragged_rows": rules.maxRaggedRows = try rule(value, key) { try integer($0, $1) }
            case "max_malformed_rows": rules.maxMalformedRows = try rule(value, key) { try integer($0, $1) }
            case "min_grade": rules.minGrade = try rule(value, key, grade)
            case "freshness": rules.freshness = try freshness(value, key)
            case "column_order": rules.columnOrder = try rule(value, key, boolean)
            case "rows_are_events": rules.rowsAreEvents = try boolean(value, key)
            default: rules.allowUnexpectedColumns = try rule(value, key, boolean)
            }
        }
        return rules
    }

    func freshness(_ node: Node, _ key: String) throws -> RuleLimit<FreshnessRule> {
        let entries = try mapping(node, key)
        try checkKeys(entries, allowed: ["column", "max_age", "level"], key)
        guard let column = entries.first(where: { $0.key == "column" }),
            let age = entries.first(where: { $0.key == "max_age" })
        else { throw fail(node, key, "freshness needs `column` and `max_age` (such as 36h or 2d).") }
        let ageText = try text(age.value, key + ".max_age")
        guard let seconds = Self.durationSeconds(ageText) else {
            throw fail(
                age.value, key + ".max_age",
                "`\(ageText)` is not a duration; write a whole number and s, m, h, d or w (36h, 2d).")
        }
        return RuleLimit(
            FreshnessRule(
                column: try text(column.value, key + ".column"), maximumAgeSeconds: seconds, maximumAgeText: ageText),
            level: try level(entries, key), line: node.mark?.line ?? 0)
    }

    /// `90s`, `15m`, `36h`, `2d`, `1w` as seconds.
    static func durationSeconds(_ text: String) -> Int64? {
        guard let unit = text.last, let amount = Int64(text.dropLast()), amount >= 0 else { return nil }
        let scale: Int64
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86_400
        case "w": scale = 604_800
        default: return nil
        }
        return amount * scale
    }

    func columns(_ node: Node) throws -> [ColumnRules] {
        try mapping(node, "columns").map { entry in
            try column(entry.key, entry.keyNode, entry.value)
        }
    }

    static let columnKeys = [
        "description", "owner", "required", "type", "nullable", "max_null_fraction", "unique", "allowed_values",
        "pattern", "range", "length", "date_format", "decimal_mark", "number_format", "unit", "min_grade",
        "null_values"
    ]

    func column(_ name: String, _ keyNode: Node, _ node: Node) throws -> ColumnRules {
        let prefix = "columns." + name
        var rules = ColumnRules(name: name, line: keyNode.mark?.line ?? 0)
        if case .scalar = node, node.null != nil { return rules }
        let entries = try mapping(node, prefix)
        try checkKeys(entries, allowed: Self.columnKeys, prefix)
        if entries.contains(where: { $0.key == "nullable" })
            && entries.contains(where: { $0.key == "max_null_fraction" })
        {
            throw fail(node, prefix, "write either `nullable` or `max_null_fraction`, not both.")
        }
        for entry in entries {
            let key = prefix + "." + entry.key
            let value = entry.value
            switch entry.key {
            case "description": rules.description = try text(value, key)
            case "owner": rules.owner = try text(value, key)
            case "required": rules.required = try rule(value, key, boolean)
            case "type": rules.type = try rule(value, key, columnType)
            case "nullable":
                let nullable = try rule(value, key, boolean)
                rules.maxNullFraction = nullable.value ? nil : RuleLimit(0, level: nullable.level, line: nullable.line)
                rules.nullable = nullable.value
            case "max_null_fraction": rules.maxNullFraction = try rule(value, key, fraction)
            case "unique": rules.unique = try rule(value, key, boolean)
            case "allowed_values": rules.allowedValues = try allowedValues(value, key)
            case "pattern": rules.pattern = try rule(value, key, pattern)
            case "range": try valueRange(value, key, into: &rules)
            case "length": rules.length = try range(value, key) { try integer($0, $1) }
            case "date_format": rules.dateFormat = try rule(value, key, dateFormat)
            case "null_values": rules.nullValues = try nullValues(value, key)
            case "decimal_mark": rules.decimalMark = try rule(value, key, decimalMark)
            case "number_format": rules.numberFormat = try rule(value, key, numberFormat)
            case "unit": rules.unit = try rule(value, key, unit)
            default: rules.minGrade = try rule(value, key, grade)
            }
        }
        return rules
    }

    func columnType(_ node: Node, _ key: String) throws -> ColumnType {
        let value = try text(node, key)
        guard let type = ColumnType(rawValue: value), type != .empty, type != .unknown else {
            throw fail(
                node, key,
                "unknown type `\(value)`; expected boolean, integer, decimal, date, datetime, time or string.")
        }
        return type
    }

    func pattern(_ node: Node, _ key: String) throws -> RulePattern {
        let value = try text(node, key)
        do {
            return try RulePattern(value)
        } catch {
            throw fail(node, key, "`\(value)` is not a valid regular expression: \(error).")
        }
    }

    func dateFormat(_ node: Node, _ key: String) throws -> String {
        let value = try text(node, key)
        guard ValueFormats.allNames.contains(value) else {
            throw fail(
                node, key,
                "unknown format `\(value)`; expected a report format such as \(ValueFormats.dateNames.joined(separator: ", ")) or YYYY-MM-DDTHH:MM:SSZ."
            )
        }
        return value
    }

    func decimalMark(_ node: Node, _ key: String) throws -> DecimalMark {
        let value = try text(node, key)
        guard let mark = DecimalMark(rawValue: value) else {
            throw fail(node, key, "unknown decimal mark `\(value)`; expected \".\" or \",\".")
        }
        return mark
    }

    func numberFormat(_ node: Node, _ key: String) throws -> String {
        let value = try text(node, key)
        guard NumberFormat.named[value] != nil else {
            throw fail(
                node, key,
                "unknown number format `\(value)`; expected 1234.5 as it would be written in it, such as 1,234.5, 1.234,5, 1 234,5, $1,234.5, 1234,5% or EUR 1.234,5."
            )
        }
        return value
    }

    func unit(_ node: Node, _ key: String) throws -> String {
        let value = try text(node, key)
        guard NumberUnit(rawValue: value) != nil else {
            throw fail(
                node, key,
                "unknown unit `\(value)`; expected %, $, €, £, ¥, ₹ or an ISO 4217 code such as EUR, USD or CHF.")
        }
        return value
    }

    func allowedValues(_ node: Node, _ key: String) throws -> RuleLimit<[String]> {
        func list(_ node: Node, _ key: String) throws -> [String] {
            guard case .sequence(let sequence) = node else {
                throw fail(node, key, "expected a list of values, found \(describe(node)).")
            }
            let values = try sequence.map { try text($0, key) }
            if values.isEmpty { throw fail(node, key, "the list of allowed values is empty.") }
            return values
        }
        if case .mapping = node {
            let entries = try mapping(node, key)
            try checkKeys(entries, allowed: ["values", "level"], key)
            guard let values = entries.first(where: { $0.key == "values" }) else {
                throw fail(node, key, "allowed_values written as a mapping needs `values` (and optionally `level`).")
            }
            return RuleLimit(
                try list(values.value, key + ".values"), level: try level(entries, key), line: node.mark?.line ?? 0)
        }
        return RuleLimit(try list(node, key), line: node.mark?.line ?? 0)
    }

    /// A column's `null_values`: a list of texts (may be empty: only emptiness is null), first copies kept.
    func nullValues(_ node: Node, _ key: String) throws -> [String] {
        guard case .sequence(let sequence) = node else {
            throw fail(node, key, "expected a list of null tokens, found \(describe(node)).")
        }
        var seen = Set<String>()
        return try sequence.map { try text($0, key) }.filter { seen.insert($0).inserted }
    }

    /// `range` holds numbers (a numeric range) or ISO dates and datetimes (a date range), never a mix.
    func valueRange(_ node: Node, _ key: String, into rules: inout ColumnRules) throws {
        let entries = try mapping(node, key)
        let ends = entries.filter { $0.key == "min" || $0.key == "max" }
        let numeric = ends.allSatisfy { entry in
            if case .scalar(let scalar) = entry.value, Double(scalar.string) != nil { return true }
            return false
        }
        if numeric {
            rules.numberRange = try range(node, key) { try number($0, $1) }
            return
        }
        let seconds = try range(node, key) { node, key -> Int64 in
            let value = try text(node, key)
            guard let seconds = ISOTime.seconds(value, endOfDay: false) else {
                throw fail(
                    node, key,
                    "`\(value)` is neither a number nor an ISO date or datetime (2024-01-31, 2024-01-31T08:00:00Z).")
            }
            return seconds
        }
        let minText = try entries.first { $0.key == "min" }.map { try text($0.value, key) }
        let maxText = try entries.first { $0.key == "max" }.map { try text($0.value, key) }
        var bounds = seconds.value
        if let maxText { bounds.max = ISOTime.seconds(maxText, endOfDay: true) }
        rules.dateRange = RuleLimit(
            TemporalRange(seconds: bounds, minText: minText, maxText: maxText), level: seconds.level, line: seconds.line
        )
    }

    func drift(_ node: Node) throws -> DriftLimits {
        let entries = try mapping(node, "drift")
        try checkKeys(
            entries,
            allowed: [
                "window", "row_count_change", "null_fraction_change", "distinct_change", "consistency_change",
                "grade_drop"
            ],
            "drift")
        var limits = DriftLimits()
        for entry in entries {
            let key = "drift." + entry.key
            switch entry.key {
            case "window": limits.window = try integer(entry.value, key, minimum: 1)
            case "row_count_change": limits.rowCountChange = try nonNegative(entry.value, key)
            case "null_fraction_change": limits.nullFractionChange = try fraction(entry.value, key)
            case "distinct_change": limits.distinctChange = try nonNegative(entry.value, key)
            case "consistency_change": limits.consistencyChange = try fraction(entry.value, key)
            default: limits.gradeDrop = try integer(entry.value, key, minimum: 1)
            }
        }
        return limits
    }

    func nonNegative(_ node: Node, _ key: String) throws -> Double {
        let value = try number(node, key)
        guard value >= 0 else { throw fail(node, key, "must be at least 0, found \(written(node)).") }
        return value
    }
}
