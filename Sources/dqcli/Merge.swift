import ArgumentParser
import DataQuality
import Foundation

/// The options of `profile` that write a partial profile (a state file) instead of a report.
struct PartialProfileArguments: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Write the mergeable state of this part instead of a report, to FILE or - (standard output, one JSON line); merge states with `dqcli merge`.",
            valueName: "FILE"))
    var stateOut: String?

    @Flag(
        help:
            "With --state-out: the records were partitioned by dqcli's row hash (dqcli rowhash), so equal records never fall in two parts and merged duplicate counts add."
    )
    var rowsPartitionedByHash = false

    @Option(
        help: ArgumentHelp(
            "With --state-out: distinct rows up to which the state carries its row hashes, so parts merge duplicate counts exactly.",
            valueName: "N"))
    var stateRowLimit = PartialProfile.defaultRowPositionLimit

    func validate() throws {
        if stateOut == nil && rowsPartitionedByHash {
            throw ValidationError("--rows-partitioned-by-hash applies to --state-out only.")
        }
        if stateRowLimit < 0 { throw ValidationError("--state-row-limit must be 0 or more.") }
        if stateOut?.isEmpty == true { throw ValidationError("--state-out needs a path, or - for standard output.") }
    }

    /// Writes the state atomically to the file, or as one line to standard output.
    static func write(_ state: PartialProfile, to path: String) throws {
        let line = String(decoding: state.encoded, as: UTF8.self) + "\n"
        if path == "-" {
            try Profile.printToStandardOutput(line)
        } else {
            try AtomicFileWriter.write(line, to: path)
        }
    }
}

/// `dqcli merge STATE...`: merge partial profiles (from `profile --state-out`) into one report.
/// Exit statuses: ``exitStatuses``.
struct Merge: ParsableCommand, ExitStatusDocumented {
    static let configuration = CommandConfiguration(
        abstract: "Merge partial profiles (profile --state-out) into one report.",
        discussion:
            "States merge in any order into the report one pass over the whole input gives. Columns align by name and occurrence. Duplicate rows are exact when every state carries its row hashes (parts within --state-row-limit distinct rows) or every part was partitioned by dqcli's row hash (--rows-partitioned-by-hash); otherwise duplicate_rows is null and a finding says how to get the count."
    )

    @Argument(help: ArgumentHelp("State files; - reads one from standard input.", valueName: "STATE"))
    var states: [String]

    @Option(help: ArgumentHelp("The rule file the states were made with.", valueName: "FILE"))
    var rules: String?

    @Option(
        help: ArgumentHelp(
            "The report's source.path (default: the states' common path, or `N parts`).", valueName: "NAME"))
    var sourceName: String?

    @Option(
        help: ArgumentHelp(
            "The run time for --rules, ISO 8601 (2026-11-29T02:00:00Z); default the clock. For tests and backfills.",
            valueName: "TIME"))
    var now: String?

    @OptionGroup var presentation: OutputArguments

    static let exitStatuses: [(status: String, meaning: String)] = [
        ("0", "merged, and every gate passed."),
        ("1", "merged, and a gate failed: --fail-under or an error rule of --rules."),
        ("64", "usage error: a bad option or value, a rule file with a mistake, --output naming a state."),
        ("65", "a state is damaged, newer than this dqcli, given twice, or made with other settings or columns."),
        ("66", "a state cannot be read."),
        ("70", ExitStatusText.unexpectedError),
        ("73", "the report cannot be written.")
    ]

    /// The run time in seconds since the Unix epoch.
    var runTime: Int64 {
        now.flatMap { ISOTime.seconds($0) } ?? Int64(Date().timeIntervalSince1970)
    }

    func validate() throws {
        if states.isEmpty { throw ValidationError("give at least one state file.") }
        if let now, ISOTime.seconds(now) == nil {
            throw ValidationError(
                "--now '\(MessageText.escaped(now))': must be an ISO 8601 date or datetime such as 2026-11-29T02:00:00Z."
            )
        }
        if states.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given once.") }
        try RunFileCheck.check(
            states.map { RunFile(.input, $0) } + [
                rules.map { RunFile(.ruleFile, $0) }, presentation.output.map { RunFile(.report, $0) }
            ])
    }

    /// Refuses a part given twice: two state files with equal bytes and rows (states of empty parts are alike
    /// and harmless). The library merges equal states like any others; only here are they files by name.
    /// - Throws: ``ProfileError`` `invalidState` naming the second file and the first.
    static func refuseRepeatedParts(_ parts: [PartialProfile]) throws {
        var seen: [[UInt8]: String] = [:]
        for part in parts where part.rows > 0 {
            if let earlier = seen[part.encoded] {
                throw ProfileError(
                    code: .invalidState, message: "it is the same state as \(earlier): each part must be merged once.",
                    path: part.name)
            }
            seen[part.encoded] = part.name
        }
    }

    func run() throws {
        do {
            let parts = try states.map { path -> PartialProfile in
                let bytes: [UInt8]
                if path == "-" {
                    bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
                } else {
                    // A FileHandle reads pipes and process substitutions too (FileManager reads regular files only).
                    guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() else {
                        throw ProfileError(code: .cannotRead, message: "cannot read the state file.", path: path)
                    }
                    bytes = Array(data)
                }
                return try PartialProfile(decoding: bytes, name: path)
            }
            try Self.refuseRepeatedParts(parts)
            let ruleSet = try GovernanceArguments.loadRules(at: rules)
            // The rule file's dataset and column rules judge the merged report, as `profile --rules` does.
            let check = QualityCheck(
                options: ProfileOptions(), rules: ruleSet, historyPath: nil, datasetName: nil, now: runTime,
                minimumGrade: presentation.failUnder?.grade)
            try GovernedRun(check: check, presentation: presentation)
                .run(.states(parts, sourceName: sourceName))
        } catch let error as ProfileError {
            throw Profile.fail(error)
        } catch let error as AtomicWriteError {
            throw Profile.fail(error.description, exitCode: 73)  // EX_CANTCREAT
        }
    }
}
