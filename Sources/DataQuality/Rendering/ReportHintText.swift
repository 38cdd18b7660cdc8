/// The renderers' wording of a ``ReportHint``: the one place the library words a hint for `dqcli`'s command line,
/// so that the JSON `message`, the table, the Markdown and HTML pages and `dqcli`'s standard error say the same.
extension ReportHint {
    /// The hint as `dqcli`'s reports word it, naming the flags and commands a reader types.
    public var commandLineText: String {
        switch self {
        case .ruleNeedsDuplicateRows:
            "duplicate rows were not checked (--no-duplicates), so the rule cannot pass."
        case .mergedDuplicatesUnknown:
            "duplicate rows across the merged parts are unknown: partition the records by dqcli's row hash (dqcli rowhash, then profile each partition with --rows-partitioned-by-hash), or keep each part within --state-row-limit distinct rows so its state carries its row hashes"
        }
    }

    /// The hint whose ``commandLineText`` is `text`, if any (how a report's JSON `message` reads back).
    init?(commandLineText text: String) {
        guard let hint = Self.allCases.first(where: { $0.commandLineText == text }) else { return nil }
        self = hint
    }
}

extension PreambleHint {
    /// The hint as `dqcli`'s table words it: `the first 3 lines have 1 field and later lines have 4: a preamble?
    /// try --skip-lines 3`.
    public var commandLineText: String { text(skipping: "try --skip-lines") }
}

extension RuleResult {
    /// The message as reports show it: the ``hint`` worded for the command line, else ``message``.
    public var presentedMessage: String { hint?.commandLineText ?? message }
    /// ``summary`` with ``presentedMessage``: `dqcli`'s `rule failed:` and `warning:` lines.
    public var presentedSummary: String { summary(message: presentedMessage) }
}

extension Finding {
    /// The message as reports show it: the ``hint`` worded for the command line, else ``message``.
    public var presentedMessage: String? { hint?.commandLineText ?? message }
}
