/// Writes a starter rule file from a profile, commented so a data steward can edit it.
///
/// Per column: its `type`; a null limit (`nullable: false` when the column has no nulls, else
/// `max_null_fraction` of 1.5 × the observed fraction + 0.01, rounded up to 3 decimals, and `null_values`, the
/// null tokens the column held, in byte order, so its nulls stay those tokens whatever the run's list);
/// `allowed_values` for string columns with at most 5 distinct values over at least 20 rows; a `range` for integer and decimal
/// columns (the observed minimum and maximum widened by 10% of their span, rounded outward, not below 0 when
/// the minimum is not negative, at most the largest finite numbers), except key-like columns, which get none,
/// and columns holding one value, which get a comment instead; `date_format` for date, datetime and time
/// columns without mixed formats; `unique: true` for key-like columns without nulls (key-like: integer or
/// string, every non-null value distinct, at least 2 of them). Dataset: its name (the file's name, with a
/// comment asking for the dataset's real name when the file name holds a date or the input is standard
/// input), a minimum row count of 1, and the observed duplicate, ragged and malformed counts as maxima. A file
/// without columns gives `columns: {}`. A rule file names columns by name, so of columns sharing a name only the
/// first gets rules, with a comment naming the later ones' positions.
///
/// The suggestion is then checked against the file it came from (``suggest(fileAt:options:datasetName:)``
/// profiles it again with the rules): a rule the file already breaks is written at level `warn` with a
/// comment saying why, so `dqcli check` with the suggested file passes on that file.
public struct RuleSuggester: Sendable {
    /// `value` clamped to the finite numbers (an infinity becomes the largest finite number of its sign).
    static func finite(_ value: Double) -> Double {
        min(max(value, -Double.greatestFiniteMagnitude), Double.greatestFiniteMagnitude)
    }

    /// One suggested rule: the YAML line(s) under its column (or `dataset`), and its level.
    struct Suggestion {
        var column: String?
        var key: String
        /// The YAML value text (a scalar or a flow mapping/list without `level`); nil writes only the note,
        /// saying why the rule is left out.
        var value: String?
        var level: RuleLevel = .error
        var note: String?
    }

    /// How to check a file with the suggested rules, written as the comment `# Check with: COMMAND` before
    /// the rules (a command line gives its command); nil writes no such comment.
    public var checkCommand: String?

    /// Creates a suggester.
    /// - Parameter checkCommand: see ``checkCommand``.
    public init(checkCommand: String? = nil) {
        self.checkCommand = checkCommand
    }

    /// Profiles the file, suggests rules, checks them against the same file and returns the rule file text.
    /// - Parameters:
    ///   - path: the CSV file; `-` reads standard input. Standard input and other inputs that are not regular
    ///     files (pipes) are copied while first read to a temporary file that is unlinked at once (see
    ///     ``SpoolFile``), and read again from the copy through its descriptor.
    ///   - options: the profile options (dialect, nulls...); `rules` is ignored.
    ///   - datasetName: the dataset name to write; `nil` uses the file's name without its extension.
    /// - Throws: ``ProfileError`` as ``Profiler/profile(fileAt:)``, and `cannotWrite` for the copy.
    /// - Complexity: two profiles of the file.
    public func suggest(fileAt path: String, options: ProfileOptions, datasetName: String? = nil) throws -> String {
        var plain = options
        plain.rules = nil
        let copy = InputLocation(path: path).canBeReadAgain ? nil : try SpoolFile()
        defer { copy?.close() }
        let report =
            try copy.map { try Profiler(options: plain).profile(fileAt: path, copyingInto: $0) }
            ?? Profiler(options: plain).profile(fileAt: path)
        var suggestions = suggestions(for: report, datasetName: datasetName ?? Self.datasetName(forPath: path))
        if datasetName == nil { suggestions[0].note = Self.nameNote(forPath: path) }
        let rules = try RuleFileParser().parse(text: render(suggestions, report: report), path: "suggested rules")
        var checked = plain
        checked.rules = rules
        let recheck =
            try copy.map { try Profiler(options: checked).profile(rereading: $0, sourceName: path) }
            ?? Profiler(options: checked).profile(fileAt: path)
        let byColumn = Self.indicesByColumn(suggestions)
        for result in RuleEvaluator(rules: rules).evaluate(recheck, now: 0) where result.failsCheck {
            for index in byColumn[result.column] ?? []
            where suggestions[index].value != nil
                && suggestions[index].key == Self.key(of: result.rule, in: suggestions[index])
            {
                suggestions[index].level = .warn
                suggestions[index].note = "warn: this file already breaks it (\(result.presentedMessage))"
            }
        }
        return render(suggestions, report: report)
    }

