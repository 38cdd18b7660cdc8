/// Renders a ``Report`` as one self-contained HTML5 page: `dqcli profile --format html`.
///
/// The page needs no network and no JavaScript: styles are inline in one `<style>` element, charts are inline
/// SVG, and there is no script at all. It holds:
/// - a header with the source, the dataset grade and its completeness, consistency, uniqueness and overall
///   scores, and the dataset findings;
/// - a table of the columns, worst first (by overall score), with grade badges, linked to
/// - one card per column (same order): its metrics, an SVG histogram of its values (numeric, date and time
///   columns; a bar per bin, with the bin's range and count as a tooltip) or a bar chart of its top values,
///   its findings with their first lines and examples, and its most frequent values.
///
/// Layout: cards flow in a grid that becomes one column below 700 px; there the column table drops its null
/// and distinct counts (they are on the cards) and scrolls sideways if still too wide. When printed, the grid
/// becomes one column, cards do not break across pages, and badges keep their colours.
///
/// Every string that comes from the data (path, column names, values, examples) goes through
/// ``HTMLEscaping/escape(_:)``, so a hostile header or value renders as text and never as markup. As a second
/// line of defence, a Content-Security-Policy meta element allows no script and no external resource at all
/// (only the inline styles).
public struct HTMLReportRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The page of a governed run's report, as ``render(_:)-(Report)`` gives it: this format shows the report
    /// only (the rule results and drift are in the JSON and the table).
    public func render(_ checked: CheckedReport) -> String {
        render(checked.report)
    }

    /// The page, ending with a newline.
    /// - Complexity: O(c + f + b) for c columns, f findings and b histogram bins; O(n) in the text shown.
    public func render(_ report: Report) -> String {
        Self.page(
            title: "Data quality · " + report.source.path, styles: Self.styleSheet, body: body(report, idPrefix: ""),
            footer: Self.footer)
    }

    /// The page's footer text after the tool's name.
    static let footer = "report schema \(Report.schemaVersion) · scores and grades are defined in the report contract"

    /// The page's body: the header, the column table and the cards; each card's id (`column-3`) starts with
    /// `idPrefix`, so several reports can share one page.
    func body(_ report: Report, idPrefix: String) -> String {
        let columns = ReportSummary.columnsWorstFirst(report)
        var html = header(report)
        html += columnTable(columns, idPrefix: idPrefix)
        html += "<main class=\"cards\">\n"
        for column in columns { html += card(column, report: report, idPrefix: idPrefix) }
        return html + "</main>\n"
    }

    /// A whole page: the head (character set, viewport, a Content-Security-Policy that allows only inline
    /// styles, the escaped `title`, the `styles`), `body` as it is, and a footer naming the tool, then `footer`
    /// (escaped).
    static func page(title: String, styles: String, body: String, footer: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(HTMLEscaping.escape(title))</title>
        <style>\(styles)</style>
        </head>
        <body>
        \(body)<footer>\(HTMLEscaping.escape(ToolInfo.name + " " + ToolInfo.version + " · " + footer))</footer>
        </body>
        </html>

        """
    }

    private func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    private func badge(_ grade: Grade, large: Bool = false) -> String { Self.badge(grade, large: large) }

    /// A grade letter on its grade's colour.
    static func badge(_ grade: Grade, large: Bool = false) -> String {
        let letter = grade.rawValue
        return "<span class=\"badge grade-\(letter.lowercased())\(large ? " large" : "")\" title=\"Grade \(letter)\">"
            + "\(letter)</span>"
    }

    // MARK: - Header

    private func header(_ report: Report) -> String {
        var html = "<header class=\"summary\">\n<div class=\"title\">\n"
        html += badge(report.grade, large: true)
        html += "<div><h1>Data quality report</h1>\n"
        html += "<p class=\"path\">\(escape(report.source.path))</p>\n"
        html += "<p class=\"facts\">\(ReportSummary.sourceFacts(report).map(escape).joined(separator: " · "))</p>"
        html += "</div>\n</div>\n<dl class=\"scores\">\n"
        for score in ReportSummary.datasetScores(report) {
            html += "<div><dt>\(escape(score.name))</dt><dd>\(escape(score.value))</dd></div>\n"
        }
        html += "</dl>\n"
        if report.findings.isEmpty {
            html += "<p class=\"quiet\">No structural findings.</p>\n"
        } else {
            html += "<h2>Dataset findings</h2>\n<ul class=\"findings\">\n"
            for finding in report.findings { html += findingItem(finding, encoding: report.source.encoding) }
            html += "</ul>\n"
        }
        return html + "</header>\n"
    }

    private func findingItem(_ finding: Finding, encoding: String = TextEncoding.utf8.name) -> String {
        var html = "<li>" + escape(ReportSummary.findingPhrase(finding, encoding: encoding))
        if let example = finding.example {
            html +=
                example.isEmpty
                ? ": <span class=\"quiet\">(empty)</span>"
                : ": <code>" + escape(TerminalText.visible(example)) + "</code>"
        }
        if let formats = finding.formats {
            let list = formats.map { "\($0.format) \(TableReportRenderer.grouped($0.count))" }.joined(separator: ", ")
            html += " <span class=\"quiet\">(" + escape(list) + ")</span>"
        }
        return html + "</li>\n"
    }

    // MARK: - Column table

    private func columnTable(_ columns: [ColumnProfile], idPrefix: String) -> String {
        var html = """
            <section class="overview">
            <h2>Columns, worst first</h2>
            <div class="scroll"><table>
            <thead><tr><th>Grade</th><th>Column</th><th>Type</th><th class="number">Overall</th>\
            <th class="number wide">Nulls</th><th class="number wide">Distinct</th><th>Main finding</th></tr></thead>
            <tbody>

            """
        for column in columns {
            let nullShare = column.count > 0 ? Double(column.nulls) / Double(column.count) : 0
            html += "<tr><td>\(badge(column.grade))</td>"
            html += "<td><a href=\"#\(idPrefix)column-\(column.index)\">\(escape(column.name))</a></td>"
            html += "<td>\(escape(TableReportRenderer.typeText(of: column)))</td>"
            html += "<td class=\"number\">\(Percentage.text(column.scores.overall))</td>"
            html += "<td class=\"number wide\">\(Percentage.text(nullShare))</td>"
            html += "<td class=\"number wide\">\(column.distinctIsEstimate ? "≈ " : "")"
            html += "\(TableReportRenderer.grouped(column.distinct))</td>"
            html += "<td>\(escape(TableReportRenderer.mainFinding(of: column)))</td></tr>\n"
        }
        return html + "</tbody></table></div>\n</section>\n"
    }

    // MARK: - Column cards

    private func card(_ column: ColumnProfile, report: Report, idPrefix: String) -> String {
        var html = "<section class=\"card\" id=\"\(idPrefix)column-\(column.index)\">\n"
        html += "<h3>\(badge(column.grade)) <span class=\"name\">\(escape(column.name))</span>"
        html += " <span class=\"quiet\">column \(column.index + 1)</span></h3>\n"
        html += "<dl class=\"metrics\">\n"
        for metric in ReportSummary.metrics(column) {
            html += "<div><dt>\(escape(metric.label))</dt><dd>\(escape(metric.value))</dd></div>\n"
        }
        html += "</dl>\n"
        if let distribution = column.valueDistribution {
            html += histogram(distribution, title: "Distribution of values")
        } else if !column.topValues.isEmpty {
            html += topValuesChart(column)
        }
        if !column.findings.isEmpty {
            html += "<h4>Findings</h4>\n<ul class=\"findings\">\n"
            for finding in column.findings { html += findingItem(finding) }
            html += "</ul>\n"
        }
        if column.valueDistribution != nil && !column.topValues.isEmpty {
            html += "<h4>Most frequent values</h4>\n<p class=\"examples\">"
            html += column.topValues.map { value in
                "<code>\(escape(TerminalText.visible(value.value)))</code> × \(TableReportRenderer.grouped(value.count))"
            }.joined(separator: " ")
            html += "</p>\n"
        }
        return html + "</section>\n"
    }

    /// An SVG bar per bin, heights relative to the fullest bin, with the range ends below.
    private func histogram(_ distribution: Distribution, title: String) -> String {
        let width = 320.0
        let height = 120.0
        let bins = distribution.histogram
        let fullest = Double(bins.map(\.count).max() ?? 1)
        let slot = width / Double(Swift.max(bins.count, 1))
        let caption = title + (distribution.isEstimate ? " (estimated)" : "")
        var svg = "<figure class=\"chart\">\n<figcaption>\(escape(caption))</figcaption>\n"
        svg += "<svg viewBox=\"0 0 \(Int(width)) \(Int(height + 18))\" role=\"img\" "
        svg += "aria-label=\"\(escape(caption))\" preserveAspectRatio=\"xMidYMid meet\">\n"
        for (index, bin) in bins.enumerated() {
            let barHeight = fullest > 0 ? (Double(bin.count) / fullest * (height - 4)).rounded() : 0
            let x = Double(index) * slot
            let label =
                ReportSummary.binLabel(bin, of: distribution) + ": "
                + TableReportRenderer.grouped(bin.count)
            svg += "<rect class=\"bar\" x=\"\(svgNumber(x + 1))\" y=\"\(svgNumber(height - barHeight))\" "
            svg += "width=\"\(svgNumber(Swift.max(slot - 2, 1)))\" height=\"\(svgNumber(barHeight))\">"
            svg += "<title>\(escape(label))</title></rect>\n"
        }
        svg += "<line class=\"axis\" x1=\"0\" y1=\"\(Int(height))\" x2=\"\(Int(width))\" y2=\"\(Int(height))\"/>\n"
        if let first = bins.first, let last = bins.last {
            svg += "<text x=\"0\" y=\"\(Int(height + 14))\">\(escape(distribution.text(first.lower)))</text>\n"
            svg += "<text x=\"\(Int(width))\" y=\"\(Int(height + 14))\" text-anchor=\"end\">"
            svg += "\(escape(distribution.text(last.upper)))</text>\n"
        }
        return svg + "</svg>\n</figure>\n"
    }

    /// Horizontal bars for the most frequent values, as a share of the rows.
    private func topValuesChart(_ column: ColumnProfile) -> String {
        let largest = Double(column.topValues.map(\.count).max() ?? 1)
        var html = "<figure class=\"chart\">\n<figcaption>Most frequent values"
        html += column.distinctIsEstimate ? " (estimated)" : ""
        html += "</figcaption>\n<table class=\"top-values\">\n"
        for value in column.topValues {
            let share = largest > 0 ? Double(value.count) / largest * 100 : 0
            html += "<tr><td class=\"value\"><code>\(escape(TerminalText.visible(value.value)))</code></td>"
            html += "<td class=\"meter\"><span class=\"fill\" style=\"width: \(svgNumber(share))%\"></span></td>"
            html += "<td class=\"number\">\(TableReportRenderer.grouped(value.count))</td></tr>\n"
        }
        return html + "</table>\n</figure>\n"
    }

    private func svgNumber(_ value: Double) -> String { Self.svgNumber(value) }

    /// A coordinate with at most one decimal (`12`, `12.5`).
    static func svgNumber(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    // MARK: - Style

    static let styleSheet = """

        :root { --ink: #1d2330; --muted: #5b6478; --line: #d9dde6; --paper: #ffffff; --wash: #f4f6fa;
          --bar: #3b6fb6; --a: #1a7f37; --b: #2a7b9b; --c: #9a6700; --d: #bc4c00; --f: #cf222e; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1200px; padding: 24px; color: var(--ink); background: var(--paper);
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
        h1 { font-size: 1.5rem; margin: 0; }
        h2 { font-size: 1.15rem; margin: 1.2rem 0 0.5rem; }
        h3 { font-size: 1.05rem; margin: 0 0 0.6rem; display: flex; align-items: center; gap: 0.5rem;
          flex-wrap: wrap; }
        h4 { font-size: 0.9rem; margin: 0.8rem 0 0.3rem; color: var(--muted); text-transform: uppercase;
          letter-spacing: 0.04em; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em;
          background: var(--wash); padding: 0 0.25em; border-radius: 3px; white-space: pre-wrap;
          overflow-wrap: anywhere; }
        .quiet { color: var(--muted); font-weight: normal; font-size: 0.9em; }
        .summary { border-bottom: 1px solid var(--line); padding-bottom: 1rem; }
        .title { display: flex; gap: 1rem; align-items: center; }
        .path { margin: 0.2rem 0; font-weight: 600; overflow-wrap: anywhere; }
        .facts { margin: 0; color: var(--muted); }
        .badge { display: inline-block; min-width: 1.7em; padding: 0.1em 0.4em; border-radius: 4px;
          color: #fff; font-weight: 700; text-align: center; line-height: 1.4;
          -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .badge.large { font-size: 2.4rem; min-width: 1.6em; border-radius: 10px; }
        .grade-a { background: var(--a); } .grade-b { background: var(--b); } .grade-c { background: var(--c); }
        .grade-d { background: var(--d); } .grade-f { background: var(--f); }
        .scores { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0.75rem;
          margin: 1rem 0 0; }
        .scores div { background: var(--wash); border-radius: 8px; padding: 0.6rem 0.8rem; }
        .scores dt { color: var(--muted); font-size: 0.85rem; }
        .scores dd { margin: 0; font-size: 1.4rem; font-weight: 700; }
        .findings { margin: 0.2rem 0; padding-left: 1.2rem; }
        .findings li { margin: 0.15rem 0; overflow-wrap: anywhere; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid var(--line);
          vertical-align: top; }
        th { font-size: 0.85rem; color: var(--muted); font-weight: 600; }
        td a { color: inherit; overflow-wrap: break-word; }
        .number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 1rem;
          margin-top: 1.2rem; }
        .card { border: 1px solid var(--line); border-radius: 10px; padding: 1rem; min-width: 0;
          break-inside: avoid; page-break-inside: avoid; }
        .card .name { overflow-wrap: anywhere; }
        .metrics { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.15rem;
          margin: 0; font-size: 0.9rem; }
        .metrics div { display: flex; justify-content: space-between; gap: 0.5rem;
          border-bottom: 1px dotted var(--line); }
        .metrics dt { color: var(--muted); }
        .metrics dt { white-space: nowrap; }
        .metrics dd { margin: 0; text-align: right; overflow-wrap: anywhere; font-variant-numeric: tabular-nums; }
        .chart { margin: 0.8rem 0 0; }
        .chart figcaption { font-size: 0.85rem; color: var(--muted); margin-bottom: 0.2rem; }
        .chart svg { width: 100%; height: auto; display: block; }
        .chart svg .bar { fill: var(--bar); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .chart svg .axis { stroke: var(--muted); stroke-width: 1; }
        .chart svg text { font-size: 10px; fill: var(--muted); }
        .top-values td { border: 0; padding: 0.1rem 0.3rem; font-size: 0.9rem; }
        .top-values .value { width: 40%; overflow-wrap: anywhere; }
        .top-values .meter { width: 45%; }
        .top-values .fill { display: block; height: 0.8rem; background: var(--bar); border-radius: 2px;
          -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .examples { margin: 0; font-size: 0.9rem; line-height: 1.8; }
        footer { margin-top: 1.5rem; color: var(--muted); font-size: 0.8rem; }
        @media (max-width: 700px) {
          body { padding: 12px; font-size: 14px; }
          .scores { grid-template-columns: repeat(2, minmax(0, 1fr)); }
          .cards { grid-template-columns: 1fr; }
          .wide { display: none; }
          .badge.large { font-size: 1.8rem; }
        }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          .cards { display: block; }
          .card { margin-bottom: 0.8rem; }
          .scroll { overflow: visible; }
          a { text-decoration: none; }
        }

        """
}
