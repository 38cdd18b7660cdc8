/// Renders a ``Report`` as a plain-text table for a terminal: `dqcli profile`'s default output.
///
/// Layout (every line at most ``width`` terminal columns):
/// ```
/// dqcli · orders.csv
/// 1,204 rows · 6 columns · delimiter "," · utf-8 · 88,113 bytes
/// Grade B · overall 96.1%
/// completeness 99.0% · consistency 97.2% · uniqueness 99.9%
/// Findings:
///   2 blank lines, first at line 5
///   1 ragged row, first at line 8: 3,Bob
///   3 malformed rows, first at line 9: 4,"a"b
///     by cause: 1 field too long, 2 text after closing quote    (wrapped at the width when longer)
///
/// COLUMN   TYPE     NULLS DISTINCT CONSIST GRADE MAIN FINDING
/// id       integer   0.0%    1,204  100.0% A     -
/// email    string    1.2%    1,180   97.5% B     3 whitespace (line 4)
/// ```
/// A file whose field count settles only after its first lines gets a hint after the second line (`the first 3
/// lines have 1 field and later lines have 4: a preamble? try --skip-lines 3`, wrapped at the width); else a
/// file read as a single column gets one when the sniffer found no delimiter (`1 column: if the file uses
/// another delimiter, give --delimiter.`), or when the delimiter was given and another reads more columns (`1
/// column: the file may use another delimiter: --delimiter ',' gives 3 columns.`; see ``dialectHint(_:)``).
///
/// The main finding of a column explains its grade: the finding that makes the most values non-conforming or
/// null, or the cells of ragged and malformed records when they are more (``mainFinding(of:width:)``). Percentages have
/// one decimal and never round a value below 100% up to `100.0%` or a value above 0% down to `0.0%`.
///
/// Text from the data (column names, examples, the path) has its control and format characters made visible
/// (a line feed shows as `⏎`, other controls as their Unicode control pictures or `\uXXXX`), so a hostile or
/// broken header can neither break the table nor send escape sequences to the terminal. Long names and
/// examples are cut with `…`. Widths are measured in terminal columns (East Asian wide characters count 2).
///
/// With ``color`` on, grade letters are wrapped in ANSI SGR colours (A green, B cyan, C yellow, D magenta,
/// F red; the dataset grade also bold). Escape sequences do not count toward the width.
public struct TableReportRenderer: Sendable {
    /// The most terminal columns a line may take; at least 20 is honoured (narrower values act as 20).
    public var width: Int
    /// Whether grade letters are coloured with ANSI escape sequences.
    public var color: Bool

    /// Creates a renderer.
    /// - Parameters:
    ///   - width: terminal columns per line (default 80).
    ///   - color: colour the grades with ANSI escapes (default off; the caller decides, e.g. from `isatty`
    ///     and `NO_COLOR`).
    public init(width: Int = 80, color: Bool = false) {
        self.width = width
        self.color = color
    }

    /// The report as text: a summary, the dataset findings, then one line per column. Ends with a newline.
    /// - Parameter report: any report.
    /// - Returns: lines of at most ``width`` terminal columns each, joined by `\n`.
    /// - Complexity: O(c + f) lines for c columns and f findings; O(n) time in the text shown.
    public func render(_ report: Report) -> String {
        render(CheckedReport(report: report))
    }

    /// The report as ``render(_:)-(Report)`` shows it, then the governed run's rule results and drift findings
    /// when it has them. Ends with a newline.
    public func render(_ checked: CheckedReport) -> String {
        let room = Swift.max(20, width)
        var lines: [Line] = []
        lines += summary(checked.report)
        lines.append(Line())
        lines += columnTable(checked.report, room: room)
        lines += governance(checked, room: room)
        return lines.map { $0.rendered(width: room, color: color) }.joined(separator: "\n") + "\n"
    }

    // MARK: - Summary

