import ArgumentParser
import DataQuality
import Foundation

/// `dqcli profile FILE`: profile one CSV file (or standard input, `-`, or no FILE with standard input a pipe or
/// a file) and print or write its report; with `--rules` and `--history` it also evaluates rules and records
/// the run (as `check` does). Exit statuses: ``exitStatuses``.
struct Profile: ParsableCommand, ExitStatusDocumented {
    static let configuration = CommandConfiguration(
        abstract: "Profile a CSV file and report its quality.")

    @Argument(help: Self.filesHelp)
    var files: [String] = []

    /// The help of FILE, the same for `profile` and `check`.
    static let filesHelp = ArgumentHelp(
        "The CSV file; - reads standard input, as no FILE does when standard input is a pipe or a file. "
            + "Several FILEs, folders (their .csv, .tsv, .txt and .psv files, also .gz or .zst) and patterns "
            + "('exports/*.csv') give one report per file and a summary.",
        valueName: "FILE")

    /// The one FILE of a run of one input.
    var file: String? { files.first }

    @OptionGroup var profiling: ProfileArguments
    @OptionGroup var presentation: OutputArguments
    @OptionGroup var invalidRows: InvalidRowsArguments
    @Option(help: GovernanceArguments.rulesHelp) var rules: String?
    @OptionGroup var governance: GovernanceArguments
    @OptionGroup var partial: PartialProfileArguments
    @OptionGroup(title: "Partition mode") var partition: PartitionArguments
    @OptionGroup(title: "Many inputs") var many: ManyInputArguments

    static let exitStatuses: [(status: String, meaning: String)] = [
        ("0", "profiled, and every gate passed (failed warn rules do not count)."),
        ("1", "profiled, and a gate failed: --fail-under, an error rule, or drift with --fail-on-drift."),
        (
            "64",
            "usage error: a bad option or value, no FILE and no piped input, an unknown --key, a rule file with a mistake."
        ),
        (
            "65",
            "bad data: --strict met a malformed or ragged record, a header field is over --max-field-bytes, a compressed input is cut or damaged, the input is not a CSV, or (partition mode) an input line is not a record."
        ),
        ("66", "the input cannot be opened or read."),
        ("70", ExitStatusText.unexpectedError),
        ("73", "the report, the --invalid-rows file or the state cannot be written."),
        ("74", "the history database cannot be opened or written.")
    ]

    /// The input: FILE, or `-` (standard input) in partition mode or, `-` given or not, when standard input
    /// is a pipe, a socket or a regular file (`< orders.csv`); nil when there is none (a terminal, or
    /// `/dev/null` as under cron; see ``CommandInput``).
    var input: String? {
        partition.isOn ? file ?? "-" : CommandInput.path(given: file)
    }

    /// The run over many inputs, when the arguments name more than one file by itself.
    func manyInputRun() throws -> ManyInputRun? {
        guard let list = try many.inputList(files) else { return nil }
        return ManyInputRun(
            list: list, profiling: profiling, presentation: presentation, invalidRows: invalidRows, rulesPath: rules,
            governance: governance, many: many, verb: "profile")
    }

    func validate() throws {
        if partition.isOn || partial.stateOut != nil {
            if files.count > 1 || many.isGiven {
                throw ValidationError(
                    "\(partition.isOn ? "partition mode" : "--state-out") reads one input: give one FILE, without --recursive, --output-dir, --combine or --rules-dir."
                )
            }
        } else if let run = try manyInputRun() {
            try run.validate()
            return
        }
        try partition.validate(profiling: profiling, invalidRows: invalidRows, rules: rules, governance: governance)
        guard let file = input else { throw CommandInput.missing(verb: "profile") }
        try invalidRows.validate(presentation: presentation)
        try RunFileCheck.check([
            RunFile(.input, file), rules.map { RunFile(.ruleFile, $0) },
            governance.history.map { RunFile(.historyDatabase, $0) }, presentation.output.map { RunFile(.report, $0) },
            invalidRows.path.map { RunFile(.invalidRows, $0) }, partial.stateOut.map { RunFile(.state, $0) }
        ])
        if partial.stateOut != nil {
            let reportOptions = [
                ("--output", presentation.output != nil), ("--invalid-rows", invalidRows.path != nil),
                ("--history", governance.history != nil), ("--fail-under", presentation.failUnder != nil),
                ("--redact", presentation.redact)
            ]
            if let (flag, _) = reportOptions.first(where: { $0.1 }) {
                throw ValidationError(
                    "--state-out writes a state, not a report: \(flag) applies to the report (give it to dqcli merge).")
            }
        }
    }

