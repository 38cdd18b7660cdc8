// The renderers of a ``ReportComparison`` (`dqcli diff`): one line per drift finding, or the JSON array.

extension ReportComparison {
    /// One line per drift finding, `kind: message` (controls made visible), or `No drift.`; ends with a newline.
    /// - Complexity: O(n) in the text of the findings.
    public func renderText() -> String {
        drift.isEmpty
            ? "No drift.\n" : drift.map { "\($0.kind.rawValue): \(TerminalText.visible($0.message))\n" }.joined()
    }

    /// The drift findings as JSON (``DriftFinding/renderJSON(_:)``).
    /// - Complexity: O(n) in the text of the findings.
    public func renderJSON() -> String {
        DriftFinding.renderJSON(drift)
    }
}
