import Foundation
import Yams

/// Reads a YAML rule file into a ``RuleSet``, rejecting any mistake with its line and key.
///
/// YAML is parsed with Yams (libyaml) into nodes, whose marks give each key's line, so every message can
/// point at the exact place. The layout (README.md shows a full example):
/// ```yaml
/// dataset:
///   name: orders
///   rows: {min: 1, max: 100000}
///   rows_are_events: false
///   max_duplicate_rows: {value: 0, level: warn}
/// columns:
///   id: {type: integer, nullable: false, unique: true}
/// drift:
///   row_count_change: 0.05
/// ```
/// Every rule is written either as its value or as a mapping with `value` (or its own keys for ranges) and
/// `level` (`error` or `warn`).
///
/// - Complexity: O(n) in the file's size.
public struct RuleFileParser: Sendable {
    /// Creates a parser.
    public init() {}

    /// Reads and validates the rule file at `path`.
    /// - Throws: ``RuleFileError`` when the file cannot be read (the message gives the system's reason, such
    ///   as `cannot open the file: no such file or directory.`) or holds a mistake.
    public func parse(fileAt path: String) throws -> RuleSet {
        let bytes: [UInt8]
        do {
            bytes = try ByteSource.contents(ofFileAt: path)
        } catch let error as ProfileError {
            throw RuleFileError(path: path, line: nil, key: nil, message: error.message)
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw RuleFileError(path: path, line: nil, key: nil, message: "the rule file is not UTF-8 text.")
        }
        return try parse(text: text, path: path)
    }

    /// Reads and validates rule-file text.
    /// - Parameters:
    ///   - text: the YAML text.
    ///   - path: the name used in messages and recorded in ``RuleSet/path``.
    /// - Throws: ``RuleFileError``.
    public func parse(text: String, path: String) throws -> RuleSet {
        let root: Node?
        do {
            // The basic resolver: every value is read from its text here (`Reader`), never from the tag Yams
            // resolves, and resolving tags by regular expression was 44% of reading the rule file of a wide file.
            root = try Yams.compose(yaml: text, .basic)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            var locator = RepeatedKeyLocator(text: text)
            throw locator.error(repeating: duplicates.first ?? "", firstKeyAt: context.mark, path: path)
                ?? RuleFileError(
                    path: path, line: context.mark.line, key: duplicates.first,
                    message:
                        "the key `\(duplicates.joined(separator: "`, `"))` is written twice in the same mapping, first on this line."
                )
        } catch let error as YamlError {
            throw Self.syntaxError(error, path: path)
        }
        let reader = Reader(path: path)
        guard let root else {
            throw reader.fail(nil, nil, "the rule file is empty; it needs at least a `columns` mapping.")
        }
        return try reader.ruleSet(root)
    }

    private static func syntaxError(_ error: YamlError, path: String) -> RuleFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // Yams ends the context text with a line break and starts the problem with a space: each piece is
            // trimmed, so they join with one space.
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: "\n")
                .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ")
            return RuleFileError(path: path, line: mark.line, key: nil, message: "not valid YAML: \(what).")
        default:
            return RuleFileError(path: path, line: nil, key: nil, message: "not valid YAML: \(error).")
        }
    }
}

/// Finds where a key that Yams reports as repeated is written the second time, and its dotted key path.
///
/// Yams stops at a mapping with a repeated key, giving only the position of the key's first occurrence. The
/// locator renames that occurrence in the text (so the mapping composes), repeats this while Yams reports
/// more repeated keys, then walks the composed tree to the mapping holding the first renamed key: the next
/// key of the same name in that mapping is the repeat.
///
/// - Complexity: O(n × r) in the text's size n and the number r of repeated keys.
private struct RepeatedKeyLocator {
    var lines: [[Unicode.Scalar]]
    /// The original name of each renamed key, by its position.
    var renamed: [Position: String] = [:]

    struct Position: Hashable {
        var line: Int
        var column: Int

        init(_ mark: Mark) {
            line = mark.line
            column = mark.column
        }
    }

    init(text: String) {
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    }

