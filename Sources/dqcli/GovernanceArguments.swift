import ArgumentParser
import DataQuality
import Foundation

/// Metrics history, drift and cron manners, shared by `profile` and `check` (each declares its own `--rules`:
/// optional for `profile`, required for `check`).
struct GovernanceArguments: ParsableArguments {
    /// The help of `--rules`, the same for both commands.
    static let rulesHelp = ArgumentHelp(
        "A YAML rule file (see README); a mistake in it exits 64 before any data is read.", valueName: "FILE")

    @Option(
        help: ArgumentHelp("Store this run in the SQLite metrics history at PATH and report drift.", valueName: "PATH"))
    var history: String?

    @Option(
        help: ArgumentHelp(
            "Dataset name for the history when the rule file names none (default: the file's name without extension and date stamp).",
            valueName: "NAME")
    )
    var dataset: String?

    @Option(
        help: ArgumentHelp(
            "The run time, ISO 8601 (2026-11-29T02:00:00Z); default the clock. For tests and backfills.",
            valueName: "TIME"))
    var now: String?

    @Flag(name: .customLong("fail-on-drift"), help: "Exit 1 when the run drifts from earlier runs (needs --history).")
    var failOnDrift = false

    @Flag(help: "Print nothing but errors: no progress line, no report on standard output (it still goes to --output).")
    var quiet = false

    func validate() throws {
        if let now, ISOTime.seconds(now) == nil {
            throw ValidationError(
                "--now '\(MessageText.escaped(now))': must be an ISO 8601 date or datetime such as 2026-11-29T02:00:00Z."
            )
        }
        if failOnDrift && history == nil {
            throw ValidationError("--fail-on-drift needs --history PATH (drift is measured against stored runs).")
        }
    }

    /// The run time in seconds since the Unix epoch.
    var runTime: Int64 {
        now.flatMap { ISOTime.seconds($0) } ?? Int64(Date().timeIntervalSince1970)
    }

    /// Reads the rule file at `path`, if any; exits 64 with the file, line and key on a mistake.
    static func loadRules(at path: String?) throws -> RuleSet? {
        guard let path else { return nil }
        do {
            return try RuleFileParser().parse(fileAt: path)
        } catch let error as RuleFileError {
            throw Profile.fail(error.description, exitCode: 64)  // EX_USAGE
        }
    }
}