    func run() throws {
        if !partition.isOn && partial.stateOut == nil, let run = try manyInputRun() {
            try run.run()
            return
        }
        let file = input ?? "-"
        if let stateOut = partial.stateOut {
            var options = profiling.profileOptions
            options.rules = try GovernanceArguments.loadRules(at: rules)
            do {
                let profiler = Profiler(options: options)
                let state =
                    partition.isOn
                    ? try profiler.partialProfile(
                        partitionAt: file, columnNames: partition.columnNames,
                        rowPositionLimit: partial.stateRowLimit, rowsPartitionedByHash: partial.rowsPartitionedByHash)
                    : try profiler.partialProfile(
                        fileAt: file, rowPositionLimit: partial.stateRowLimit,
                        rowsPartitionedByHash: partial.rowsPartitionedByHash)
                try PartialProfileArguments.write(state, to: stateOut)
            } catch let error as ProfileError {
                throw Self.fail(error)
            } catch let error as AtomicWriteError {
                throw Self.fail(error.description, exitCode: 73)  // EX_CANTCREAT
            }
            return
        }
        let minimumGrade = presentation.failUnder?.grade
        if partition.isOn {
            let check = QualityCheck(
                options: profiling.profileOptions, rules: nil, historyPath: nil, datasetName: nil, now: 0,
                minimumGrade: minimumGrade)
            try GovernedRun(check: check, presentation: presentation, quiet: governance.quiet)
                .run(.partition(path: file, columnNames: partition.columnNames))
            return
        }
        try Self.run(
            file: file, profiling: profiling, presentation: presentation, invalidRows: invalidRows, rules: rules,
            governance: governance)
    }

    /// The shared body of `profile` and `check`.
    static func run(
        file: String, profiling: ProfileArguments, presentation: OutputArguments, invalidRows: InvalidRowsArguments,
        rules rulesPath: String?, governance: GovernanceArguments
    ) throws {
        let rules = try GovernanceArguments.loadRules(at: rulesPath)
        if file == "-", governance.history != nil, governance.dataset == nil, rules?.dataset.name == nil {
            throw ValidationError(
                "--history with standard input needs --dataset NAME (or a rule file whose dataset has a name): every piped file would be stored as one dataset."
            )
        }
        let check = QualityCheck(
            options: profiling.profileOptions, rules: rules, historyPath: governance.history,
            datasetName: governance.dataset, now: governance.runTime, minimumGrade: presentation.failUnder?.grade)
        let showsProgress = !governance.quiet && isatty(STDERR_FILENO) == 1
        try GovernedRun(
            check: check, presentation: presentation, quiet: governance.quiet, failOnDrift: governance.failOnDrift
        ).run(
            .file(
                path: file, progress: showsProgress ? ProgressDisplay.show : nil, invalidRows: invalidRows.request),
            erasesProgress: showsProgress)
    }

    /// A path as one POSIX shell word: as is when it holds only safe characters, else in single quotes.
    static func shellWord(_ text: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+,:@%=")
        if !text.isEmpty && text.allSatisfy(safe.contains) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// What a rule or drift message starts with, `orders (day3.csv): ` (`standard input` for `-`): cron mails
    /// gather the messages of many runs, so each names its dataset and file.
    static func subject(dataset: String, file: String) -> String {
        "\(dataset) (\(MessageText.inputName(file))): "
    }

    /// Writes the report to `--output`, or prints it: on standard output unless `quiet`; with `--output -`
    /// even when `quiet` (the report was asked for there).
    static func deliver(_ checked: CheckedReport, presentation: OutputArguments, quiet: Bool) throws {
        let text: String
        switch presentation.format {
        case .json: text = JSONReportRenderer().render(checked)
        case .table: text = TableReportRenderer(width: 80, color: usesColor(presentation)).render(checked)
        case .html: text = HTMLReportRenderer().render(checked)
        case .markdown: text = MarkdownReportRenderer().render(checked)
        }
        if let output = presentation.output, output != "-" {
            try AtomicFileWriter.write(text, to: output)
        } else if !quiet || presentation.output == "-" {
            try printToStandardOutput(text)
        }
    }

    /// Colour only for the table on a terminal, unless forced either way.
    static func usesColor(_ presentation: OutputArguments) -> Bool {
        switch presentation.color {
        case .always: return true
        case .never: return false
        case .auto:
            return presentation.output == nil && isatty(STDOUT_FILENO) == 1
                && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }

    /// sysexits code for a library error.
    static func exitCode(for code: ProfileError.Code) -> Int32 {
        switch code {
        case .invalidOption, .unknownKeyColumn: 64  // EX_USAGE
        // EX_DATAERR
        case .malformedRecord, .raggedRecord, .invalidState, .invalidEncodedRecord, .damagedCompressedInput, .notCSV: 65
        case .cannotRead: 66  // EX_NOINPUT
        case .cannotWrite: 73  // EX_CANTCREAT
        }
    }

    /// Writes `text` to standard output; a failed write (a full disk, a closed descriptor) is one line on
    /// standard error and exit 73, never a crash.
    static func printToStandardOutput(_ text: String) throws {
        do {
            var text = text
            try text.withUTF8 { try FileHandle.standardOutput.write(contentsOf: UnsafeRawBufferPointer($0)) }
        } catch {
            throw fail("standard output: cannot write the report: \(String(cString: strerror(errno))).", exitCode: 73)
        }
    }

    /// Prints `dqcli: message` on standard error, one line: control characters in it (from a file name, an
    /// option value or the data) are escaped.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data(("dqcli: " + MessageText.escaped(message) + "\n").utf8))
    }

    /// The exit to throw for a library error: an option the input refutes (`--quote ,` with no delimiter to
    /// detect, a `--key` of no column) is a usage error, printed as every other one (`Error:`, the usage
    /// lines, exit 64; see ``DQCLI/main()``); any other error is one `dqcli:` line and its sysexits code.
    static func fail(_ error: ProfileError) -> Error {
        switch error.code {
        case .invalidOption, .unknownKeyColumn: ValidationError(MessageText.escaped(error.commandLineDescription))
        default: fail(error.commandLineDescription, exitCode: exitCode(for: error.code))
        }
    }

    /// Prints `dqcli: message` on standard error and returns the exit to throw.
    static func fail(_ message: String, exitCode: Int32) -> ExitCode {
        note(message)
        return ExitCode(exitCode)
    }
}

/// `dqcli check FILE --rules dq.yml`: profile and evaluate a rule file; exit 1 when an error rule fails. FILE
/// is read as `profile` reads it (standard input for `-` or none, when it holds data).
/// Exit statuses: ``exitStatuses``.
struct Check: ParsableCommand, ExitStatusDocumented {
    static let configuration = CommandConfiguration(
        abstract: "Profile a CSV file and check it against a rule file (exit 1 when an error rule fails).")

