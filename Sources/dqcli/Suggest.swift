import ArgumentParser
import DataQuality
import Foundation

/// `dqcli suggest FILE > dq.yml`: a starter rule file from a profile, commented for a steward to edit.
/// Exit statuses: ``exitStatuses``.
struct Suggest: ParsableCommand, ExitStatusDocumented {
    static let configuration = CommandConfiguration(
        abstract: "Write a starter rule file (YAML) from a profile of FILE; check passes with it on FILE.")

    @Argument(
        help: ArgumentHelp(
            "The CSV file; - reads standard input (copied to a temporary file, as it is read twice), as no FILE does "
                + "when standard input is a pipe or a file.", valueName: "FILE"))
    var file: String?

    @OptionGroup var profiling: ProfileArguments

    @Option(help: ArgumentHelp("The dataset name to write (default: the file's name).", valueName: "NAME"))
    var dataset: String?

    @Option(
        name: [.short, .long],
        help: ArgumentHelp("Write the rule file to FILE (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    static let exitStatuses: [(status: String, meaning: String)] = [
        ("0", "the rule file was written."),
        ("64", "usage error: a bad option or value, an unknown --key."),
        (
            "65",
            "bad data: --strict met a malformed or ragged record, a header field is over --max-field-bytes, a compressed input is cut or damaged, or the input is not a CSV."
        ),
        ("66", "the input cannot be opened or read."),
        ("73", "the rule file cannot be written.")
    ]

    func validate() throws {
        guard let input = CommandInput.path(given: file) else { throw CommandInput.missing(verb: "suggest rules for") }
        try RunFileCheck.check([RunFile(.input, input), output.map { RunFile(.suggestedRules, $0) }])
    }

    func run() throws {
        let text: String
        do {
            text = try RuleSuggester(checkCommand: "dqcli check FILE --rules THIS_FILE").suggest(
                fileAt: file ?? "-", options: profiling.profileOptions, datasetName: dataset)
        } catch let error as ProfileError {
            throw Profile.fail(error)
        }
        if let output {
            do {
                try AtomicFileWriter.write(text, to: output)
            } catch {
                throw Profile.fail(error.description, exitCode: 73)
            }
        } else {
            try Profile.printToStandardOutput(text)
        }
    }
}

/// `dqcli history PATH [--dataset NAME]`: the trend of stored runs, as a table, JSON, Markdown or HTML. The
/// database is opened read-only, so one this user may not write is read all the same.
/// Exit statuses: ``exitStatuses``.
struct History: ParsableCommand, ExitStatusDocumented {
    static let configuration = CommandConfiguration(
        abstract: "Print the trend of runs stored in a metrics history (date, rows, grade, score, changed columns).")

    @Argument(help: ArgumentHelp("The SQLite history database written by --history.", valueName: "PATH"))
    var path: String

    @Option(help: ArgumentHelp("Only the runs of this dataset.", valueName: "NAME"))
    var dataset: String?

    @Option(help: "Output format.")
    var format: OutputArguments.Format = .table

    static let exitStatuses: [(status: String, meaning: String)] = [
        ("0", "the trend was printed."),
        ("64", "usage error: a bad option or value, or --dataset names no stored dataset."),
        ("66", "there is no history database at PATH."),
        ("73", "standard output cannot be written."),
        ("74", "the history database cannot be read.")
    ]

    func run() throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Profile.fail("\(path): no such history database.", exitCode: 66)  // EX_NOINPUT
        }
        let runs: [RunMetrics]
        let datasets: [String]
        do {
            let store = try HistoryStore(readingAt: path)
            runs = try store.runs(dataset: dataset)
            datasets = runs.isEmpty && dataset != nil ? try store.datasets() : []
        } catch {
            throw Profile.fail(error.description, exitCode: 74)  // EX_IOERR
        }
        if let dataset, runs.isEmpty {
            throw ValidationError(
                "--dataset \(dataset): the history holds no run of that dataset; "
                    + (datasets.isEmpty
                        ? "it holds no runs yet." : "its datasets are \(datasets.joined(separator: ", ")).")
            )
        }
        let trend = HistoryTrend(runs: runs)
        let text: String
        switch format {
        case .table: text = trend.renderTable()
        case .json: text = trend.renderJSON()
        case .markdown: text = HistoryMarkdownRenderer().render(trend, databasePath: path)
        case .html: text = HistoryHTMLRenderer().render(trend, databasePath: path)
        }
        try Profile.printToStandardOutput(text)
    }
}

/// `dqcli diff OLD.json NEW.json`: drift between two saved JSON reports, without a database.
/// Exit statuses: ``exitStatuses``.
struct Diff: ParsableCommand, ExitStatusDocumented {
    static let configuration = CommandConfiguration(
        abstract: "Compare two saved JSON reports and list the drift (as the history does against the previous run).")

    @Argument(help: ArgumentHelp("The earlier report (dqcli profile --format json).", valueName: "OLD.json"))
    var old: String

    @Argument(help: ArgumentHelp("The later report.", valueName: "NEW.json"))
    var new: String

    @Option(help: ArgumentHelp("Take the drift limits from this rule file's `drift` section.", valueName: "FILE"))
    var rules: String?

    @Option(help: "Output format.")
    var format: OutputArguments.Format = .table

    @Flag(name: .customLong("fail-on-drift"), help: "Exit 1 when there is drift.")
    var failOnDrift = false

    static let exitStatuses: [(status: String, meaning: String)] = [
        ("0", "compared (with drift or without, unless --fail-on-drift)."),
        ("1", "there is drift and --fail-on-drift was given."),
        ("64", "usage error: a bad option or value, a rule file with a mistake."),
        ("65", "a report is not a dqcli JSON report."),
        ("66", "a report cannot be read."),
        ("73", "standard output cannot be written.")
    ]

    func run() throws {
        let limits = try GovernanceArguments.loadRules(at: rules)?.drift ?? DriftLimits()
        func metrics(_ path: String) throws -> RunMetrics {
            do {
                return try RunMetrics(reportAt: path, dataset: "diff")
            } catch let error as ProfileError {
                throw Profile.fail(error)
            } catch {
                throw Profile.fail("\(error)", exitCode: 65)  // EX_DATAERR
            }
        }
        // The older report first, so a message about two unreadable reports names the first one given.
        let earlier = try metrics(old)
        let comparison = ReportComparison(
            old: earlier, oldPath: old, new: try metrics(new), newPath: new, limits: limits)
        let text: String
        switch format {
        case .table: text = comparison.renderText()
        case .json: text = comparison.renderJSON()
        case .markdown: text = HistoryMarkdownRenderer().render(comparison)
        case .html: text = HistoryHTMLRenderer().render(comparison)
        }
        try Profile.printToStandardOutput(text)
        if failOnDrift && !comparison.drift.isEmpty { throw ExitCode(1) }
    }
}
