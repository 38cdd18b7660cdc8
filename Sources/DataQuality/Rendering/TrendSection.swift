/// The runs of one dataset as the history documents (Markdown and HTML) show them: a stored history's dataset,
/// or the two reports `dqcli diff` compares.
struct TrendSection: Sendable {
    /// One run: how it is named in the document and its numbers.
    struct Point: Sendable {
        /// A short name: the run id (`3`), or `old` and `new`.
        var label: String
        /// When or where: the run time (ISO 8601), or the report's path.
        var detail: String
        /// The run's metrics.
        var run: RunMetrics
        /// What changed since the point before (``HistoryTrend/Entry``'s notes: a repeat, then column changes).
        var notes: [String]
    }

    /// The dataset name, or the sources of the two reports compared.
    var title: String
    /// The heading of the label column: `Run` or `Report`.
    var labelHeading: String
    /// The heading of the detail column: `Date` or `File`.
    var detailHeading: String
    /// The runs, oldest first.
    var points: [Point]

    /// Column names in the order they first appear over the runs.
    var columnNames: [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for point in points {
            for column in point.run.columns where seen.insert(column.name).inserted { names.append(column.name) }
        }
        return names
    }

    /// One section per dataset of `trend`, in the order the datasets first appear (the trend is oldest first).
    static func sections(of trend: HistoryTrend) -> [TrendSection] {
        var sections: [TrendSection] = []
        var positions: [String: Int] = [:]
        for entry in trend.entries {
            let point = Point(
                label: String(entry.run.id ?? 0), detail: ISOTime.text(entry.run.runTime), run: entry.run,
                notes: entry.notes)
            if let position = positions[entry.run.dataset] {
                sections[position].points.append(point)
            } else {
                positions[entry.run.dataset] = sections.count
                sections.append(
                    TrendSection(title: entry.run.dataset, labelHeading: "Run", detailHeading: "Date", points: [point]))
            }
        }
        return sections
    }

    /// The two reports of `comparison`, `old` then `new`, titled with the files they profiled.
    static func section(of comparison: ReportComparison) -> TrendSection {
        let changes = HistoryTrend(runs: [comparison.old, comparison.new]).entries.last?.changes ?? []
        let (old, new) = (comparison.old.source, comparison.new.source)
        return TrendSection(
            title: old == new ? new : old + " → " + new, labelHeading: "Report", detailHeading: "File",
            points: [
                Point(label: "old", detail: comparison.oldPath, run: comparison.old, notes: []),
                Point(label: "new", detail: comparison.newPath, run: comparison.new, notes: changes)
            ])
    }
}