    /// The error naming the repeat's line and key path, or nil when the repeat cannot be located.
    /// - Parameters:
    ///   - name: the repeated key, as Yams reports it.
    ///   - first: the position of its first occurrence, as Yams reports it.
    mutating func error(repeating name: String, firstKeyAt first: Mark, path: String) -> RuleFileError? {
        var reported = (name: name, mark: first)
        while rename(reported.name, at: reported.mark) {
            do {
                guard let root = try Yams.compose(yaml: text),
                    let (line, key) = secondOccurrence(of: Position(first), in: root, under: nil)
                else { return nil }
                return RuleFileError(
                    path: path, line: line, key: key,
                    message: "the key `\(name)` is written twice in the same mapping; first on line \(first.line).")
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                guard let next = duplicates.first else { return nil }
                reported = (next, context.mark)
            } catch {
                return nil
            }
        }
        return nil
    }

    private var text: String {
        lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    /// Prefixes the key at `mark` with a name no rule file uses, remembering `name` as its original name;
    /// false when the mark is outside the text or already renamed.
    private mutating func rename(_ name: String, at mark: Mark) -> Bool {
        let position = Position(mark)
        guard renamed[position] == nil, lines.indices.contains(mark.line - 1),
            lines[mark.line - 1].indices.contains(mark.column - 1)
        else { return false }
        lines[mark.line - 1].insert(
            contentsOf: "dqcli-repeated-key-\(renamed.count)-".unicodeScalars, at: mark.column - 1)
        renamed[position] = name
        return true
    }

    /// The line and dotted path of the key after the renamed key at `target`, in the mapping holding it.
    private func secondOccurrence(of target: Position, in node: Node, under parent: String?) -> (Int, String)? {
        switch node {
        case .mapping(let mapping):
            let keys = mapping.map(\.key)
            let names = keys.map { key in key.mark.flatMap { renamed[Position($0)] } ?? key.string }
            for (index, key) in keys.enumerated() {
                guard let mark = key.mark, Position(mark) == target, let name = names[index] else { continue }
                guard let next = names[(index + 1)...].firstIndex(of: name), let line = keys[next].mark?.line
                else { return nil }
                return (line, parent.map { "\($0).\(name)" } ?? name)
            }
            for (key, value) in mapping {
                let name = key.mark.flatMap { renamed[Position($0)] } ?? key.string ?? ""
                if let found = secondOccurrence(of: target, in: value, under: parent.map { "\($0).\(name)" } ?? name) {
                    return found
                }
            }
            return nil
        case .sequence(let sequence):
            for item in sequence {
                if let found = secondOccurrence(of: target, in: item, under: parent) { return found }
            }
            return nil
        case .scalar, .alias:
            return nil
        }
    }
}

/// The walk over the node tree; keeps the path for messages.
private struct Reader {
    let path: String

    func fail(_ node: Node?, _ key: String?, _ message: String) -> RuleFileError {
        RuleFileError(path: path, line: node?.mark?.line, key: key, message: message)
    }

    // MARK: - Shapes