    private func summary(_ report: Report) -> [Line] {
        var lines: [Line] = []
        let path = TerminalText.visible(report.source.path)
        lines.append(Line("dqcli · ") + Line(TerminalText.truncatedFromStart(path, to: Swift.max(20, width) - 8)))

        let source = report.source
        var facts = [
            Self.counted(report.rows, "row", "rows"),
            Self.counted(report.columns.count, "column", "columns"),
            "delimiter " + Self.byteName(source.delimiter)
        ]
        if source.quote != UInt8(ascii: "\"") { facts.append("quote " + Self.byteName(source.quote)) }
        if !source.header { facts.append("no header") }
        facts.append(TerminalText.visible(source.encoding))
        facts.append(Self.counted(source.bytes, "byte", "bytes"))
        lines.append(Line(facts.joined(separator: " · ")))
        if let hint = Self.dialectHint(report) {
            let words = hint.split(separator: " ").map(String.init)
            lines += Self.wrapped(words, separator: "", first: "", indent: "  ", room: Swift.max(20, width)).map {
                Line($0)
            }
        }

        lines.append(
            Line("Grade ") + Line(report.grade.rawValue, grade: report.grade, bold: true)
                + Line(" · overall " + Percentage.text(report.scores.overall)))
        let uniqueness = report.scores.uniqueness.map(Percentage.text) ?? "not checked"
        lines.append(
            Line(
                "completeness \(Percentage.text(report.scores.completeness)) · consistency "
                    + "\(Percentage.text(report.scores.consistency)) · uniqueness \(uniqueness)"))

        if report.findings.isEmpty {
            lines.append(Line("No structural findings."))
        } else {
            lines.append(Line("Findings:"))
            for finding in report.findings {
                if finding.kind == .encodingUnsure {
                    // A sentence that ends in what to type: wrapped, never cut.
                    let words = Self.encodingUnsurePhrase(finding).split(separator: " ").map(String.init)
                    lines += Self.wrapped(words, separator: "", first: "  ", indent: "    ", room: Swift.max(20, width))
                        .map { Line($0) }
                    continue
                }
                let causes = finding.kind == .malformedRow ? report.malformedCauses : [:]
                lines.append(
                    Line(
                        "  "
                            + Self.describeDatasetFinding(finding, causes: causes, encoding: report.source.encoding)))
                if causes.count > 1 {
                    lines += Self.wrapped(Self.causeItems(causes), first: "    by cause: ", room: Swift.max(20, width))
                        .map { Line($0) }
                }
            }
        }
        return lines
    }

    /// The preamble hint (``SourceDescription/preambleHint``, worded by ``PreambleHint/commandLineText``), else
    /// the hint for a report of a single column: `1 column: if the file uses another delimiter, give
    /// --delimiter.` when the delimiter was detected (no candidate was eligible); when it was given and a
    /// candidate reads more columns (``SourceDescription/delimiterAlternative``), the hint names it as an
    /// option to type: `1 column: the file may use another delimiter: --delimiter ',' gives 3 columns.` (at
    /// most 80 columns up to 999 columns). Nil otherwise.
    static func dialectHint(_ report: Report) -> String? {
        if let preamble = report.source.preambleHint { return preamble.commandLineText }
        guard report.columns.count == 1 else { return nil }
        if report.source.delimiterWasDetected {
            return "1 column: if the file uses another delimiter, give --delimiter."
        }
        guard let alternative = report.source.delimiterAlternative else { return nil }
        let option = alternative.delimiter == 0x09 ? "tab" : "'" + String(UnicodeScalar(alternative.delimiter)) + "'"
        return "1 column: the file may use another delimiter: --delimiter \(option) gives "
            + counted(alternative.columns, "column", "columns") + "."
    }

    /// Causes of malformed records as `1 field too long`, `2 unterminated quote` (cause names in words, sorted
    /// by cause name).
    static func causeItems(_ causes: [String: Int]) -> [String] {
        causes.sorted { $0.key < $1.key }.map { grouped($0.value) + " " + String($0.key.map { $0 == "_" ? " " : $0 }) }
    }

    /// Items joined by `separator` and a space after `first`, continued on lines starting with `indent` (default:
    /// spaces as wide as `first`) when a line would pass `room` columns (an item longer than a line is cut when
    /// rendered).
    static func wrapped(
        _ items: [String], separator: String = ",", first: String, indent: String? = nil, room: Int
    ) -> [String] {
        let indent = indent ?? String(repeating: " ", count: first.count)
        var lines: [String] = []
        var current = first
        var isEmpty = true
        for (index, item) in items.enumerated() {
            let piece = item + (index < items.count - 1 ? separator : "")
            if !isEmpty && TerminalText.width(current) + 1 + TerminalText.width(piece) > room {
                lines.append(current)
                current = indent + piece
            } else {
                current += (isEmpty ? "" : " ") + piece
            }
            isEmpty = false
        }
        lines.append(current)
        return lines
    }