    @Argument(help: Profile.filesHelp)
    var files: [String] = []

    /// The one FILE of a run of one input.
    var file: String? { files.first }

    @OptionGroup var profiling: ProfileArguments
    @OptionGroup var presentation: OutputArguments
    @OptionGroup var invalidRows: InvalidRowsArguments
    @Option(help: GovernanceArguments.rulesHelp) var rules: String?
    @OptionGroup var governance: GovernanceArguments
    @OptionGroup(title: "Many inputs") var many: ManyInputArguments

    static let exitStatuses: [(status: String, meaning: String)] = [
        ("0", "profiled, and every gate passed (failed warn rules do not count)."),
        (
            "1",
            "a gate failed: an error rule (a missing required column included), --fail-under, or drift with --fail-on-drift."
        ),
        ("64", "usage error: a bad option or value, an unknown --key, a rule file with a mistake."),
        (
            "65",
            "bad data: --strict met a malformed or ragged record, a header field is over --max-field-bytes, a compressed input is cut or damaged, or the input is not a CSV."
        ),
        ("66", "the input cannot be opened or read."),
        ("70", ExitStatusText.unexpectedError),
        ("73", "the report or the --invalid-rows file cannot be written."),
        ("74", "the history database cannot be opened or written.")
    ]

    /// The run over many inputs, when the arguments name more than one file by itself.
    func manyInputRun() throws -> ManyInputRun? {
        guard let list = try many.inputList(files) else { return nil }
        return ManyInputRun(
            list: list, profiling: profiling, presentation: presentation, invalidRows: invalidRows, rulesPath: rules,
            governance: governance, many: many, verb: "check")
    }

    func validate() throws {
        if rules == nil && many.rulesDir == nil {
            throw ValidationError("give the rule file (--rules FILE), or a folder of them (--rules-dir DIR).")
        }
        // --rules-dir makes a run over many inputs, so a run of one file has --rules.
        if let run = try manyInputRun() {
            try run.validate()
            return
        }
        guard let input = CommandInput.path(given: file) else { throw CommandInput.missing(verb: "check") }
        try invalidRows.validate(presentation: presentation)
        try RunFileCheck.check([
            RunFile(.input, input), rules.map { RunFile(.ruleFile, $0) },
            governance.history.map { RunFile(.historyDatabase, $0) },
            presentation.output.map { RunFile(.report, $0) }, invalidRows.path.map { RunFile(.invalidRows, $0) }
        ])
    }

    func run() throws {
        if let run = try manyInputRun() {
            try run.run()
            return
        }
        try Profile.run(
            file: file ?? "-", profiling: profiling, presentation: presentation, invalidRows: invalidRows, rules: rules,
            governance: governance)
    }
}

/// The progress line on standard error: rewritten in place (carriage return, text, erase to the end of the
/// line), erased at the end.
enum ProgressDisplay {
    @Sendable static func show(_ progress: ProfileProgress) {
        var size = winsize()
        let columns = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        let text = ProgressLine.text(for: progress, columns: columns)
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
    }

    static func erase() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
