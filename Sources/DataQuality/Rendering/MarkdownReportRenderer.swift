/// Renders a ``Report`` as GitHub-flavoured Markdown (tables as GitHub, GitLab, Gitea and Bitbucket render
/// them): `dqcli profile --format markdown`, for pull requests and wikis.
///
/// Same content as ``HTMLReportRenderer``: the dataset grade and scores, the dataset findings, the columns
/// worst first, then per column its metrics, its histogram (a table of bins with a bar of `█`) or top values,
/// and its findings with first lines and examples.
///
/// Text from the data goes through ``escape(_:)``: controls and line breaks are made visible (`⏎`), so a value
/// cannot end a table row; `&` `<` `>` become character references, so it cannot open HTML; and the ASCII
/// punctuation that would format, link or mention (`|` `` ` `` `*` `_` `[` `]` `~` `\\` `#` `$` `@`) gets a
/// backslash (CommonMark 0.31, "Backslash escapes"; GFM tables honour `\|`). Values are shown in double quotes
/// so leading and trailing spaces stay visible.
public struct MarkdownReportRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The document of a governed run's report, as ``render(_:)-(Report)`` gives it: this format shows the report
    /// only (the rule results and drift are in the JSON and the table).
    public func render(_ checked: CheckedReport) -> String {
        render(checked.report)
    }

    /// The document, ending with a newline.
    /// - Complexity: O(c + f + b) lines for c columns, f findings and b histogram bins.
    public func render(_ report: Report) -> String {
        var lines: [String] = []
        lines.append("# Data quality report: " + Self.escape(report.source.path))
        lines.append("")
        lines.append(
            "**Grade \(report.grade.rawValue)** · "
                + ReportSummary.sourceFacts(report).map(Self.escape).joined(separator: " · "))
        lines.append("")
        let scores = ReportSummary.datasetScores(report)
        lines.append("| " + scores.map(\.name).joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---:|", count: scores.count))
        lines.append("| " + scores.map { Self.escape($0.value) }.joined(separator: " | ") + " |")
        lines.append("")
        lines.append("## Dataset findings")
        lines.append("")
        if report.findings.isEmpty {
            lines.append("No structural findings.")
        } else {
            lines += findingsTable(report.findings, encoding: report.source.encoding)
        }
        lines.append("")

        let columns = ReportSummary.columnsWorstFirst(report)
        lines.append("## Columns, worst first")
        lines.append("")
        lines.append("| Grade | Column | Type | Overall | Nulls | Distinct | Main finding |")
        lines.append("|---|---|---|---:|---:|---:|---|")
        for column in columns {
            let nullShare = column.count > 0 ? Double(column.nulls) / Double(column.count) : 0
            let cells = [
                "**\(column.grade.rawValue)**", Self.escape(column.name),
                Self.escape(TableReportRenderer.typeText(of: column)),
                Percentage.text(column.scores.overall), Percentage.text(nullShare),
                (column.distinctIsEstimate ? "≈ " : "") + TableReportRenderer.grouped(column.distinct),
                Self.escape(TableReportRenderer.mainFinding(of: column))
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        for column in columns {
            lines.append("")
            lines += card(column)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func card(_ column: ColumnProfile) -> [String] {
        var lines = ["### \(column.grade.rawValue) · \(Self.escape(column.name))", ""]
        lines.append("| Metric | Value |")
        lines.append("|---|---|")
        for metric in ReportSummary.metrics(column) {
            lines.append("| \(Self.escape(metric.label)) | \(Self.escape(metric.value)) |")
        }
        if let distribution = column.valueDistribution {
            lines.append("")
            lines.append("Distribution of values" + (distribution.isEstimate ? " (estimated)" : "") + ":")
            lines.append("")
            lines.append("| Range | Count | |")
            lines.append("|---|---:|---|")
            let fullest = distribution.histogram.map(\.count).max() ?? 1
            for bin in distribution.histogram {
                lines.append(
                    "| \(Self.escape(ReportSummary.binLabel(bin, of: distribution))) | "
                        + "\(TableReportRenderer.grouped(bin.count)) | \(Self.bar(bin.count, of: fullest)) |")
            }
        }
        if !column.topValues.isEmpty {
            lines.append("")
            lines.append("Most frequent values" + (column.distinctIsEstimate ? " (estimated)" : "") + ":")
            lines.append("")
            lines.append("| Value | Count |")
            lines.append("|---|---:|")
            for value in column.topValues {
                lines.append("| \(Self.quoted(value.value)) | \(TableReportRenderer.grouped(value.count)) |")
            }
        }
        if !column.findings.isEmpty {
            lines.append("")
            lines.append("Findings:")
            lines.append("")
            lines += findingsTable(column.findings)
        }
        return lines
    }

    private func findingsTable(_ findings: [Finding], encoding: String = TextEncoding.utf8.name) -> [String] {
        var lines = ["| Finding | First example |", "|---|---|"]
        for finding in findings {
            var phrase = ReportSummary.findingPhrase(finding, encoding: encoding)
            if let formats = finding.formats {
                phrase +=
                    " ("
                    + formats.map { "\($0.format) \(TableReportRenderer.grouped($0.count))" }
                    .joined(separator: ", ") + ")"
            }
            lines.append("| \(Self.escape(phrase)) | \(finding.example.map(Self.quoted) ?? "") |")
        }
        return lines
    }

    /// A bar of up to 20 `█` for `count` out of `fullest`; at least one for a non-zero count.
    private static func bar(_ count: Int, of fullest: Int) -> String {
        guard count > 0, fullest > 0 else { return "" }
        return String(repeating: "█", count: Swift.max(1, Int((Double(count) / Double(fullest) * 20).rounded())))
    }

    private static func quoted(_ value: String) -> String { "\"" + escape(value) + "\"" }

    /// `text` as literal Markdown text inside a table cell (see the type's documentation).
    /// - Complexity: O(n) in the length of `text`.
    static func escape(_ text: String) -> String {
        var output = ""
        for character in TerminalText.visible(text) {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#", "$", "@":
                output += "\\" + String(character)
            default: output.append(character)
            }
        }
        return output
    }
}
