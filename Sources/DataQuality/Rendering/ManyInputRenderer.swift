import Foundation

/// One input of a run over many inputs, as the document of that run shows it.
public struct ManyInputEntry: Sendable {
    /// The input's summary line (``ManyInputCheck/SummaryLine``).
    public var summary: ManyInputCheck.SummaryLine
    /// The checked report; nil when the input failed.
    public var checked: CheckedReport?
    /// The input's exit status, as the caller numbers it (0 for a report that passed its gates).
    public var exitStatus: Int32
    /// Why the input failed, one sentence naming it; nil when it has a report.
    public var message: String?

    /// Creates an entry.
    public init(summary: ManyInputCheck.SummaryLine, checked: CheckedReport?, exitStatus: Int32, message: String?) {
        self.summary = summary
        self.checked = checked
        self.exitStatus = exitStatus
        self.message = message
    }
}

/// Renders a run over many inputs (``ManyInputCheck``) as one document, and its summary alone.
///
/// - JSON: an array, one element per input in order: its report as ``JSONReportRenderer`` gives it, or
///   `{"path", "error": {"exit", "message"}}` for a failed input (the contract's opening paragraph). The summary:
///   an array of `{"path", "dataset", "rows", "grade", "overall", "main_finding", "exit", "error"}`.
/// - Table: each report's table one after another, then the summary: one line per input with its file, rows,
///   grade, overall score, main finding (the worst column's: `amount: 2 type mismatches (line 4)`) and exit
///   status; a failed input shows its message in place of the main finding.
/// - Markdown: the summary first, then a section per report (its headings one level down).
/// - HTML: one self-contained page (no script, the report's styles and Content-Security-Policy): the summary
///   table, each file linked to its section, then a section per report.
///
/// Every figure of a summary line is its report's (rows, grade, `scores.overall`), so the summary never
/// disagrees with the reports.
public struct ManyInputRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    // MARK: - JSON

    /// The JSON array of the reports and failures, ending with a newline. The elements are rendered side by
    /// side (on every core), each as the array writes it, and copied once into the text.
    /// - Complexity: O(n) in the size of the output.
    public func json(_ entries: [ManyInputEntry]) -> String {
        let renderer = JSONReportRenderer()
        guard !entries.isEmpty else { return "[]\n" }
        let texts = ResultSlots<[UInt8]>(count: entries.count)
        DispatchQueue.concurrentPerform(iterations: entries.count) { index in
            let entry = entries[index]
            let element: JSONValue =
                entry.checked.map(renderer.jsonValue)
                ?? .object([
                    ("path", .string(entry.summary.path)),
                    (
                        "error",
                        .object([("exit", .int(Int(entry.exitStatus))), ("message", .string(entry.message ?? ""))])
                    )
                ])
            texts.store(
                element.utf8Text(indent: renderer.indent, level: 1, leadingSpaces: renderer.indent), at: index)
        }
        return Self.array(of: texts.values)
    }

    /// `[`, the elements' texts one a line with a comma after each but the last, `]` and a newline.
    private static func array(of elements: [[UInt8]]) -> String {
        let length = elements.reduce(4) { $0 + $1.count + 2 }
        return String(unsafeUninitializedCapacity: length) { text in
            var position = 0
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                _ = UnsafeMutableBufferPointer(rebasing: text[position...]).initialize(fromContentsOf: bytes)
                position += bytes.count
            }
            func put(_ literal: StaticString) {
                put(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
            }
            put("[\n")
            for (index, element) in elements.enumerated() {
                if index > 0 { put(",\n") }
                element.withUnsafeBufferPointer { put($0) }
            }
            put("\n]\n")
            return position
        }
    }

    /// The summary as a JSON array, ending with a newline.
    public func summaryJSON(_ entries: [ManyInputEntry]) -> String {
        let elements = entries.map { entry -> JSONValue in
            let line = entry.summary
            return .object([
                ("path", .string(line.path)),
                ("dataset", .string(line.dataset)),
                ("rows", .optional(line.rows, JSONValue.int)),
                ("grade", .optional(line.grade?.rawValue, JSONValue.string)),
                ("overall", .optional(line.overallScore, JSONValue.number)),
                ("main_finding", .optional(line.mainFinding.map(Self.mainFindingText), JSONValue.string)),
                ("exit", .int(Int(entry.exitStatus))),
                ("error", .optional(entry.message, JSONValue.string))
            ])
        }
        return JSONValue.array(elements).serialized(indent: 2) + "\n"
    }

    // MARK: - Table

    /// Each report's table, one after another (a blank line between), then the summary.
    /// - Parameters:
    ///   - width: the terminal width the reports' tables fit.
    ///   - color: whether grades are coloured (ANSI).
    public func table(_ entries: [ManyInputEntry], width: Int, color: Bool) -> String {
        let tables = entries.compactMap { entry in
            entry.checked.map { TableReportRenderer(width: width, color: color).render($0) }
        }
        return (tables + [summaryTable(entries)]).joined(separator: "\n")
    }

    /// The summary as a table: a title line, then `FILE ROWS GRADE OVERALL MAIN FINDING EXIT`, one line per
    /// input, columns as wide as their longest cell.
    public func summaryTable(_ entries: [ManyInputEntry]) -> String {
        let header = ["FILE", "ROWS", "GRADE", "OVERALL", "MAIN FINDING", "EXIT"]
        let rows = entries.map { entry in
            let line = entry.summary
            return [
                TerminalText.visible(line.path), line.rows.map(TableReportRenderer.grouped) ?? "-",
                line.grade?.rawValue ?? "-", line.overallScore.map(Percentage.text) ?? "-",
                TerminalText.visible(Self.findingCell(entry)),
                String(entry.exitStatus)
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { TerminalText.width($0[column]) }.max() ?? 0
        }
        let rightAligned: Set<Int> = [1, 3, 5]
        func line(_ cells: [String]) -> String {
            let padded = cells.indices.map { column -> String in
                let padding = String(repeating: " ", count: widths[column] - TerminalText.width(cells[column]))
                if column == cells.count - 1 && !rightAligned.contains(column) { return cells[column] }
                return rightAligned.contains(column) ? padding + cells[column] : cells[column] + padding
            }
            return padded.joined(separator: "  ")
        }
        return ([Self.title(entries), line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    // MARK: - Markdown

    /// One Markdown document: the summary, then each report (its headings one level down).
    public func markdown(_ entries: [ManyInputEntry]) -> String {
        var text = summaryMarkdown(entries)
        for entry in entries {
            guard let checked = entry.checked else { continue }
            let report = MarkdownReportRenderer().render(checked)
            let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("#") ? "#" + line : line
            }
            text += "\n" + lines.joined(separator: "\n")
        }
        return text
    }

    /// The summary as a Markdown document: a title, a sentence of totals, and the table.
    public func summaryMarkdown(_ entries: [ManyInputEntry]) -> String {
        var lines = ["# Data quality summary", "", MarkdownReportRenderer.escape(Self.title(entries)), ""]
        lines.append("| File | Rows | Grade | Overall | Main finding | Exit |")
        lines.append("|---|---:|---|---:|---|---:|")
        for entry in entries {
            let line = entry.summary
            let cells = [
                MarkdownReportRenderer.escape(line.path), line.rows.map(TableReportRenderer.grouped) ?? "-",
                line.grade.map { "**\($0.rawValue)**" } ?? "-",
                line.overallScore.map(Percentage.text) ?? "-",
                MarkdownReportRenderer.escape(Self.findingCell(entry)),
                String(entry.exitStatus)
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - HTML

    /// One self-contained HTML page: the summary table, then a section per report.
    public func html(_ entries: [ManyInputEntry]) -> String {
        var body = summarySection(entries, linked: true)
        for (index, entry) in entries.enumerated() {
            guard let checked = entry.checked else { continue }
            body += "<section class=\"input\" id=\"input-\(index + 1)\">\n"
            body += HTMLReportRenderer().body(checked.report, idPrefix: "input-\(index + 1)-")
            body += "</section>\n"
        }
        return HTMLReportRenderer.page(
            title: "Data quality · " + Self.title(entries), styles: HTMLReportRenderer.styleSheet + Self.styles,
            body: body, footer: HTMLReportRenderer.footer)
    }

    /// The summary alone as a self-contained HTML page.
    public func summaryHTML(_ entries: [ManyInputEntry]) -> String {
        HTMLReportRenderer.page(
            title: "Data quality · " + Self.title(entries), styles: HTMLReportRenderer.styleSheet + Self.styles,
            body: summarySection(entries, linked: false), footer: HTMLReportRenderer.footer)
    }

    /// The summary's header and table; with `linked`, each profiled file links to its section.
    private func summarySection(_ entries: [ManyInputEntry], linked: Bool) -> String {
        var html = """
            <header class="summary">
            <h1>Data quality summary</h1>
            <p class="facts">\(HTMLEscaping.escape(Self.title(entries)))</p>
            <div class="scroll"><table>
            <thead><tr><th>File</th><th class="number">Rows</th><th>Grade</th><th class="number">Overall</th>\
            <th>Main finding</th><th class="number">Exit</th></tr></thead>
            <tbody>

            """
        for (index, entry) in entries.enumerated() {
            let line = entry.summary
            let path = HTMLEscaping.escape(line.path)
            let file = linked && entry.checked != nil ? "<a href=\"#input-\(index + 1)\">\(path)</a>" : path
            html += "<tr><td>\(file)</td>"
            html += "<td class=\"number\">\(line.rows.map(TableReportRenderer.grouped) ?? "-")</td>"
            html += "<td>\(line.grade.map { HTMLReportRenderer.badge($0) } ?? "-")</td>"
            html += "<td class=\"number\">\(line.overallScore.map(Percentage.text) ?? "-")</td>"
            let finding = Self.findingCell(entry)
            html += "<td>\(HTMLEscaping.escape(finding))</td>"
            html += "<td class=\"number\">\(entry.exitStatus)</td></tr>\n"
        }
        return html + "</tbody></table></div>\n</header>\n"
    }

    /// The page's extra styles: a rule between the reports' sections.
    private static let styles = ".input{border-top:3px solid #d0d7de;margin-top:2rem;padding-top:1rem}"

    // MARK: - Words

    /// `3 files: 2 profiled, 1 failed.`
    static func title(_ entries: [ManyInputEntry]) -> String {
        let failed = entries.count(where: { $0.checked == nil })
        let files = TableReportRenderer.counted(entries.count, "file", "files")
        return failed == 0
            ? "\(files), all profiled." : "\(files): \(entries.count - failed) profiled, \(failed) failed."
    }

    /// The summary's main-finding cell: the failure's message without the file's name it starts with (the
    /// line names the file), else the main finding, else `-`.
    static func findingCell(_ entry: ManyInputEntry) -> String {
        if let message = entry.message {
            let prefix = (entry.summary.path == "-" ? "standard input" : entry.summary.path) + ": "
            return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
        }
        return entry.summary.mainFinding.map(mainFindingText) ?? "-"
    }

    /// `amount: 2 type mismatches (line 4)`.
    static func mainFindingText(_ main: ManyInputCheck.ColumnMainFinding) -> String {
        main.column + ": " + TableReportRenderer.mainFinding(main.finding)
    }
}