    /// Where a finding first occurs: `line 1,234`, `line 5 of part-2.csv`, or `record 5 of part -` when the line
    /// counts records within a part; nil for notices.
    static func place(of finding: Finding) -> String? {
        guard let line = finding.firstLine else { return nil }
        let unit = finding.firstLineIsPartRelative ? "record " : "line "
        guard let source = finding.sourceFile else { return unit + grouped(line) }
        return unit + grouped(line) + (finding.firstLineIsPartRelative ? " of part " : " of ")
            + TerminalText.visible(source)
    }

    /// A `non_utf8_encoding` finding as a phrase: `text in windows-1252, read as such (tools that expect UTF-8
    /// misread it)`.
    /// The `bom` finding's phrase: the mark the text started with, by its encoding (``SourceDescription/encoding``):
    /// a UTF-16 mark in UTF-16, the UTF-8 mark (EF BB BF) in every other encoding.
    static func byteOrderMarkPhrase(encoding: String) -> String {
        let mark = ["utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE"][encoding] ?? "UTF-8"
        return "\(mark) byte-order mark at the start (removed)"
    }

    static func encodingPhrase(_ finding: Finding) -> String {
        "text in \(TerminalText.visible(finding.example ?? "")), read as such (tools that expect UTF-8 misread it)"
    }

    /// `encoding_unsure` as a sentence that says which encoding to name when re-running: `encoding unsure: 4
    /// values are not UTF-8 though the first 64 KiB were ASCII, first at line 4,519: try --encoding
    /// windows-1252`, or for a text read as windows-1252 `encoding unsure: 3 values hold UTF-8 though the first
    /// 64 KiB read as windows-1252, first at line 4,520: try --encoding utf-8`.
    static func encodingUnsurePhrase(_ finding: Finding) -> String {
        let encoding = TerminalText.visible(finding.example ?? "")
        let values =
            encoding == TextEncoding.utf8.name
            ? counted(finding.count, "value holds", "values hold") + " UTF-8 though the first 64 KiB read as "
                + TextEncoding.windows1252.name
            : counted(finding.count, "value is", "values are") + " not UTF-8 though the first 64 KiB were ASCII"
        let firstPlace = place(of: finding).map { ", first at " + $0 } ?? ""
        return "encoding unsure: " + values + firstPlace + ": try --encoding " + encoding
    }

    /// One dataset finding as a phrase: `2 ragged rows, first at line 8: 3,Bob`; given the report's
    /// ``Report/malformedCauses``, a `malformed_row` finding with one cause names it
    /// (`1 malformed row (field too long), first at line 3: 3,abcdef`); with several the table adds a
    /// `by cause:` line. `encoding`, the report's, names the byte-order mark.
    static func describeDatasetFinding(
        _ finding: Finding, causes: [String: Int] = [:], encoding: String = TextEncoding.utf8.name
    ) -> String {
        let firstPlace = place(of: finding).map { ", first at " + $0 } ?? ""
        switch finding.kind {
        case .byteOrderMark:
            return byteOrderMarkPhrase(encoding: encoding)
        case .duplicatesNotChecked:
            return "duplicate rows not checked"
                + (finding.presentedMessage.map { ": " + TerminalText.visible($0) } ?? "")
        case .noData:
            return "no data" + (finding.message.map { ": " + TerminalText.visible($0) } ?? "")
        case .nonUTF8Encoding:
            return encodingPhrase(finding)
        case .encodingUnsure:
            return encodingUnsurePhrase(finding)
        default:
            break
        }
        let (singular, plural) = datasetLabels[finding.kind] ?? (kindWords(finding.kind), kindWords(finding.kind))
        var text = counted(finding.count, singular, plural)
        if causes.count == 1, let cause = causes.first?.key {
            text += " (" + String(cause.map { $0 == "_" ? " " : $0 }) + ")"
        }
        text += firstPlace
        if let example = finding.example,
            !example.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" })
        {
            text += ": " + TerminalText.visible(example)
        }
        return text
    }