    func mapping(_ node: Node, _ key: String?) throws -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw fail(node, key, "expected a mapping (`name: value` lines), found \(describe(node)).")
        }
        var seen = Set<String>()
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                throw fail(keyNode, key, "mapping keys must be plain text.")
            }
            let name = scalar.string
            let full = key.map { "\($0).\(name)" } ?? name
            if !seen.insert(name).inserted {
                throw fail(keyNode, full, "the key is written twice in the same mapping.")
            }
            result.append((name, keyNode, value))
        }
        return result
    }

    func checkKeys(
        _ entries: [(key: String, keyNode: Node, value: Node)], allowed: [String], _ parent: String?
    ) throws {
        for entry in entries where !allowed.contains(entry.key) {
            let full = parent.map { "\($0).\(entry.key)" } ?? entry.key
            throw fail(
                entry.keyNode, full, "unknown key `\(entry.key)`; expected one of: \(allowed.joined(separator: ", ")).")
        }
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "`\(scalar.string)`"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// A scalar's text as the rule file wrote it (`5`, not `5.0`), for messages.
    func written(_ node: Node) -> String {
        node.scalar?.string ?? describe(node)
    }

    func text(_ node: Node, _ key: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, key, "expected text, found \(describe(node)).") }
        return scalar.string
    }

    func integer(_ node: Node, _ key: String, minimum: Int = 0) throws -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw fail(node, key, "expected a whole number, found \(describe(node)).")
        }
        guard value >= minimum else { throw fail(node, key, "must be at least \(minimum), found \(value).") }
        return value
    }

    func number(_ node: Node, _ key: String) throws -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else {
            throw fail(node, key, "expected a number, found \(describe(node)).")
        }
        return value
    }

    func fraction(_ node: Node, _ key: String) throws -> Double {
        let value = try number(node, key)
        guard (0...1).contains(value) else {
            throw fail(node, key, "must be a fraction in 0...1, found \(written(node)).")
        }
        return value
    }

    func boolean(_ node: Node, _ key: String) throws -> Bool {
        guard case .scalar(let scalar) = node else {
            throw fail(node, key, "expected true or false, found \(describe(node)).")
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail(node, key, "expected true or false, found `\(scalar.string)`.")
        }
    }

    func grade(_ node: Node, _ key: String) throws -> Grade {
        let value = try text(node, key)
        guard let grade = Grade(rawValue: value.uppercased()) else {
            throw fail(node, key, "unknown grade `\(value)`; expected A, B, C, D or F.")
        }
        return grade
    }

    /// A rule written as its value or as `{value: ..., level: ...}`.
    func rule<Value>(_ node: Node, _ key: String, _ read: (Node, String) throws -> Value) throws -> RuleLimit<Value> {
        let line = node.mark?.line ?? 0
        if case .mapping = node {
            let entries = try mapping(node, key)
            try checkKeys(entries, allowed: ["value", "level"], key)
            guard let value = entries.first(where: { $0.key == "value" }) else {
                throw fail(node, key, "a rule written as a mapping needs `value` (and optionally `level`).")
            }
            return RuleLimit(try read(value.value, key + ".value"), level: try level(entries, key), line: line)
        }
        return RuleLimit(try read(node, key), level: .error, line: line)
    }

    func level(_ entries: [(key: String, keyNode: Node, value: Node)], _ key: String) throws -> RuleLevel {
        guard let entry = entries.first(where: { $0.key == "level" }) else { return .error }
        let value = try text(entry.value, key + ".level")
        guard let level = RuleLevel(rawValue: value) else {
            throw fail(entry.value, key + ".level", "unknown level `\(value)`; expected error or warn.")
        }
        return level
    }

    /// A `{min, max, level}` mapping; at least one end; min <= max.
    func range<Bound: Comparable & Sendable>(
        _ node: Node, _ key: String, _ read: (Node, String) throws -> Bound
    ) throws -> RuleLimit<RuleRange<Bound>> {
        let entries = try mapping(node, key)
        try checkKeys(entries, allowed: ["min", "max", "level"], key)
        let minimumNode = entries.first { $0.key == "min" }?.value
        let maximumNode = entries.first { $0.key == "max" }?.value
        let minimum = try minimumNode.map { try read($0, key + ".min") }
        let maximum = try maximumNode.map { try read($0, key + ".max") }
        if minimum == nil && maximum == nil { throw fail(node, key, "a range needs `min`, `max` or both.") }
        if let minimum, let maximum, let minimumNode, let maximumNode, minimum > maximum {
            throw fail(node, key, "impossible range: min \(written(minimumNode)) is above max \(written(maximumNode)).")
        }
        return RuleLimit(
            RuleRange(min: minimum, max: maximum), level: try level(entries, key), line: node.mark?.line ?? 0)
    }

    // MARK: - The file

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
        "pattern", "range", "length", "date_format", "min_grade"
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
            case "max_null_fraction": rules.maxNullFraction = try rule(value, key, fraction)
            case "unique": rules.unique = try rule(value, key, boolean)
            case "allowed_values": rules.allowedValues = try allowedValues(value, key)
            case "pattern": rules.pattern = try rule(value, key, pattern)
            case "range": try valueRange(value, key, into: &rules)
            case "length": rules.length = try range(value, key) { try integer($0, $1) }
            case "date_format": rules.dateFormat = try rule(value, key, dateFormat)
            default: rules.minGrade = try rule(value, key, grade)
            }
        }
        return rules
    }

    func columnType(_ node: Node, _ key: String) throws -> ColumnType {
        let value = try text(node, key)
        guard let type = ColumnType(rawValue: value), type != .empty else {
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

extension YamlError.Context {
    fileprivate var text: String { description }
}
