/// The words and numbers the document renderers (``HTMLReportRenderer``, ``MarkdownReportRenderer``) show,
/// as plain, unescaped text: each renderer escapes for its own format.
enum ReportSummary {
    /// Columns worst first: by overall score, then grade, then file order.
    static func columnsWorstFirst(_ report: Report) -> [ColumnProfile] {
        report.columns.sorted { $0.isWorse(than: $1) }
    }

    /// Facts about the source: `344 rows`, `8 columns`, `delimiter ","`, ...
    static func sourceFacts(_ report: Report) -> [String] {
        let source = report.source
        var facts = [
            TableReportRenderer.counted(report.rows, "row", "rows"),
            TableReportRenderer.counted(report.columns.count, "column", "columns"),
            "delimiter " + TableReportRenderer.byteName(source.delimiter)
        ]
        if source.quote != UInt8(ascii: "\"") { facts.append("quote " + TableReportRenderer.byteName(source.quote)) }
        if !source.header { facts.append("no header") }
        facts.append(source.encoding)
        facts.append(TableReportRenderer.counted(source.bytes, "byte", "bytes"))
        if let duplicates = report.duplicateRows {
            facts.append(TableReportRenderer.counted(duplicates, "duplicate row", "duplicate rows"))
        }
        return facts
    }

    /// The dataset's three scores and overall, as `(name, percentage)`.
    static func datasetScores(_ report: Report) -> [(name: String, value: String)] {
        [
            ("Completeness", Percentage.text(report.scores.completeness)),
            ("Consistency", Percentage.text(report.scores.consistency)),
            ("Uniqueness", report.scores.uniqueness.map(Percentage.text) ?? "not checked"),
            ("Overall", Percentage.text(report.scores.overall))
        ]
    }

    /// A finding as a label and count phrase without its example: `3 type mismatches, first at line 7`.
    /// `encoding`, the report's, names the byte-order mark (column findings need none).
    static func findingPhrase(_ finding: Finding, encoding: String = TextEncoding.utf8.name) -> String {
        switch finding.kind {
        case .byteOrderMark: return TableReportRenderer.byteOrderMarkPhrase(encoding: encoding)
        case .duplicatesNotChecked:
            return "duplicate rows not checked" + (finding.presentedMessage.map { ": " + $0 } ?? "")
        case .caseVariantsNotChecked: return "case variants not checked (too many distinct values)"
        case .noData: return "no data" + (finding.message.map { ": " + $0 } ?? "")
        case .nonUTF8Encoding: return TableReportRenderer.encodingPhrase(finding)
        case .encodingUnsure: return TableReportRenderer.encodingUnsurePhrase(finding)
        default: break
        }
        let words = TableReportRenderer.kindWords(finding.kind)
        var text = TableReportRenderer.grouped(finding.count) + " × " + words
        if let place = TableReportRenderer.place(of: finding) { text += ", first at " + place }
        if let dominant = finding.dominantFormat { text += " (dominant format " + dominant + ")" }
        return text
    }

    /// A bound as text: integers, decimals in the JSON number style, texts as they are.
    static func boundText(_ bound: BoundValue?) -> String {
        switch bound {
        case nil: return "–"
        case .integer(let value)?: return String(value)
        case .bigInteger(let digits)?: return digits
        case .decimal(let value)?: return DistributionScale.number.text(value)
        case .text(let text)?: return text
        }
    }

    /// A number with up to 4 significant decimals, for means and deviations.
    static func shortNumber(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        if value.magnitude >= 1e15 || (value != 0 && value.magnitude < 1e-4) { return JSONValue.format(value) }
        var text = String(format4: value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A column's nulls with their tokens (`6 (empty 4, "N/A" 1, "null" 1)`), and `, expected` when the rule
    /// file expects them; the count alone without nulls.
    static func nullsText(_ column: ColumnProfile) -> String {
        guard !column.nullTokens.isEmpty else { return TableReportRenderer.grouped(column.nulls) }
        let tokens = column.nullTokens.map { token in
            (token.token.isEmpty ? "empty" : "\"" + TerminalText.visible(token.token) + "\"") + " "
                + TableReportRenderer.grouped(token.count)
        }
        return TableReportRenderer.grouped(column.nulls) + " (" + tokens.joined(separator: ", ") + ")"
            + (column.nullsExpected ? ", expected" : "")
    }

    /// The metrics of a column, in display order, as `(label, value)`.
    static func metrics(_ column: ColumnProfile) -> [(label: String, value: String)] {
        var rows: [(String, String)] = [
            ("Type", column.type.rawValue + (column.format.map { " (" + $0 + ")" } ?? "")),
            ("Rows", TableReportRenderer.grouped(column.count)),
            ("Nulls", nullsText(column)),
            ("Distinct", (column.distinctIsEstimate ? "≈ " : "") + TableReportRenderer.grouped(column.distinct)),
            ("Conforming", TableReportRenderer.grouped(column.conforming)),
            ("Completeness", Percentage.text(column.scores.completeness)),
            ("Consistency", Percentage.text(column.scores.consistency)),
            ("Uniqueness", column.scores.uniqueness.map(Percentage.text) ?? "–"),
            ("Overall", Percentage.text(column.scores.overall))
        ]
        if column.min != nil || column.max != nil {
            rows.append(("Min", boundText(column.min)))
            rows.append(("Max", boundText(column.max)))
        }
        if column.mean != nil {
            rows.append(("Mean", shortNumber(column.mean)))
            rows.append(("Std. deviation", shortNumber(column.stddev)))
        }
        let estimate = column.quantilesAreEstimate ? "≈ " : ""
        if let distribution = column.valueDistribution {
            rows.append(
                (
                    "p25 / median / p75",
                    estimate
                        + [distribution.p25, distribution.median, distribution.p75].map(distribution.text)
                        .joined(separator: " / ")
                ))
        }
        if let lengths = column.lengthDistribution, let minimum = column.minLength, let maximum = column.maxLength {
            rows.append(
                (
                    "Length min / median / max",
                    "\(minimum) / \(estimate)\(lengths.text(lengths.median)) / \(maximum)"
                ))
        }
        return rows
    }

    /// A histogram bin's range as text: `32.1 – 33.5`; whole-number bins of width below 1 as one number.
    static func binLabel(_ bin: HistogramBin, of distribution: Distribution) -> String {
        if distribution.binPerWholeNumber { return distribution.text(bin.lower.rounded(.up)) }
        return rounded(bin.lower, distribution) + " – " + rounded(bin.upper, distribution)
    }

    /// An edge rounded for reading: dates to the day, numbers to 4 significant decimals.
    private static func rounded(_ value: Double, _ distribution: Distribution) -> String {
        switch distribution.scale {
        case .date: return distribution.text(value.rounded(.down))
        case .datetime, .time: return distribution.text(value.rounded(.down))
        case .number, .length: return shortNumber(value)
        }
    }
}

extension String {
    /// `value` with 4 decimals (`%.4f`).
    fileprivate init(format4 value: Double) {
        let scaled = (value * 10_000).rounded()
        let negative = scaled < 0
        let magnitude = scaled.magnitude
        let whole = (magnitude / 10_000).rounded(.down)
        let fraction = Int(magnitude - whole * 10_000)
        let fractionText = String(fraction)
        self =
            (negative ? "-" : "") + String(Int64(whole)) + "."
            + String(repeating: "0", count: 4 - fractionText.count) + fractionText
    }
}