    /// The dataset name for a file path: its last component without the extension (`stdin` for `-`).
    public static func datasetName(forPath path: String) -> String {
        if path == "-" { return "stdin" }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// Why a dataset name taken from `path` should be replaced: it stands for standard input, or it holds a
    /// date (`orders-2026-11-29.csv`, `orders_20261129.csv`), so each day's file would be its own dataset in
    /// the history. Nil when the name can stay.
    static func nameNote(forPath path: String) -> String? {
        let why = "so that every run of the dataset shares one history and drift is measured against earlier runs"
        if path == "-" {
            return "set the dataset's name: this one stands for standard input; give the same name every time, \(why)."
        }
        let name = datasetName(forPath: path)
        guard let date = name.firstMatch(of: datePattern)?.output.date else { return nil }
        let separators: Set<Character> = ["-", "_", ".", " "]
        let undated = (name[..<date.startIndex] + " " + name[date.endIndex...])
            .split(whereSeparator: separators.contains).joined(separator: "-")
        let example = undated.isEmpty ? "" : " (such as \(quoted(undated)))"
        return "set the dataset's name\(example): this one comes from a dated file name, \(why)."
    }

    /// A calendar date in a file name, 1900 to 2099: `2026-11-29`, `2026_11_29`, `2026.11.29` or `20261129`,
    /// not part of a longer run of digits.
    nonisolated(unsafe) static let datePattern =
        /(?:^|[^0-9])(?<date>(?:19|20)[0-9]{2}([-_.]?)(?:0[1-9]|1[0-2])\2(?:0[1-9]|[12][0-9]|3[01]))(?![0-9])/

    /// The indices of the suggestions of each column (`nil`: the dataset's), in order: looking a column's
    /// suggestions up here instead of scanning them all keeps wide files linear.
    private static func indicesByColumn(_ suggestions: [Suggestion]) -> [String?: [Int]] {
        Dictionary(grouping: suggestions.indices, by: { suggestions[$0].column })
    }

    /// A rule result's key as the suggestion wrote it (`max_null_fraction` may have been `nullable`).
    private static func key(of rule: String, in suggestion: Suggestion) -> String {
        rule == "max_null_fraction" && suggestion.key == "nullable" ? "nullable" : rule
    }

    func suggestions(for report: Report, datasetName: String) -> [Suggestion] {
        var list: [Suggestion] = [
            Suggestion(column: nil, key: "name", value: Self.quoted(datasetName)),
            Suggestion(column: nil, key: "rows", value: "{min: 1}")
        ]
        if let duplicates = report.duplicateRows {
            list.append(Suggestion(column: nil, key: "max_duplicate_rows", value: String(duplicates)))
        }
        list.append(Suggestion(column: nil, key: "max_ragged_rows", value: String(report.raggedRows)))
        list.append(Suggestion(column: nil, key: "max_malformed_rows", value: String(report.malformedRows)))
        for (column, _, _) in Self.namedColumns(report) {
            let name = column.name
            list.append(
                Suggestion(column: name, key: "type", value: column.type == .empty ? "string" : column.type.rawValue))
            if column.nulls == 0 {
                list.append(Suggestion(column: name, key: "nullable", value: "false"))
            } else {
                let fraction = Double(column.nulls) / Double(max(column.count, 1))
                let limit = (min(1, fraction * 1.5 + 0.01) * 1000).rounded(.up) / 1000
                list.append(Suggestion(column: name, key: "max_null_fraction", value: JSONValue.format(limit)))
                let tokens = column.nullTokens.map { Self.quoted($0.token) }
                list.append(
                    Suggestion(column: name, key: "null_values", value: "[" + tokens.joined(separator: ", ") + "]"))
            }
            let nonNull = column.typeCounts.reduce(0) { $0 + $1.count }
            if column.type == .string && !column.distinctIsEstimate && column.distinct <= 5 && column.distinct > 0
                && column.count >= 20
            {
                let values = column.topValues.map(\.value).sorted().map(Self.quoted)
                list.append(
                    Suggestion(column: name, key: "allowed_values", value: "[" + values.joined(separator: ", ") + "]"))
            }
            // A key-like column (integer or string, every value distinct) gets no range: tomorrow's keys lie
            // beyond today's. A column holding one value gets a comment instead of a range of that one value.
            let keyLike =
                (column.type == .integer || column.type == .string) && !column.distinctIsEstimate
                && nonNull >= 2 && column.distinct == nonNull
            if !keyLike, column.type == .integer || column.type == .decimal, let low = Self.number(column.min),
                let high = Self.number(column.max)
            {
                let span = high - low
                let scale = column.type == .integer ? 1.0 : 10.0
                func text(_ value: Double) -> String {
                    column.type == .integer && abs(value) < 1e15 ? String(Int(value)) : JSONValue.format(value)
                }
                if span == 0 {
                    list.append(
                        Suggestion(
                            column: name, key: "range", value: nil,
                            note:
                                "no range: every value is \(text(high)), and a range of one value breaks on the first export holding another."
                        ))
                } else {
                    // Widening never crosses zero: a non-negative column stays non-negative. Near the ends of
                    // binary64 (a span of 2e308) the widened bounds overflow: they stop at the largest finite numbers.
                    let lower = Self.finite(
                        ((low >= 0 ? max(0, low - span * 0.1) : low - span * 0.1) * scale).rounded(.down) / scale)
                    let upper = Self.finite(((high + span * 0.1) * scale).rounded(.up) / scale)
                    list.append(
                        Suggestion(column: name, key: "range", value: "{min: \(text(lower)), max: \(text(upper))}"))
                }
            }
            if [.date, .datetime, .time].contains(column.type), let format = column.format,
                !column.findings.contains(where: { $0.kind == .mixedFormats })
            {
                list.append(Suggestion(column: name, key: "date_format", value: Self.quoted(format)))
            }
            if [.integer, .decimal].contains(column.type),
                !column.findings.contains(where: { $0.kind == .mixedFormats })
            {
                if let format = column.format {
                    list.append(Suggestion(column: name, key: "number_format", value: Self.quoted(format)))
                }
                if let unit = column.unit {
                    list.append(Suggestion(column: name, key: "unit", value: Self.quoted(unit)))
                }
            }
            if keyLike, column.nulls == 0 {
                list.append(Suggestion(column: name, key: "unique", value: "true"))
            }
        }
        return list
    }

    /// The first column of each name, in header order, with its 1-based position and the positions of the
    /// later columns of the same name: a rule file names columns by name (its keys cannot repeat), and check
    /// judges a name's rules on its first column, so only that column gets rules.
    /// - Complexity: O(columns).
    static func namedColumns(_ report: Report) -> [(column: ColumnProfile, position: Int, repeats: [Int])] {
        var named: [(column: ColumnProfile, position: Int, repeats: [Int])] = []
        var indexByName: [String: Int] = [:]
        for (offset, column) in report.columns.enumerated() {
            if let index = indexByName[column.name] {
                named[index].repeats.append(offset + 1)
            } else {
                indexByName[column.name] = named.count
                named.append((column, offset + 1, []))
            }
        }
        return named
    }

    func render(_ suggestions: [Suggestion], report: Report) -> String {
        var lines = [
            "# Rules suggested by dqcli \(ToolInfo.version) from \(report.source.path == "-" ? "standard input" : report.source.path) (\(report.rows) row\(report.rows == 1 ? "" : "s")).",
            "# Edit freely: every rule takes `level: warn` to report without failing, e.g.",
            "#   max_null_fraction: {value: 0.05, level: warn}"
        ]
        if let checkCommand { lines.append("# Check with: " + checkCommand.replacingNewlines) }
        lines.append("dataset:")
        func line(_ suggestion: Suggestion, indent: String) {
            if let note = suggestion.note { lines.append(indent + "# " + note.replacingNewlines) }
            guard let value = suggestion.value else { return }
            lines.append(
                indent + suggestion.key + ": "
                    + (suggestion.level == .warn ? Self.withLevel(value, key: suggestion.key) : value))
        }
        let byColumn = Self.indicesByColumn(suggestions)
        for index in byColumn[nil] ?? [] { line(suggestions[index], indent: "  ") }
        lines.append(report.columns.isEmpty ? "columns: {}" : "columns:")
        for (column, position, repeats) in Self.namedColumns(report) {
            let nonNull = column.typeCounts.reduce(0) { $0 + $1.count }
            lines.append(
                "  # \(column.type.rawValue); \(column.nulls) null\(column.nulls == 1 ? "" : "s") of \(column.count); \(column.distinct) distinct\(column.distinctIsEstimate ? " (estimate)" : ""); \(nonNull - column.conforming) non-conforming; grade \(column.grade.rawValue)"
                    .replacingNewlines)
            if let last = repeats.last {
                let positions =
                    repeats.count == 1
                    ? "column \(last) is"
                    : "columns " + repeats.dropLast().map(String.init).joined(separator: ", ") + " and \(last) are"
                lines.append(
                    "  # \(positions) also named \(Self.quoted(column.name)): a rule file names columns by name, so the rules below are for column \(position) only."
                        .replacingNewlines)
            }
            lines.append("  \(Self.quoted(column.name)):")
            for index in byColumn[column.name] ?? [] { line(suggestions[index], indent: "    ") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func withLevel(_ value: String, key: String) -> String {
        if value.hasPrefix("{") { return String(value.dropLast()) + ", level: warn}" }
        if key == "allowed_values" { return "{values: \(value), level: warn}" }
        return "{value: \(value), level: warn}"
    }

    private static func number(_ bound: BoundValue?) -> Double? {
        switch bound {
        case .integer(let value)?: Double(value)
        case .decimal(let value)?: value
        default: nil
        }
    }

    /// A YAML double-quoted scalar: `\` and `"` escaped, control characters as `\xNN` or `\uNNNN`.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    result +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension String {
    /// Line breaks shown as spaces, so a comment stays on one line.
    fileprivate var replacingNewlines: String {
        String(
            unicodeScalars.map {
                $0 == "\n" || $0 == "\r" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0)
            })
    }
}
