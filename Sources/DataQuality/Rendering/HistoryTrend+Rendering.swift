// The renderers of a ``HistoryTrend`` (`dqcli history`): the fixed-width table and the JSON array.

extension HistoryTrend {
    /// A fixed-width table, one line per run, ending with a newline:
    /// ```
    /// RUN  DATE                  DATASET  ROWS  GRADE  OVERALL  FAILED  CHANGED
    /// 1    2026-11-01T02:00:00Z  orders   1000  A      100.0%   0       -
    /// ```
    /// Overall scores are percentages with one decimal, as in the Markdown and HTML reports; `FAILED` counts
    /// failed error rules.
    public func renderTable() -> String {
        var rows = [["RUN", "DATE", "DATASET", "ROWS", "GRADE", "OVERALL", "FAILED", "CHANGED"]]
        for entry in entries {
            let run = entry.run
            rows.append([
                String(run.id ?? 0), ISOTime.text(run.runTime), TerminalText.visible(run.dataset), String(run.rows),
                run.grade.rawValue, Percentage.text(run.scores.overall), String(run.rulesFailed),
                entry.notes.isEmpty ? "-" : TerminalText.visible(entry.notes.joined(separator: ", "))
            ])
        }
        let widths = (0..<8).map { index in rows.map { TerminalText.width($0[index]) }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : TerminalText.padded(cell, to: widths[index])
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// The trend as JSON: an array of `{"id", "dataset", "run_time", "source", "rows", "grade", "overall",
    /// "completeness", "consistency", "rules_failed", "rules_warned", "changes", "repeat_of"}` (`repeat_of`: the
    /// id of the earlier run with the same dataset and run time, or null), 2-space indent, final newline.
    public func renderJSON() -> String {
        JSONValue.array(
            entries.map { entry in
                let run = entry.run
                return .object([
                    ("id", .optional(run.id, JSONValue.integer)),
                    ("dataset", .string(run.dataset)),
                    ("run_time", .string(ISOTime.text(run.runTime))),
                    ("source", .string(run.source)),
                    ("rows", .int(run.rows)),
                    ("grade", .string(run.grade.rawValue)),
                    ("overall", .number(run.scores.overall)),
                    ("completeness", .number(run.scores.completeness)),
                    ("consistency", .number(run.scores.consistency)),
                    ("rules_failed", .int(run.rulesFailed)),
                    ("rules_warned", .int(run.rulesWarned)),
                    ("changes", .array(entry.changes.map(JSONValue.string))),
                    ("repeat_of", .optional(entry.repeatOf, JSONValue.integer))
                ])
            }
        ).serialized() + "\n"
    }
}
