// `Codable` for the rule results and drift findings a ``CheckedReport`` holds beside its report, with the
// contract's snake_case keys (`docs/report-contract.md`).

extension RuleLevel: Codable {}
extension DriftFinding.Kind: Codable {}
extension DriftFinding.Baseline: Codable {}

extension RuleValue {
    /// A rule or drift value: null, a flag, a text, or a number (`fraction`: always a ``number(_:)``;
    /// otherwise whole numbers are ``integer(_:)``).
    fileprivate static func decode<K: CodingKey>(
        from container: KeyedDecodingContainer<K>, forKey key: K, fraction: Bool
    ) throws -> RuleValue {
        if try container.decodeNil(forKey: key) { return .none }
        if let flag = try? container.decode(Bool.self, forKey: key) { return .bool(flag) }
        if let text = try? container.decode(String.self, forKey: key) { return .text(text) }
        if !fraction, let integer = try? container.decode(Int.self, forKey: key) { return .integer(integer) }
        return .number(try container.decode(Double.self, forKey: key))
    }
}

extension RuleResult: Codable {
    private enum Key: String, CodingKey {
        case rule, column, level, passed, observed, limit
        case ruleLine = "rule_line"
        case firstLine = "first_line"
        case example, message
    }

    /// Reads a rule result; `observed` and `limit` of `max_null_fraction` are fractions, other numbers counts; a
    /// `message` that words a ``ReportHint`` reads back as that hint.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let message = try container.decode(String.self, forKey: .message)
        let hint = ReportHint(commandLineText: message)
        let rule = try container.decode(String.self, forKey: .rule)
        let fraction = rule == "max_null_fraction"
        self.init(
            rule: rule, column: try container.decodeIfPresent(String.self, forKey: .column),
            level: try container.decode(RuleLevel.self, forKey: .level),
            passed: try container.decode(Bool.self, forKey: .passed),
            observed: try RuleValue.decode(from: container, forKey: .observed, fraction: fraction),
            limit: try RuleValue.decode(from: container, forKey: .limit, fraction: fraction),
            ruleLine: try container.decode(Int.self, forKey: .ruleLine),
            firstLine: try container.decodeIfPresent(Int.self, forKey: .firstLine),
            example: try container.decodeIfPresent(String.self, forKey: .example),
            message: hint?.description ?? message, hint: hint)
    }

    /// Writes a rule result.
    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}

extension DriftFinding: Codable {
    private enum Key: String, CodingKey {
        case kind, column, baseline, before, after, change, limit, message
    }

    /// Reads a drift finding; `before` and `after` of null-fraction and consistency changes are fractions.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let kind = try container.decode(Kind.self, forKey: .kind)
        let fraction = kind == .nullFractionChange || kind == .consistencyChange
        self.init(
            kind: kind, column: try container.decodeIfPresent(String.self, forKey: .column),
            baseline: try container.decode(Baseline.self, forKey: .baseline),
            before: try RuleValue.decode(from: container, forKey: .before, fraction: fraction),
            after: try RuleValue.decode(from: container, forKey: .after, fraction: fraction),
            change: try container.decodeIfPresent(Double.self, forKey: .change),
            limit: try container.decodeIfPresent(Double.self, forKey: .limit),
            message: try container.decode(String.self, forKey: .message))
    }

    /// Writes a drift finding.
    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}