    private static let datasetLabels: [FindingKind: (String, String)] = [
        .invalidUTF8: ("record with invalid UTF-8", "records with invalid UTF-8"),
        .blankName: ("blank column name", "blank column names"),
        .duplicateName: ("duplicate column name", "duplicate column names"),
        .blankLine: ("blank line", "blank lines"),
        .raggedRow: ("ragged row", "ragged rows"),
        .malformedRow: ("malformed row", "malformed rows"),
        .unterminatedQuote: ("unterminated quote", "unterminated quotes"),
        .duplicateRow: ("duplicate row", "duplicate rows")
    ]

    // MARK: - Column table

    private static let typeWidth = 8
    private static let nullsWidth = 6
    private static let distinctWidth = 8
    private static let consistencyWidth = 7
    private static let gradeWidth = 5
    /// The fixed columns but the type plus the six single-space separators.
    private static let fixedWidth = nullsWidth + distinctWidth + consistencyWidth + gradeWidth + 6

    /// A column's type as the TYPE cell shows it: an integer or decimal column with a number format adds it
    /// (`decimal 1.234,5`), or only its unit when the unit is all that is not plain (`decimal %`, `integer $`).
    static func typeText(of column: ColumnProfile) -> String {
        guard column.type == .integer || column.type == .decimal, let format = column.format else {
            return column.type.rawValue
        }
        if let unit = column.unit,
            format == "1234.5" + unit || format == unit + "1234.5" || format == unit + " 1234.5"
                || format == "1234.5 " + unit
        {
            return column.type.rawValue + " " + unit
        }
        return column.type.rawValue + " " + format
    }

    private func columnTable(_ report: Report, room: Int) -> [Line] {
        guard !report.columns.isEmpty else { return [Line("No columns.")] }
        // A blank name shows as its quoted spaces, so the row still says which column it is.
        let names = report.columns.map { column in
            column.name.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" })
                ? "\"" + TerminalText.visible(column.name) + "\"" : TerminalText.visible(column.name)
        }
        let types = report.columns.map(Self.typeText)
        let typeWidth = Swift.max(Self.typeWidth, types.map(TerminalText.width).max() ?? 0)
        let longest = names.map(TerminalText.width).max() ?? 0
        // Name column: as wide as the longest name, between 6 and 18, narrower if the finding column would
        // get fewer than 12 columns.
        var nameWidth = Swift.min(18, Swift.max(6, longest))
        nameWidth = Swift.max(4, Swift.min(nameWidth, room - Self.fixedWidth - typeWidth - 12))
        let findingWidth = Swift.max(1, room - Self.fixedWidth - typeWidth - nameWidth)

        func row(
            _ name: String, _ type: String, _ nulls: String, _ distinct: String, _ consistency: String,
            _ grade: Line, _ finding: String
        ) -> Line {
            Line(
                TerminalText.padded(name, to: nameWidth) + " " + TerminalText.padded(type, to: typeWidth)
                    + " " + TerminalText.padded(nulls, to: Self.nullsWidth, alignRight: true) + " "
                    + TerminalText.padded(distinct, to: Self.distinctWidth, alignRight: true) + " "
                    + TerminalText.padded(consistency, to: Self.consistencyWidth, alignRight: true) + " ")
                + grade + Line(" " + TerminalText.truncated(finding, to: findingWidth))
        }

        var lines = [
            row(
                "COLUMN", "TYPE", "NULLS", "DISTINCT", "CONSIST", Line(TerminalText.padded("GRADE", to: 5)),
                "MAIN FINDING")
        ]
        for ((column, name), type) in zip(zip(report.columns, names), types) {
            let nullFraction = column.count > 0 ? Double(column.nulls) / Double(column.count) : 0
            let distinct = (column.distinctIsEstimate ? "~" : "") + Self.compact(column.distinct)
            lines.append(
                row(
                    name, type, Percentage.text(nullFraction), distinct,
                    Percentage.text(column.scores.consistency),
                    Line(column.grade.rawValue, grade: column.grade)
                        + Line(String(repeating: " ", count: Self.gradeWidth - 1)),
                    Self.mainFinding(of: column, width: findingWidth)))
        }
        return lines
    }

