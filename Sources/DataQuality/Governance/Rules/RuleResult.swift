/// A value a rule observed or allowed: a count, a fraction, a grade, a text, a flag or nothing.
public enum RuleValue: Sendable, Equatable, CustomStringConvertible {
    case none
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case text(String)

    /// The value as a person reads it (`0.25`, `B`, `true`, `-`).
    public var description: String {
        switch self {
        case .none: "-"
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .number(let value): JSONValue.format(value)
        case .text(let value): value
        }
    }

    var jsonValue: JSONValue {
        switch self {
        case .none: .null
        case .bool(let value): .bool(value)
        case .integer(let value): .int(value)
        case .number(let value): .number(value)
        case .text(let value): .string(value)
        }
    }
}

/// The outcome of one rule on one report.
///
/// JSON (in the report's `rules` array): `{"rule", "column", "level", "passed", "observed", "limit",
/// "rule_line", "first_line", "example", "message"}`.
public struct RuleResult: Sendable, Equatable {
    /// The rule's key in the rule file (`max_null_fraction`, `rows`, `pattern`...).
    public var rule: String
    /// The column it is about, or `nil` for dataset rules.
    public var column: String?
    /// `error` or `warn`.
    public var level: RuleLevel
    /// Whether the data satisfies the rule.
    public var passed: Bool
    /// What the data showed (a count, fraction, grade, type...).
    public var observed: RuleValue
    /// What the rule allows.
    public var limit: RuleValue
    /// The 1-based line of the rule in the rule file.
    public var ruleLine: Int
    /// For value rules: the first data line (1-based) holding a value that breaks it.
    public var firstLine: Int?
    /// For value rules: the first value that breaks it.
    public var example: String?
    /// One sentence: what was checked and what was found (for a ``hint``, its ``ReportHint/description``).
    public var message: String
    /// Typed advice when the rule could not be judged (``ReportHint/ruleNeedsDuplicateRows``), which reports word
    /// in place of ``message``.
    public var hint: ReportHint?

    /// Creates a result.
    public init(
        rule: String, column: String?, level: RuleLevel, passed: Bool, observed: RuleValue, limit: RuleValue,
        ruleLine: Int, firstLine: Int? = nil, example: String? = nil, message: String, hint: ReportHint? = nil
    ) {
        self.hint = hint
        self.rule = rule
        self.column = column
        self.level = level
        self.passed = passed
        self.observed = observed
        self.limit = limit
        self.ruleLine = ruleLine
        self.firstLine = firstLine
        self.example = example
        self.message = message
    }

    /// The result as one line: the column (if any), the rule, its line in the rule file, and the message, as in
    /// `price range (rule line 12): 1 value outside the range 0...500, first at line 5: `900`.`
    public var summary: String { summary(message: message) }

    /// The column (if any), the rule, its line in the rule file, then `message`.
    func summary(message: String) -> String {
        (column.map { $0 + " " } ?? "") + rule + " (rule line \(ruleLine)): " + message
    }

    /// A copy whose ``example`` is its shape (``ValueShape/of(_:)``), in the message too, so a redacted report
    /// shows no value of the data. The rule file's own words (allowed values, patterns, bounds) stay.
    public func redacted() -> RuleResult {
        guard let example else { return self }
        var copy = self
        let shape = ValueShape.of(example)
        copy.example = shape
        copy.message = message.replacingOccurrences(of: ": `\(example)`", with: ": `\(shape)`")
        return copy
    }

    /// Whether this result fails a check: a failed `error` rule.
    public var failsCheck: Bool { !passed && level == .error }

    var jsonValue: JSONValue {
        .object([
            ("rule", .string(rule)),
            ("column", .optional(column, JSONValue.string)),
            ("level", .string(level.rawValue)),
            ("passed", .bool(passed)),
            ("observed", observed.jsonValue),
            ("limit", limit.jsonValue),
            ("rule_line", .int(ruleLine)),
            ("first_line", .optional(firstLine, JSONValue.int)),
            ("example", .optional(example, JSONValue.string)),
            ("message", .string(presentedMessage))
        ])
    }
}
