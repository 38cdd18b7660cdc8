/// Renders a metrics history (`dqcli history --format markdown`) or a comparison of two saved reports
/// (`dqcli diff --format markdown`) as GitHub-flavoured Markdown tables.
///
/// Per dataset: a table of its runs (label, date or file, rows, grade, overall, completeness and consistency
/// as percentages, failed error rules, what changed), then a table of each column's grade per run (`-` where
/// the run has no such column). A comparison adds its drift findings. Text from the data goes through
/// ``MarkdownReportRenderer/escape(_:)``.
public struct HistoryMarkdownRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The history document of `trend`, read from the database at `path`; ends with a newline.
    /// - Complexity: O(r × c) for r runs of c columns.
    public func render(_ trend: HistoryTrend, databasePath path: String) -> String {
        let sections = TrendSection.sections(of: trend)
        var lines = ["# Data quality history", ""]
        lines.append(
            Self.escape(path) + ": " + TableReportRenderer.counted(trend.entries.count, "run", "runs") + " of "
                + TableReportRenderer.counted(sections.count, "dataset", "datasets") + ".")
        for section in sections {
            lines += ["", "## " + Self.escape(section.title), ""]
            lines += Self.tables(section)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The comparison document of `comparison`: its two reports, their column grades, and the drift; ends with
    /// a newline.
    /// - Complexity: O(c + d) for c columns and d drift findings.
    public func render(_ comparison: ReportComparison) -> String {
        var lines = ["# Drift between two reports", ""]
        lines += Self.tables(TrendSection.section(of: comparison))
        lines += ["", "Drift:", ""]
        if comparison.drift.isEmpty {
            lines.append("No drift.")
        } else {
            lines += ["| Kind | Finding |", "|---|---|"]
            for finding in comparison.drift {
                lines.append("| \(finding.kind.rawValue) | \(Self.escape(finding.message)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The runs table and the column grades table of a section.
    private static func tables(_ section: TrendSection) -> [String] {
        var lines = [
            "| \(section.labelHeading) | \(section.detailHeading) | Rows | Grade | Overall | Completeness | Consistency | Failed rules | Changed |",
            "|---|---|---:|---|---:|---:|---:|---:|---|"
        ]
        for point in section.points {
            let run = point.run
            let cells = [
                escape(point.label), escape(point.detail), TableReportRenderer.grouped(run.rows), run.grade.rawValue,
                Percentage.text(run.scores.overall), Percentage.text(run.scores.completeness),
                Percentage.text(run.scores.consistency), String(run.rulesFailed),
                point.notes.isEmpty ? "-" : escape(point.notes.joined(separator: ", "))
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "Column grades:", ""]
        lines.append("| Column | " + section.points.map { escape($0.label) }.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---|", count: section.points.count))
        for name in section.columnNames {
            let grades = section.points.map { $0.run.column(named: name)?.grade.rawValue ?? "-" }
            lines.append("| \(escape(name)) | " + grades.joined(separator: " | ") + " |")
        }
        return lines
    }

    private static func escape(_ text: String) -> String { MarkdownReportRenderer.escape(text) }
}