    /// The rule results (a count, then every failed rule) and drift findings, when the run has them; a line
    /// longer than `room` is wrapped at spaces, never cut, so a rule's limit at its end shows.
    private func governance(_ checked: CheckedReport, room: Int) -> [Line] {
        func words(_ text: String) -> [String] {
            text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        }
        var lines: [Line] = []
        if let rules = checked.rules {
            let failed = rules.filter { !$0.passed }
            lines.append(Line())
            lines.append(
                Line(
                    "Rules: \(rules.count - failed.count) of \(rules.count) passed"
                        + (failed.isEmpty
                            ? "."
                            : ", \(failed.filter { $0.level == .error }.count) failed, \(failed.filter { $0.level == .warn }.count) warned:")
                ))
            for result in failed {
                var parts = words(Self.describeRule(result))
                let status = parts.removeFirst()
                lines += Self.wrapped(parts, separator: "", first: "  \(status) ", room: room).map { Line($0) }
            }
        }
        if let drift = checked.drift {
            lines.append(Line())
            lines.append(Line(drift.isEmpty ? "Drift: none." : "Drift:"))
            for finding in drift {
                lines += Self.wrapped(
                    words(TerminalText.visible(finding.message)), separator: "", first: "  ", indent: "    ", room: room
                ).map { Line($0) }
            }
        }
        return lines
    }

    /// `FAIL price range (rule line 12): 1 value does not lie in the range, first at line 5: 900.`
    static func describeRule(_ result: RuleResult) -> String {
        let status = result.passed ? "ok" : (result.level == .error ? "FAIL" : "WARN")
        return status + " " + TerminalText.visible(result.presentedSummary)
    }

    /// What lowers the column's score most (``ColumnProfile/mainFinding``), as `3 whitespace (line 4)` (`(line 4
    /// of part-2.csv)` when findings name source files), or `4 cells in ragged or malformed rows`; `-` when
    /// nothing lowers the score.
    ///
    /// With `width`, a longer text is shortened in its words (`cells in ragged/malformed rows`, then `cells in
    /// bad rows`; kind words are cut with `…`), never in the count or the `(line N)` part; only when those
    /// alone do not fit is the whole text cut.
    /// - Parameters:
    ///   - column: any column profile.
    ///   - width: the terminal columns available (default: no limit).
    static func mainFinding(of column: ColumnProfile, width: Int = .max) -> String {
        mainFinding(column.mainFinding, width: width)
    }

    /// A main finding as ``mainFinding(of:width:)`` words it; `-` for nil.
    static func mainFinding(_ main: MainFinding?, width: Int = .max) -> String {
        let finding: Finding
        switch main {
        case nil:
            return "-"
        case .cellsInBadRecords(let cellsInBadRecords):
            let cells = cellsInBadRecords == 1 ? "cell" : "cells"
            return fitted(
                compact(cellsInBadRecords),
                [cells + " in ragged or malformed rows", cells + " in ragged/malformed rows", cells + " in bad rows"],
                "", width: width)
        case .finding(let main):
            finding = main
        }
        // A merged report's line names its file (its last path component, to stay short).
        let file =
            finding.sourceFile.map {
                " of " + TerminalText.visible(String($0.split(separator: "/").last ?? Substring($0)))
            } ?? ""
        let unit = finding.firstLineIsPartRelative ? "record" : "line"
        let line = finding.firstLine.map { " (\(unit) \(grouped($0))\(file))" } ?? ""
        let (singular, plural): (String, String)
        if finding.kind == .ruleViolation, let rule = finding.rule {
            let words = String(rule.map { $0 == "_" ? " " : $0 })
            (singular, plural) = (words + " violation", words + " violations")
        } else {
            (singular, plural) = columnLabels[finding.kind] ?? (kindWords(finding.kind), kindWords(finding.kind))
        }
        return fitted(compact(finding.count), [finding.count == 1 ? singular : plural], line, width: width)
    }

    /// `count words line` in at most `width` columns: the first of the `words` (longest first) that fits, else
    /// the last one cut with `…`, so the count and the line stay; the whole text is cut only when those two
    /// alone do not fit.
    private static func fitted(_ count: String, _ words: [String], _ line: String, width: Int) -> String {
        for candidate in words {
            let text = count + " " + candidate + line
            if TerminalText.width(text) <= width { return text }
        }
        let room = width - TerminalText.width(count + " " + line)
        guard room >= 2 else { return TerminalText.truncated(count + " " + words[words.count - 1] + line, to: width) }
        return count + " " + TerminalText.truncated(words[words.count - 1], to: room) + line
    }

