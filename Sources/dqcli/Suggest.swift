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
                + "when standard input is a pipe or a file. Several FILEs, folders and patterns give one rule file "
                + "per dataset.", valueName: "FILE"))
    var files: [String] = []

    /// The one FILE of a run of one input.
    var file: String? { files.first }

    @Flag(help: "Search the folders given as FILE in their subfolders too.")
    var recursive = false

    @Option(
        help: ArgumentHelp(
            "Write one rule file per input into DIR, named after its dataset (orders-2026-11-29.csv -> orders.yml), as check --rules-dir reads them.",
            valueName: "DIR"))
    var outputDir: String?

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

    /// The inputs, when the arguments name more than one file by itself (or `--recursive` or `--output-dir` is
    /// given); nil for a run of one file.
    func inputList() throws -> InputList? {
        try ManyInputArguments.inputList(files, recursive: recursive, optionGiven: recursive || outputDir != nil)
    }

    func validate() throws {
        if let list = try inputList() {
            try validate(list)
            return
        }
        guard let input = CommandInput.path(given: file) else { throw CommandInput.missing(verb: "suggest rules for") }
        try RunFileCheck.check([RunFile(.input, input), output.map { RunFile(.suggestedRules, $0) }])
    }

    /// Refuses, before anything is read, what a run over these inputs cannot do.
    private func validate(_ list: InputList) throws {
        let paths = list.inputs.map(\.location.path)
        if paths.contains("-") && !CommandInput.standardInputHoldsData {
            throw CommandInput.missing(verb: "suggest rules for")
        }
        if dataset != nil && paths.count > 1 {
            throw ValidationError(
                "--dataset names the dataset of one input: with several, each is named by its file name without extension and date stamp."
            )
        }
        if output != nil && outputDir != nil {
            throw ValidationError("--output and --output-dir exclude each other: give one.")
        }
        if let outputDir { _ = try Self.ruleFileNames(paths, outputDir: outputDir) }
        try RunFileCheck.check(paths.map { RunFile(.input, $0) } + [output.map { RunFile(.suggestedRules, $0) }])
    }

    /// Each input's rule file name in `--output-dir`: its dataset's name and `.yml`.
    /// - Throws: a usage error when two inputs are of one dataset.
    private static func ruleFileNames(_ paths: [String], outputDir: String) throws -> [String] {
        var inputByName: [String: String] = [:]
        return try paths.map { path in
            let name = QualityCheck.undatedDataset(forPath: path) + ".yml"
            if let earlier = inputByName[name] {
                let collision = ReportNameCollision(name: name, earlierInput: earlier, input: path)
                throw ValidationError(
                    "--output-dir \(MessageText.escaped(outputDir)): \(MessageText.escaped(collision.description)) Give one file per dataset."
                )
            }
            inputByName[name] = path
            return name
        }
    }

    /// One rule file per input: written into `--output-dir`, or printed (or written to `--output`) one YAML
    /// document after another (`---` between them). An input that fails does not stop the others; the exit
    /// status is the highest.
    private func run(_ list: InputList) throws {
        let paths = list.inputs.map(\.location.path)
        let names = try outputDir.map { try Self.ruleFileNames(paths, outputDir: $0) }
        var documents: [String] = []
        var worst: Int32 = 0
        for (index, path) in paths.enumerated() {
            do {
                let text = try RuleSuggester(checkCommand: "dqcli check FILE --rules-dir THIS_FOLDER").suggest(
                    fileAt: path, options: profiling.profileOptions,
                    datasetName: dataset ?? QualityCheck.undatedDataset(forPath: path))
                if let outputDir, let names {
                    try AtomicFileWriter.write(text, to: (outputDir as NSString).appendingPathComponent(names[index]))
                } else {
                    documents.append(text)
                }
            } catch let error as ProfileError {
                Profile.note(error.commandLineDescription)
                worst = max(worst, Profile.exitCode(for: error.code))
            } catch let error as AtomicWriteError {
                Profile.note(error.description)
                worst = max(worst, 73)  // EX_CANTCREAT
            }
        }
        if outputDir == nil { try deliver(documents.joined(separator: "---\n")) }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// Writes the rule file text to `--output` (atomically; exit 73 when it cannot be written), or prints it.
    private func deliver(_ text: String) throws {
        if let output {
            do {
                try AtomicFileWriter.write(text, to: output)
            } catch {
                throw Profile.fail(error.description, exitCode: 73)  // EX_CANTCREAT
            }
        } else {
            try Profile.printToStandardOutput(text)
        }
    }

    func run() throws {
        if let list = try inputList() {
            try run(list)
            return
        }
        let text: String
        do {
            text = try RuleSuggester(checkCommand: "dqcli check FILE --rules THIS_FILE").suggest(
                fileAt: file ?? "-", options: profiling.profileOptions, datasetName: dataset)
        } catch let error as ProfileError {
            throw Profile.fail(error)
        }
        try deliver(text)
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
