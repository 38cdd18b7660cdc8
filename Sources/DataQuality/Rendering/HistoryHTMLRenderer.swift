/// Renders a metrics history (`dqcli history --format html`) or a comparison of two saved reports
/// (`dqcli diff --format html`) as one self-contained HTML5 page, with the profile report's styles, escaping and
/// Content-Security-Policy (``HTMLReportRenderer``): no script, no external resource.
///
/// Per dataset, a card holds the latest grade, two inline SVG charts and a table:
/// - the overall score over the runs, a line from the oldest run to the newest with a dot per run in its
///   grade's colour (its label, date or file, score and grade as a tooltip), the vertical axis from 100% down
///   to the tenth below the lowest score;
/// - each column's grade over the runs, a row of grade-coloured cells per column with the letter in each
///   (no cell where the run has no such column);
/// - the runs as the Markdown table lists them (``HistoryMarkdownRenderer``).
/// A comparison adds its drift findings. Every string from the data goes through ``HTMLEscaping/escape(_:)``.
public struct HistoryHTMLRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The history page of `trend`, read from the database at `path`; ends with a newline.
    /// - Complexity: O(r × c) for r runs of c columns.
    public func render(_ trend: HistoryTrend, databasePath path: String) -> String {
        let sections = TrendSection.sections(of: trend)
        var html = "<header class=\"summary\">\n<h1>Data quality history</h1>\n"
        html += "<p class=\"path\">\(escape(path))</p>\n"
        html += "<p class=\"facts\">\(TableReportRenderer.counted(trend.entries.count, "run", "runs")) of "
        html += "\(TableReportRenderer.counted(sections.count, "dataset", "datasets"))</p>\n</header>\n"
        html += "<main class=\"trends\">\n"
        for section in sections { html += card(section) }
        html += "</main>\n"
        return HTMLReportRenderer.page(
            title: "Data quality history · " + path, styles: Self.styleSheet, body: html,
            footer: "scores and grades are defined in the report contract")
    }

    /// The comparison page of `comparison`: the two reports as a two-run trend, then the drift; ends with a
    /// newline.
    /// - Complexity: O(c + d) for c columns and d drift findings.
    public func render(_ comparison: ReportComparison) -> String {
        var html = "<header class=\"summary\">\n<h1>Drift between two reports</h1>\n"
        html += "<p class=\"path\">\(escape(comparison.oldPath)) → \(escape(comparison.newPath))</p>\n</header>\n"
        html += "<main class=\"trends\">\n"
        html += card(TrendSection.section(of: comparison))
        html += "<section class=\"card\">\n<h2>Drift</h2>\n"
        if comparison.drift.isEmpty {
            html += "<p class=\"quiet\">No drift.</p>\n"
        } else {
            html += "<ul class=\"findings\">\n"
            for finding in comparison.drift {
                html += "<li><code>\(escape(finding.kind.rawValue))</code> \(escape(finding.message))</li>\n"
            }
            html += "</ul>\n"
        }
        html += "</section>\n</main>\n"
        return HTMLReportRenderer.page(
            title: "Data quality drift · " + comparison.newPath, styles: Self.styleSheet, body: html,
            footer: "drift limits are those of the rule file given, else the defaults")
    }

    private func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    private func card(_ section: TrendSection) -> String {
        var html = "<section class=\"card\">\n<h2>"
        if let latest = section.points.last { html += HTMLReportRenderer.badge(latest.run.grade) + " " }
        html += "<span class=\"name\">\(escape(section.title))</span></h2>\n"
        html += scoreChart(section)
        html += gradeChart(section)
        html += runsTable(section)
        return html + "</section>\n"
    }

    /// Where point `index` of `count` lies across `width` units after `left`.
    private static func position(_ index: Int, of count: Int, left: Double, width: Double) -> Double {
        count == 1 ? left + width / 2 : left + Double(index) * width / Double(count - 1)
    }

    private func scoreChart(_ section: TrendSection) -> String {
        let (width, height, left, right, top, bottom) = (320.0, 130.0, 40.0, 8.0, 8.0, 112.0)
        let scores = section.points.map(\.run.scores.overall)
        let lowest = Swift.max(0, ((scores.min() ?? 1) * 10 - 0.5).rounded(.down) / 10)
        func y(_ score: Double) -> Double { bottom - (score - lowest) / (1 - lowest) * (bottom - top) }
        let xs = section.points.indices.map {
            Self.position($0, of: section.points.count, left: left, width: width - left - right)
        }
        let caption = "Overall score by \(section.labelHeading.lowercased())"
        var svg = "<figure class=\"chart\">\n<figcaption>\(caption)</figcaption>\n"
        svg +=
            "<svg class=\"trend\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(caption)\">\n"
        for score in [1.0, lowest] {
            svg += "<line class=\"axis\" x1=\"\(Int(left))\" y1=\"\(number(y(score)))\" x2=\"\(Int(width - right))\" "
            svg += "y2=\"\(number(y(score)))\"/>\n"
            svg +=
                "<text x=\"\(Int(left - 4))\" y=\"\(number(y(score) + 3))\" text-anchor=\"end\">\(Percentage.text(score))</text>\n"
        }
        let line = zip(xs, scores).map { "\(number($0)),\(number(y($1)))" }.joined(separator: " ")
        svg += "<polyline class=\"score\" points=\"\(line)\"/>\n"
        for (point, x) in zip(section.points, xs) {
            let run = point.run
            let tip =
                "\(section.labelHeading) \(point.label) · \(point.detail): \(Percentage.text(run.scores.overall)), grade \(run.grade.rawValue)"
            svg += "<circle class=\"grade-\(run.grade.rawValue.lowercased())\" cx=\"\(number(x))\" "
            svg += "cy=\"\(number(y(run.scores.overall)))\" r=\"3.5\"><title>\(escape(tip))</title></circle>\n"
        }
        // The first and last labels, inside the chart (a single run's label centred under its dot).
        if let first = section.points.first, let last = section.points.last {
            let anchor = section.points.count == 1 ? "middle" : "start"
            svg +=
                "<text x=\"\(number(xs[0]))\" y=\"\(Int(height - 4))\" text-anchor=\"\(anchor)\">\(escape(first.label))</text>\n"
            if section.points.count > 1 {
                svg += "<text x=\"\(number(xs[xs.count - 1]))\" y=\"\(Int(height - 4))\" text-anchor=\"end\">"
                svg += "\(escape(last.label))</text>\n"
            }
        }
        return svg + "</svg>\n</figure>\n"
    }

    private func gradeChart(_ section: TrendSection) -> String {
        let names = section.columnNames
        let (labelWidth, cell, rowHeight, top) = (120.0, 22.0, 20.0, 16.0)
        let width = labelWidth + cell * Double(section.points.count)
        let height = top + rowHeight * Double(names.count)
        let caption = "Column grades by \(section.labelHeading.lowercased())"
        var svg = "<figure class=\"chart\">\n<figcaption>\(caption)</figcaption>\n"
        // Drawn half as large again as its units, so the letters read as the text around them.
        svg +=
            "<svg class=\"grades\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"\(number(width * 1.5))\" "
        svg += "height=\"\(number(height * 1.5))\" role=\"img\" aria-label=\"\(caption)\">\n"
        for (index, point) in section.points.enumerated() where index == 0 || index == section.points.count - 1 {
            svg += "<text x=\"\(number(labelWidth + cell * (Double(index) + 0.5)))\" y=\"11\" text-anchor=\"middle\">"
            svg += "\(escape(point.label))</text>\n"
        }
        for (row, name) in names.enumerated() {
            let y = top + rowHeight * Double(row)
            let shown = name.count > 18 ? String(name.prefix(17)) + "…" : name
            svg +=
                "<text x=\"0\" y=\"\(number(y + 14))\">\(escape(TerminalText.visible(shown)))<title>\(escape(name))</title></text>\n"
            for (index, point) in section.points.enumerated() {
                guard let grade = point.run.column(named: name)?.grade else { continue }
                let x = labelWidth + cell * Double(index)
                let letter = grade.rawValue
                svg += "<rect class=\"grade-\(letter.lowercased())\" x=\"\(number(x + 1))\" y=\"\(number(y + 1))\" "
                svg += "width=\"\(number(cell - 2))\" height=\"\(number(rowHeight - 2))\">"
                svg +=
                    "<title>\(escape("\(name) · \(section.labelHeading) \(point.label): grade \(letter)"))</title></rect>\n"
                svg += "<text class=\"letter\" x=\"\(number(x + cell / 2))\" y=\"\(number(y + 14))\" "
                svg += "text-anchor=\"middle\">\(letter)</text>\n"
            }
        }
        return svg + "</svg>\n</figure>\n"
    }

    private func runsTable(_ section: TrendSection) -> String {
        var html = "<div class=\"scroll\"><table>\n<thead><tr><th>\(section.labelHeading)</th>"
        html += "<th>\(section.detailHeading)</th><th class=\"number\">Rows</th><th>Grade</th>"
        html += "<th class=\"number\">Overall</th><th class=\"number wide\">Completeness</th>"
        html += "<th class=\"number wide\">Consistency</th><th class=\"number\">Failed rules</th><th>Changed</th>"
        html += "</tr></thead>\n<tbody>\n"
        for point in section.points {
            let run = point.run
            html += "<tr><td>\(escape(point.label))</td><td class=\"detail\">\(escape(point.detail))</td>"
            html += "<td class=\"number\">\(TableReportRenderer.grouped(run.rows))</td>"
            html += "<td>\(HTMLReportRenderer.badge(run.grade))</td>"
            html += "<td class=\"number\">\(Percentage.text(run.scores.overall))</td>"
            html += "<td class=\"number wide\">\(Percentage.text(run.scores.completeness))</td>"
            html += "<td class=\"number wide\">\(Percentage.text(run.scores.consistency))</td>"
            html += "<td class=\"number\">\(run.rulesFailed)</td>"
            html += "<td>\(point.notes.isEmpty ? "-" : escape(point.notes.joined(separator: ", ")))</td></tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }

    private func number(_ value: Double) -> String { HTMLReportRenderer.svgNumber(value) }

    /// The profile report's style sheet and the charts' additions.
    static let styleSheet =
        HTMLReportRenderer.styleSheet + """
            .trends { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; margin-top: 1.2rem; }
            .card h2 { margin-top: 0; display: flex; align-items: center; gap: 0.5rem; }
            .chart svg.trend { max-width: 480px; }
            .chart svg.grades { width: auto; max-width: 100%; }
            .chart svg .score { fill: none; stroke: var(--bar); stroke-width: 2; }
            .chart svg .grade-a { fill: var(--a); } .chart svg .grade-b { fill: var(--b); }
            .chart svg .grade-c { fill: var(--c); } .chart svg .grade-d { fill: var(--d); }
            .chart svg .grade-f { fill: var(--f); }
            .chart svg circle, .chart svg rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            .chart svg text.letter { fill: #fff; font-weight: 700; }
            .detail { white-space: nowrap; }

            """
}