    private static let columnLabels: [FindingKind: (String, String)] = [
        .null: ("null", "nulls"), .typeMismatch: ("type mismatch", "type mismatches"),
        .mixedFormats: ("mixed format", "mixed formats"), .whitespace: ("whitespace", "whitespace"),
        .invalidUTF8: ("invalid UTF-8", "invalid UTF-8"),
        .controlCharacters: ("control character", "control characters"),
        .caseVariant: ("case variant", "case variants"), .leadingZeros: ("leading zero", "leading zeros"),
        .nonFinite: ("non-finite", "non-finite"), .duplicateValue: ("duplicate", "duplicates"),
        .nullTokenLikeValue: ("null that may be a value", "nulls that may be values"),
        .ruleViolation: ("rule violation", "rule violations")
    ]

    // MARK: - Formatting

    /// `kind_name` as `kind name`.
    static func kindWords(_ kind: FindingKind) -> String {
        String(kind.rawValue.map { $0 == "_" ? " " : $0 })
    }

    /// An integer with `,` between groups of three digits: `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// ``grouped(_:)`` when it fits in 7 characters, else `12.3M`-style (k, M, G, T; one decimal below 100).
    static func compact(_ value: Int) -> String {
        let plain = grouped(value)
        if plain.count <= 7 { return plain }
        var scaled = Double(value)
        var unit = ""
        for next in ["k", "M", "G", "T", "P", "E"] {
            guard scaled.magnitude >= 999.95 else { break }
            scaled /= 1000
            unit = next
        }
        let tenths = Int((scaled * 10).rounded())
        if abs(tenths) >= 1000 { return "\(tenths / 10)\(unit)" }
        return "\(tenths / 10).\(abs(tenths) % 10)\(unit)"
    }

    /// `count word` with the singular for 1: `1 row`, `2 rows`, `1,204 rows`.
    static func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
        grouped(count) + " " + (count == 1 ? singular : plural)
    }

    /// A delimiter or quote byte for people: `","`, `tab`, `"\u00A7"`-style for non-ASCII bytes.
    static func byteName(_ byte: UInt8) -> String {
        switch byte {
        case 0x09: return "tab"
        case 0x20: return "space"
        case 0x21...0x7E: return "\"" + String(UnicodeScalar(byte)) + "\""
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            return "0x" + (hex.count < 2 ? "0" : "") + hex
        }
    }
}

/// A line of output in segments, some coloured; cut to a width without breaking escape sequences.
private struct Line {
    struct Segment {
        var text: String
        var style: String?
    }

    var segments: [Segment] = []

    init() {}

    /// A plain segment.
    init(_ text: String) {
        segments = [Segment(text: text, style: nil)]
    }

    /// A grade letter, coloured when the renderer colours.
    init(_ text: String, grade: Grade, bold: Bool = false) {
        let colour: String
        switch grade {
        case .a: colour = "32"
        case .b: colour = "36"
        case .c: colour = "33"
        case .d: colour = "35"
        case .f: colour = "31"
        }
        segments = [Segment(text: text, style: (bold ? "1;" : "") + colour)]
    }

    static func + (lhs: Line, rhs: Line) -> Line {
        var result = lhs
        result.segments += rhs.segments
        return result
    }

    /// The line as text of at most `width` terminal columns (cut with `…`), trailing spaces removed, styles
    /// as ANSI SGR sequences when `color` is on.
    func rendered(width: Int, color: Bool) -> String {
        let total = segments.reduce(0) { $0 + TerminalText.width($1.text) }
        var pieces: [Segment] = segments
        if total > width {
            var budget = width - 1
            pieces = []
            for segment in segments {
                let segmentWidth = TerminalText.width(segment.text)
                if segmentWidth <= budget {
                    pieces.append(segment)
                    budget -= segmentWidth
                    continue
                }
                var kept = ""
                for character in segment.text {
                    let characterWidth = TerminalText.width(String(character))
                    if characterWidth > budget { break }
                    kept.append(character)
                    budget -= characterWidth
                }
                pieces.append(Segment(text: kept, style: segment.style))
                break
            }
            pieces.append(Segment(text: "…", style: nil))
        }
        // Drop trailing spaces (padding of the last cell).
        while var last = pieces.last {
            while last.text.last == " " { last.text.removeLast() }
            pieces[pieces.count - 1] = last
            if last.text.isEmpty { pieces.removeLast() } else { break }
        }
        return pieces.map { segment in
            guard color, let style = segment.style, !segment.text.isEmpty else { return segment.text }
            return "\u{1B}[" + style + "m" + segment.text + "\u{1B}[0m"
        }.joined()
    }
}
